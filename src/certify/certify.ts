/**
 * Certified solutions: each approximate solution is (optionally) Newton-refined and then
 * certified by the Krawczyk test on a box whose radius is tied to its Newton step. A
 * certified box holds exactly one solution; certified boxes that intersect are counted once
 * (duplicates give overlapping boxes); realness is decided by conjugation symmetry
 * (Breiding–Rose–Timme, as in HomotopyContinuation.jl):
 *
 * - X ∩ conj(X) = ∅: the solution z ∈ X differs from conj(z) ∈ conj(X), so it is not real;
 * - X lies in a conjugation-symmetric box H that passes the test: z and conj(z) are both in
 *   H, whose solution is unique, so z = conj(z) is real.
 *
 * Both need real coefficients (then conj(z) is a solution too); otherwise realness is unknown.
 */
import { InputError } from '../errors.js';
import * as I from '../numeric/interval.js';
import { nextUp } from '../numeric/rounding.js';
import { normInf } from '../numeric/complex.js';
import type { System } from '../poly/system.js';
import { boxAround, krawczykCenter, krawczykContracts } from './krawczyk.js';
import { newtonStep, refine as newtonRefine } from './ddNewton.js';
import { sparseSystem, type SparseSystem } from './sparse.js';

export interface CertifyOptions {
  /** Values of the system's parameters, interleaved (re, im); required when it has any. */
  readonly parameters?: Float64Array;
  /**
   * Newton-refine each point before certifying it (default true). With false the given point
   * itself is the center of the box: a certificate then says that this point lies within the
   * box radius of a unique solution.
   */
  readonly refine?: boolean;
  /**
   * A point is "close to a solution" when its first Newton step is at most
   * maxStep·max(1, ‖x‖∞) (default 1e-6); farther points are refused, since Newton could
   * carry them to a different solution than the one they approximate.
   */
  readonly maxStep?: number;
}

export type Realness = 'certified-real' | 'certified-nonreal' | 'unknown';

export type CertifyFailure = 'singular Jacobian' | 'Krawczyk operator not contracting' | 'not close to a solution';

/** A box center_k + radius·([-1, 1] + i·[-1, 1]); the one in a certificate holds a unique solution. */
export interface Box {
  readonly center: Float64Array;
  readonly radius: number;
}

export interface CertifiedSolution {
  readonly certified: boolean;
  readonly reason?: CertifyFailure;
  /** The certified box (its bounds rounded outward). */
  readonly box?: Box;
  readonly real: Realness;
  /** The refined point (the box center when certified), interleaved (re, im). */
  readonly refined: Float64Array;
  /** Index of the first solution in this one's group of intersecting boxes: counted once, there. */
  readonly duplicateOf?: number;
}

export interface CertifyCounts {
  readonly certified: number;
  /**
   * Groups of mutually intersecting certified boxes. Disjoint groups hold different solutions,
   * so this is a proven lower bound on the number of distinct solutions (exact when only
   * duplicates overlap, the practical case: boxes are a few Newton steps wide).
   */
  readonly certifiedDistinct: number;
  /** Groups holding a box certified real: a proven lower bound on distinct real solutions. */
  readonly certifiedReal: number;
  readonly uncertified: number;
}

export interface CertifyResult {
  readonly solutions: CertifiedSolution[];
  readonly counts: CertifyCounts;
}

/**
 * Box radii tried, as multiples f of the enclosed Newton step |Y·F(x̃)|: K(X) ⊂ X roughly needs
 * ‖I − Y·J(X)‖ < 1 − 1/f, so a bigger box tolerates a weaker contraction (while J varies more).
 */
const RADIUS_FACTORS = [4, 16, 64];
/** Below this, a radius drowns in the rounding of the box bounds around the center. */
const ULP_FACTOR = 64 * Number.EPSILON;

/** Tries the radii at one center; the first box that passes, or why none did. */
function tryCenter(sys: SparseSystem, center: Float64Array): Box | CertifyFailure {
  const c = krawczykCenter(sys, center);
  if (!c) return 'singular Jacobian';
  const floor = ULP_FACTOR * normInf(center) + Number.MIN_VALUE;
  for (const f of RADIUS_FACTORS) {
    const r = nextUp(f * c.step + floor);
    if (krawczykContracts(sys, c, r)) return { center, radius: r };
  }
  return 'Krawczyk operator not contracting';
}

