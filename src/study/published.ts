/**
 * Numbers published by Bharadwaj and Hoşten (arXiv 2301.12651) for their Tables 3.1 and 3.2,
 * taken from the authors' own released data, since the paper's text is not reachable from here.
 *
 * - `AUTHORS_DATA`: the per-instance outputs of their code (HomotopyContinuation.jl, 100
 *   instances per architecture, X, Y ~ N(0,1) and λ ~ U(0,1) entrywise), as committed to
 *   github.com/ayusbhar2/homotopy_continuatioNN under analysis/cloud_output/ before the files
 *   moved to Git LFS (the blobs are still in the history; the hash prefix is given per row).
 *   Each row is aggregated the way their analysis notebook (analysis/MATH899_Research.ipynb)
 *   builds its table: N_C, N_C* (points with no coordinate below 1e-10 in modulus, per part)
 *   and N_R are maxima over the instances; CBB and BKK are the same in every instance. The
 *   histogram is instances per N_R. One file named dx2dy4 (m = 2) holds d_x = 3 rows; it is
 *   merged with the dx3dy4 file, 200 instances.
 * - `NOTEBOOK_TABLE`: the ten d = 3 rows of the table that notebook printed (commit 7fa1644,
 *   cell 41), whose per-instance files are only LFS pointers; and the 2-2-2 histogram it
 *   printed (cells 30–35).
 *
 * The printed Tables 3.1 (26 rows) and 3.2 (12 rows) may hold a subset of these rows; which
 * subset cannot be checked here. Nothing in this file is computed by critsolve.
 */

export interface PublishedRow {
  readonly dims: readonly number[];
  readonly points: number;
  readonly CBB?: number;
  readonly BKK?: number;
  readonly N_C?: number;
  readonly N_Cstar?: number;
  readonly max_N_R?: number;
  readonly instances?: number;
  readonly histogram?: Readonly<Record<number, number>>;
  readonly file: string;
}

export const BH_REPOSITORY = 'github.com/ayusbhar2/homotopy_continuatioNN';

