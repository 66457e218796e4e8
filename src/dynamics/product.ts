/** The end-to-end product W_L⋯W_1 and its singular values: what the network's symmetries leave fixed. */
/** The product W_L⋯W_1 of real weights (row-major per layer, as weightNames). */
export function product(dims: readonly number[], w: ArrayLike<number>, stride = 1): number[][] {
  let offset = 0;
  let P: number[][] | undefined;
  for (let l = 1; l < dims.length; l++) {
    const rows = dims[l]!;
    const cols = dims[l - 1]!;
    const W = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => w[stride * (offset + i * cols + j)]!));
    offset += rows * cols;
    P = P === undefined ? W : W.map((wr) => P![0]!.map((_, j) => wr.reduce((s, v, k) => s + v * P![k]![j]!, 0)));
  }
  return P!;
}

/** Singular values of a small real matrix, descending (eigenvalues of PᵀP by Jacobi). */
export function singularValues(P: readonly (readonly number[])[]): number[] {
  const n = P[0]!.length;
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => P.reduce((s, row) => s + row[i]! * row[j]!, 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(A[p]![q]!) < 1e-300) continue;
        const theta = (A[q]![q]! - A[p]![p]!) / (2 * A[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
      }
  }
  return A.map((row, i) => Math.sqrt(Math.max(0, row[i]!))).sort((a, b) => b - a);
}