/** Realness of the unique solution in a certified box (see the module comment). */
function realness(sys: SparseSystem, box: Box): Realness {
  if (!sys.realCoefficients) return 'unknown';
  const x = boxAround(box.center, box.radius);
  if (x.some((b) => !I.intersects(b.im, I.neg(b.im)))) return 'certified-nonreal';
  const realCenter = box.center.map((v, k) => (k % 2 === 0 ? v : 0));
  const c = krawczykCenter(sys, realCenter);
  if (!c) return 'unknown';
  let maxIm = 0;
  for (let k = 1; k < box.center.length; k += 2) maxIm = Math.max(maxIm, Math.abs(box.center[k]!));
  // H = Re(x̃) + R·([-1, 1] + i·[-1, 1]) with R ≥ |Im x̃| + r holds X and is its own conjugate.
  const radius = nextUp(maxIm + box.radius);
  for (const f of [1, 4]) if (krawczykContracts(sys, c, f * radius)) return 'certified-real';
  return 'unknown';
}

function certifyOne(sys: SparseSystem, x: Float64Array, refine: boolean, maxStep: number): CertifiedSolution {
  const notCertified = (reason: CertifyFailure, refined = x): CertifiedSolution => ({ certified: false, reason, real: 'unknown', refined });
  if (!x.every(Number.isFinite)) return notCertified('not close to a solution');
  const first = newtonStep(sys, x);
  if (!first) return notCertified('singular Jacobian');
  if (!(normInf(first) <= maxStep * Math.max(1, normInf(x)))) return notCertified('not close to a solution');
  const center = refine ? newtonRefine(sys, x) : x;
  const outcome = tryCenter(sys, center);
  if (typeof outcome === 'string') return notCertified(outcome, center);
  return {
    certified: true,
    box: outcome,
    real: realness(sys, outcome),
    refined: outcome.center,
  };
}

/** Groups certified solutions whose boxes intersect; returns for each the first of its group. */
function groupIntersecting(solutions: readonly CertifiedSolution[]): Map<number, number> {
  const boxes = solutions.flatMap((s, k) => (s.box ? [{ k, b: boxAround(s.box.center, s.box.radius) }] : []));
  boxes.sort((p, q) => p.b[0]!.re.lo - q.b[0]!.re.lo);
  const parent = new Map<number, number>(boxes.map(({ k }) => [k, k]));
  const root = (k: number): number => {
    while (parent.get(k)! !== k) k = parent.get(k)!;
    return k;
  };
  // Sweep along the real part of the first coordinate: only overlapping neighbours can meet.
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length && boxes[b]!.b[0]!.re.lo <= boxes[a]!.b[0]!.re.hi; b++) {
      const [p, q] = [boxes[a]!, boxes[b]!];
      const meet = p.b.every((u, i) => I.intersects(u.re, q.b[i]!.re) && I.intersects(u.im, q.b[i]!.im));
      if (!meet) continue;
      const [rp, rq] = [root(p.k), root(q.k)];
      if (rp !== rq) parent.set(Math.max(rp, rq), Math.min(rp, rq));
    }
  }
  return new Map([...parent.keys()].map((k) => [k, root(k)]));
}

/**
 * Certifies approximate solutions (each interleaved re, im) of a square system. Never throws
 * for a point that fails: the failure is a result with a reason.
 */
export function certifySolutions(system: System, solutions: readonly Float64Array[], options: CertifyOptions = {}): CertifyResult {
  const sys = sparseSystem(system, options.parameters);
  const maxStep = options.maxStep ?? 1e-6;
  solutions.forEach((x, k) => {
    if (x.length !== 2 * sys.n) throw new InputError(`solution ${k + 1} has ${x.length} numbers; expected ${2 * sys.n} (re, im for each of ${sys.n} unknowns)`);
  });
  const single = solutions.map((x) => certifyOne(sys, x, options.refine ?? true, maxStep));
  const group = groupIntersecting(single);
  const out = single.map((s, k) => {
    const first = group.get(k);
    return first !== undefined && first !== k ? { ...s, duplicateOf: first } : s;
  });
  const roots = new Set(group.values());
  const realRoots = new Set([...group].filter(([k]) => out[k]!.real === 'certified-real').map(([, r]) => r));
  const certified = out.filter((s) => s.certified).length;
  return {
    solutions: out,
    counts: { certified, certifiedDistinct: roots.size, certifiedReal: realRoots.size, uncertified: out.length - certified },
  };
}