/** The authors' per-instance data, aggregated as their notebook does. */
export const AUTHORS_DATA: readonly PublishedRow[] = [
  { dims: [1, 1, 1], points: 1, CBB: 9, BKK: 5, N_C: 5, N_Cstar: 4, max_N_R: 3, instances: 100, histogram: { 0: 7, 1: 36, 2: 16, 3: 41 }, file: 'output_di1H1m1dx1dy1_noconv-i-00527a4df593eb0a3.csv (blob ceeb2d4a92)' },
  { dims: [1, 1, 2], points: 1, CBB: 27, BKK: 9, N_C: 9, N_Cstar: 8, max_N_R: 3, instances: 100, histogram: { 0: 2, 1: 33, 2: 6, 3: 59 }, file: 'output_di1H1m1dx1dy2_noconv-i-03a303113bfb06362.csv (blob 95db2f0b7f)' },
  { dims: [1, 1, 3], points: 1, CBB: 81, BKK: 13, N_C: 13, N_Cstar: 12, max_N_R: 3, instances: 100, histogram: { 0: 7, 1: 19, 2: 6, 3: 68 }, file: 'output_di1H1m1dx1dy3_noconv-i-0027a985d3c963eea.csv (blob 66e5d82a73)' },
  { dims: [1, 1, 4], points: 1, CBB: 243, BKK: 17, N_C: 17, N_Cstar: 16, max_N_R: 3, instances: 100, histogram: { 0: 2, 1: 17, 2: 15, 3: 66 }, file: 'output_di1H1m1dx1dy4_noconv-i-08e0fb5002b9e027a.csv (blob 7292f8b92a)' },
  { dims: [2, 1, 1], points: 1, CBB: 27, BKK: 9, N_C: 5, N_Cstar: 4, max_N_R: 3, instances: 100, histogram: { 0: 2, 1: 31, 2: 6, 3: 61 }, file: 'output_di1H1m1dx2dy1_noconv-i-0e0f26234b98c685d.csv (blob 161bda7f21)' },
  { dims: [2, 1, 2], points: 1, CBB: 81, BKK: 33, N_C: 9, N_Cstar: 8, max_N_R: 3, instances: 100, histogram: { 0: 1, 1: 13, 2: 7, 3: 79 }, file: 'output_di1H1m1dx2dy2_noconv-i-089782f6155e98d6d.csv (blob cf81e8d1db)' },
  { dims: [2, 1, 3], points: 1, CBB: 243, BKK: 73, N_C: 13, N_Cstar: 12, max_N_R: 3, instances: 100, histogram: { 1: 6, 3: 94 }, file: 'output_di1H1m1dx2dy3_noconv-i-0718fd44cec163416.csv (blob 7c32db618a)' },
  { dims: [2, 1, 4], points: 1, CBB: 729, BKK: 129, N_C: 17, N_Cstar: 16, max_N_R: 3, instances: 100, histogram: { 1: 3, 3: 97 }, file: 'output_di1H1m1dx2dy4_noconv-i-092eb785473f15b2e.csv (blob 98715b3544)' },
  { dims: [3, 1, 1], points: 1, CBB: 81, BKK: 13, N_C: 5, N_Cstar: 4, max_N_R: 3, instances: 100, histogram: { 1: 17, 2: 3, 3: 80 }, file: 'output_di1H1m1dx3dy1_noconv-i-085ae9c75848f250f.csv (blob 98ba25e015)' },
  { dims: [3, 1, 2], points: 1, CBB: 243, BKK: 73, N_C: 9, N_Cstar: 8, max_N_R: 3, instances: 100, histogram: { 1: 10, 3: 90 }, file: 'output_di1H1m1dx3dy2_noconv-i-0c731f651c5aee3c8.csv (blob f6fcfee078)' },
  { dims: [3, 1, 3], points: 1, CBB: 729, BKK: 245, N_C: 13, N_Cstar: 12, max_N_R: 3, instances: 100, histogram: { 1: 2, 3: 98 }, file: 'output_di1H1m1dx3dy3_noconv-i-00376ad526ef73762.csv (blob 96e5646d44)' },
  { dims: [3, 1, 4], points: 1, CBB: 2187, BKK: 593, N_C: 17, N_Cstar: 16, max_N_R: 3, instances: 100, histogram: { 1: 2, 3: 98 }, file: 'output_di1H1m1dx3dy4_noconv-i-0ce440b078741365a.csv (blob 340989497e)' },
  { dims: [4, 1, 1], points: 1, CBB: 243, BKK: 17, N_C: 5, N_Cstar: 4, max_N_R: 3, instances: 100, histogram: { 1: 11, 2: 1, 3: 88 }, file: 'output_di1H1m1dx4dy1_noconv-i-0e8c95ed94fec0645.csv (blob 8c6f963789)' },
  { dims: [4, 1, 2], points: 1, CBB: 729, BKK: 129, N_C: 9, N_Cstar: 8, max_N_R: 3, instances: 100, histogram: { 1: 6, 3: 94 }, file: 'output_di1H1m1dx4dy2_noconv-i-02e6c13036da464ae.csv (blob 66439afcbe)' },
  { dims: [4, 1, 3], points: 1, CBB: 2187, BKK: 593, N_C: 13, N_Cstar: 12, max_N_R: 3, instances: 100, histogram: { 3: 100 }, file: 'output_di1H1m1dx4dy3_noconv-i-077f94f75593ba7b5.csv (blob 8a6477dfc7)' },
  { dims: [4, 1, 4], points: 1, CBB: 6561, BKK: 1921, N_C: 17, N_Cstar: 16, max_N_R: 3, instances: 100, histogram: { 2: 9, 3: 91 }, file: 'output_di1H1m1dx4dy4_noconv-i-034c3091444518214.csv (blob 60a3ed3897)' },
  { dims: [1, 1, 1], points: 2, CBB: 9, BKK: 5, N_C: 5, N_Cstar: 4, max_N_R: 3, instances: 100, histogram: { 0: 9, 1: 25, 2: 22, 3: 44 }, file: 'output_di1H1m2dx1dy1_noconv-i-0149d2e85cc201975.csv (blob 731e227ade)' },
  { dims: [1, 1, 2], points: 2, CBB: 27, BKK: 9, N_C: 9, N_Cstar: 8, max_N_R: 3, instances: 100, histogram: { 0: 1, 1: 15, 2: 7, 3: 77 }, file: 'output_di1H1m2dx1dy2_noconv-i-0ce030ca7f9c8068f.csv (blob 629a13eda1)' },
  { dims: [1, 1, 3], points: 2, CBB: 81, BKK: 13, N_C: 13, N_Cstar: 12, max_N_R: 3, instances: 100, histogram: { 1: 9, 3: 91 }, file: 'output_di1H1m2dx1dy3_noconv-i-02601b3b4b45da274.csv (blob 2cb4260d6e)' },
  { dims: [1, 1, 4], points: 2, CBB: 243, BKK: 17, N_C: 17, N_Cstar: 16, max_N_R: 3, instances: 100, histogram: { 1: 3, 3: 97 }, file: 'output_di1H1m2dx1dy4_noconv-i-0956e26f1dc577109.csv (blob 2bce9944cc)' },
  { dims: [2, 1, 1], points: 2, CBB: 27, BKK: 9, N_C: 9, N_Cstar: 8, max_N_R: 3, instances: 100, histogram: { 1: 12, 2: 1, 3: 87 }, file: 'output_di1H1m2dx2dy1_noconv-i-0aa1d7ed94eb22846.csv (blob ae77aa68af)' },
  { dims: [2, 1, 2], points: 2, CBB: 81, BKK: 33, N_C: 17, N_Cstar: 16, max_N_R: 5, instances: 100, histogram: { 1: 2, 2: 4, 3: 63, 4: 4, 5: 27 }, file: 'output_di1H1m2dx2dy2_noconv-i-08d1f964de0c7abba.csv (blob 5d4b60815f)' },
  { dims: [2, 1, 3], points: 2, CBB: 243, BKK: 73, N_C: 25, N_Cstar: 24, max_N_R: 9, instances: 100, histogram: { 3: 41, 4: 5, 5: 51, 8: 1, 9: 2 }, file: 'output_di1H1m2dx2dy3_noconv-i-05375839d2c5975d2.csv (blob d453423395)' },
  { dims: [3, 1, 1], points: 2, CBB: 81, BKK: 13, N_C: 9, N_Cstar: 8, max_N_R: 3, instances: 100, histogram: { 0: 2, 1: 4, 2: 26, 3: 68 }, file: 'output_di1H1m2dx3dy1_noconv-i-06471d6002bd7015e.csv (blob 892382b3a8)' },
  { dims: [3, 1, 2], points: 2, CBB: 243, BKK: 73, N_C: 17, N_Cstar: 16, max_N_R: 9, instances: 100, histogram: { 3: 56, 5: 42, 9: 2 }, file: 'output_di1H1m2dx3dy2_noconv-i-0ee2a090d91364290.csv (blob 4db6d73d0e)' },
  { dims: [3, 1, 3], points: 2, CBB: 729, BKK: 245, N_C: 25, N_Cstar: 24, max_N_R: 9, instances: 100, histogram: { 3: 26, 5: 72, 9: 2 }, file: 'output_di1H1m2dx3dy3_noconv-i-0e967b35e7de2e1a1.csv (blob 4878a50823)' },
  { dims: [3, 1, 4], points: 2, CBB: 2187, BKK: 593, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 200, histogram: { 3: 21, 4: 17, 5: 161, 9: 1 }, file: 'output_di1H1m2dx2dy4_noconv-i-09040827df3151cde.csv (blob f24ba9e363) + output_di1H1m2dx3dy4_noconv-i-00f57f0d21c67fa09.csv (blob d8005e7ef9)' },
  { dims: [4, 1, 1], points: 2, CBB: 243, BKK: 17, N_C: 9, N_Cstar: 8, max_N_R: 3, instances: 100, histogram: { 1: 2, 2: 1, 3: 97 }, file: 'output_di1H1m2dx4dy1_noconv-i-0b2bc297057f01196.csv (blob 9077dcb74b)' },
  { dims: [4, 1, 2], points: 2, CBB: 729, BKK: 129, N_C: 17, N_Cstar: 16, max_N_R: 5, instances: 100, histogram: { 1: 1, 3: 33, 5: 66 }, file: 'output_di1H1m2dx4dy2_noconv-i-0de50b5a8fd2cfd53.csv (blob cd7e445454)' },
  { dims: [4, 1, 3], points: 2, CBB: 2187, BKK: 593, N_C: 25, N_Cstar: 24, max_N_R: 5, instances: 100, histogram: { 3: 15, 5: 85 }, file: 'output_di1H1m2dx4dy3_noconv-i-079ee322cd6cbac7a.csv (blob 4bfdf01e24)' },
  { dims: [4, 1, 4], points: 2, CBB: 6561, BKK: 1921, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 3: 2, 4: 3, 5: 94, 9: 1 }, file: 'output_di1H1m2dx4dy4_noconv-i-0599401f8766ed61c.csv (blob d24f11a363)' },
  { dims: [1, 2, 1], points: 1, CBB: 81, BKK: 25, N_C: 9, N_Cstar: 0, max_N_R: 5, instances: 100, histogram: { 0: 22, 1: 18, 2: 9, 3: 13, 4: 11, 5: 27 }, file: 'output_di2H1m1dx1dy1_noconv-i-0e5d659c3699df075.csv (blob b9f7f04320)' },
  { dims: [1, 2, 2], points: 1, CBB: 729, BKK: 81, N_C: 33, N_Cstar: 16, max_N_R: 9, instances: 100, histogram: { 0: 1, 1: 25, 3: 16, 4: 3, 5: 53, 9: 2 }, file: 'output_di2H1m1dx1dy2_noconv-i-04104d1c474efc77b.csv (blob 310a3aef3e)' },
  { dims: [1, 2, 3], points: 1, CBB: 6561, BKK: 169, N_C: 73, N_Cstar: 48, max_N_R: 9, instances: 100, histogram: { 0: 4, 1: 13, 2: 4, 3: 11, 4: 22, 5: 38, 8: 1, 9: 7 }, file: 'output_di2H1m1dx1dy3_noconv-i-0958ab33d24e7bef1.csv (blob 3a08b01e17)' },
  { dims: [1, 1, 1, 1], points: 1, CBB: 125, BKK: 17, N_C: 17, N_Cstar: 16, max_N_R: 9, instances: 100, histogram: { 0: 62, 1: 9, 8: 28, 9: 1 }, file: 'output_di1H2m1dx1dy1_noconv-i-0e573bc3c28b56436.csv (blob abdc5040f1)' },
  { dims: [1, 1, 1, 2], points: 1, CBB: 625, BKK: 33, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 0: 52, 1: 3, 8: 43, 9: 2 }, file: 'output_di1H2m1dx1dy2_noconv-i-0a1983eec68eb31f1.csv (blob 7772345811)' },
  { dims: [2, 1, 1, 1], points: 1, CBB: 625, BKK: 33, N_C: 17, N_Cstar: 16, max_N_R: 9, instances: 100, histogram: { 0: 45, 1: 6, 8: 40, 9: 9 }, file: 'output_di1H2m1dx2dy1_noconv-i-0a96a5fb8c8048ae8.csv (blob 35653e66d4)' },
  { dims: [2, 1, 1, 2], points: 1, CBB: 3125, BKK: 129, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 0: 28, 1: 6, 8: 56, 9: 10 }, file: 'output_di1H2m1dx2dy2_noconv-i-02d4a269569e236d6.csv (blob fc8a85bc9e)' },
  { dims: [3, 1, 1, 1], points: 1, CBB: 3125, BKK: 49, N_C: 17, N_Cstar: 16, max_N_R: 9, instances: 100, histogram: { 0: 39, 1: 8, 8: 44, 9: 9 }, file: 'output_di1H2m1dx3dy1_noconv-i-0069ffcaa80d97396.csv (blob a777cdaf9c)' },
  { dims: [3, 1, 1, 2], points: 1, CBB: 15625, BKK: 289, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 0: 19, 1: 3, 8: 74, 9: 4 }, file: 'output_di1H2m1dx3dy2_noconv-i-0c1cb321f705a46b1.csv (blob c457998861)' },
  { dims: [4, 1, 1, 1], points: 1, CBB: 15625, BKK: 65, N_C: 17, N_Cstar: 16, max_N_R: 9, instances: 100, histogram: { 0: 35, 1: 10, 8: 36, 9: 19 }, file: 'output_di1H2m1dx4dy1_noconv-i-052f08ec86e0b4d79.csv (blob 1324694691)' },
  { dims: [4, 1, 1, 2], points: 1, CBB: 78125, BKK: 513, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 0: 17, 1: 7, 8: 60, 9: 16 }, file: 'output_di1H2m1dx4dy2_noconv-i-04c8bb935eb6b11c5.csv (blob 82358e2837)' },
  { dims: [1, 1, 1, 1], points: 2, CBB: 125, BKK: 17, N_C: 17, N_Cstar: 16, max_N_R: 9, instances: 100, histogram: { 0: 57, 1: 5, 8: 33, 9: 5 }, file: 'output_di1H2m2dx1dy1_noconv-i-05b330367eebcf610.csv (blob d31882d09a)' },
  { dims: [1, 1, 1, 2], points: 2, CBB: 625, BKK: 33, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 0: 36, 1: 6, 8: 50, 9: 8 }, file: 'output_di1H2m2dx1dy2_noconv-i-093b20e08d347eb83.csv (blob ada49d7c23)' },
  { dims: [2, 1, 1, 1], points: 2, CBB: 625, BKK: 33, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 0: 21, 1: 7, 8: 63, 9: 9 }, file: 'output_di1H2m2dx2dy1_noconv-i-08dec203b83e7b9c3.csv (blob b5b749f90b)' },
  { dims: [2, 1, 1, 2], points: 2, CBB: 3125, BKK: 129, N_C: 81, N_Cstar: 80, max_N_R: 24, instances: 100, histogram: { 0: 11, 1: 2, 8: 68, 9: 4, 16: 12, 24: 3 }, file: 'output_di1H2m2dx2dy2_noconv-i-013c3be5e2d093693.csv (blob ce9fa53f5a)' },
  { dims: [3, 1, 1, 1], points: 2, CBB: 3125, BKK: 49, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 0: 30, 1: 3, 8: 63, 9: 4 }, file: 'output_di1H2m2dx3dy1_noconv-i-0b40f8cd0baa9e8f2.csv (blob f700f83f9d)' },
  { dims: [3, 1, 1, 2], points: 2, CBB: 15625, BKK: 289, N_C: 81, N_Cstar: 80, max_N_R: 17, instances: 100, histogram: { 0: 5, 1: 1, 8: 72, 9: 1, 16: 20, 17: 1 }, file: 'output_di1H2m2dx3dy2_noconv-i-0da46b7fd1cddc677.csv (blob 2c69e6edb4)' },
  { dims: [4, 1, 1, 1], points: 2, CBB: 15625, BKK: 65, N_C: 33, N_Cstar: 32, max_N_R: 9, instances: 100, histogram: { 0: 15, 1: 6, 8: 60, 9: 19 }, file: 'output_di1H2m2dx4dy1_noconv-i-0cdea0758bc268a48.csv (blob 79ae87c464)' },
  { dims: [4, 1, 1, 2], points: 2, CBB: 78125, BKK: 513, N_C: 81, N_Cstar: 80, max_N_R: 17, instances: 100, histogram: { 0: 2, 1: 2, 8: 60, 9: 9, 16: 26, 17: 1 }, file: 'output_di1H2m2dx4dy2_noconv-i-094b88a8cb5495af0.csv (blob af45078826)' },
];

/** Rows printed by the authors' notebook whose per-instance data are not available. */
export const NOTEBOOK_TABLE: readonly PublishedRow[] = [
  { dims: [1, 3, 1], points: 1, CBB: 729, BKK: 125, N_C: 13, N_Cstar: 0, max_N_R: 7, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [2, 3, 1], points: 1, CBB: 19683, BKK: 729, N_C: 13, N_Cstar: 0, max_N_R: 7, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [3, 3, 1], points: 1, CBB: 531441, BKK: 2197, N_C: 13, N_Cstar: 0, max_N_R: 7, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [4, 3, 1], points: 1, CBB: 14348907, BKK: 4913, N_C: 13, N_Cstar: 0, max_N_R: 7, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [1, 3, 2], points: 1, CBB: 19683, BKK: 729, N_C: 73, N_Cstar: 0, max_N_R: 15, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [2, 3, 2], points: 1, CBB: 531441, BKK: 35937, N_C: 73, N_Cstar: 0, max_N_R: 15, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [3, 3, 2], points: 1, CBB: 14348907, BKK: 389017, N_C: 73, N_Cstar: 0, max_N_R: 15, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [4, 3, 2], points: 1, CBB: 387420489, BKK: 2146689, N_C: 73, N_Cstar: 0, max_N_R: 15, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [1, 3, 3], points: 1, CBB: 531441, BKK: 2197, N_C: 245, N_Cstar: 64, max_N_R: 19, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [2, 3, 3], points: 1, CBB: 14348907, BKK: 389017, N_C: 245, N_Cstar: 64, max_N_R: 23, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cell 41' },
  { dims: [2, 2, 2], points: 1, max_N_R: 9, instances: 100, histogram: { 1: 6, 2: 1, 3: 8, 4: 1, 5: 76, 9: 8 }, file: 'analysis/MATH899_Research.ipynb, commit 7fa1644, cells 30-35' },
];
