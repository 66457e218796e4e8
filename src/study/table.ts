/**
 * The study's table: one row per architecture, in the paper's terms where they exist (H, m, d,
 * d_x, d_y, N, CBB, BKK, B_C, N_C, N_C*, N_R), then ours, and the published numbers beside
 * ours with whether they agree. Exports (CSV and JSON) hold only what the mathematics decides,
 * no timings, so the same study gives the same bytes however often it was interrupted.
 */
import { formatSampling } from '../numeric/distributions.js';
import { archLabel } from './run.js';
import type { Published, StudyArchitecture } from './spec.js';
import type { BoundsRow, InstanceRow, SourceRow, StudyStore } from './store.js';

export interface Spread {
  readonly min: number;
  readonly mean: number;
  readonly max: number;
}

export interface Agreement {
  readonly quantity: string;
  readonly published: number;
  readonly ours: number;
  readonly agrees: boolean;
  /**
   * `count`: a number the mathematics decides (bounds, N_C, N_C*), which must agree. `sample`:
   * a statistic of random instances (max N_R, the mode), which other draws change: set beside
   * ours with the difference, never counted as a disagreement.
   */
  readonly kind: 'count' | 'sample';
}

export interface ArchitectureRow {
  readonly arch: number;
  readonly label: string;
  readonly dims: readonly number[];
  /** Hidden layers, data points, hidden widths, inputs, outputs, weights. */
  readonly H: number;
  readonly m: number;
  readonly d: string;
  readonly dx: number;
  readonly dy: number;
  readonly N: number;
  readonly bounds?: BoundsRow;
  /**
   * (1 + 4·d_y)^d, the paper's bound for one hidden layer of width d trained on one data
   * point; undefined where it does not apply.
   */
  readonly B_C?: number;
  readonly done: boolean;
  readonly instances: number;
  readonly source?: SourceRow;
  /** The most critical points found in one instance (the paper's N_C), and the fewest. */
  readonly N_C?: number;
  readonly min_N_C?: number;
  readonly N_Cstar?: number;
  readonly N_R?: Spread;
  readonly minima?: Spread;
  readonly saddles?: Spread;
  readonly singular: number;
  /** Paths to the instances that ended at infinity or failed, summed over the instances. */
  readonly atInfinity: number;
  readonly failed: number;
  /** Instances per real count. */
  readonly realHistogram: Readonly<Record<string, number>>;
  /** Real nondegenerate points by Morse index, summed over the instances. */
  readonly byIndex: Readonly<Record<string, number>>;
  /** The most points per zero pattern in one instance. */
  readonly patterns: Readonly<Record<string, number>>;
  readonly published?: Published;
  readonly agreement: readonly Agreement[];
  /**
   * Total variation distance between our histogram of real counts and the published one, as
   * shares of instances: 0 when they are the same, 1 when they do not overlap.
   */
  readonly histogramDistance?: number;
}

/** The counts that disagree with the published ones (sample statistics never do). */
export const disagreements = (r: { agreement: readonly Agreement[] }): Agreement[] => r.agreement.filter((g) => g.kind === 'count' && !g.agrees);

/** `yes`, `no: N_C 9 vs 8`, or undefined when nothing published could be compared. */
export function agreementVerdict(r: { agreement: readonly Agreement[] }): string | undefined {
  if (!r.agreement.some((g) => g.kind === 'count')) return undefined;
  const bad = disagreements(r);
  return bad.length === 0 ? 'yes' : `no: ${bad.map((g) => `${g.quantity} ${g.ours} vs ${g.published}`).join('; ')}`;
}

function histogramDistance(ours: Readonly<Record<string, number>>, theirs: Readonly<Record<string, number>>): number {
  const total = (h: Readonly<Record<string, number>>): number => Object.values(h).reduce((a, b) => a + b, 0);
  const a = total(ours);
  const b = total(theirs);
  let d = 0;
  for (const k of new Set([...Object.keys(ours), ...Object.keys(theirs)])) d += Math.abs((ours[k] ?? 0) / a - (theirs[k] ?? 0) / b);
  return d / 2;
}

const spread = (v: readonly number[]): Spread => ({ min: Math.min(...v), mean: v.reduce((a, b) => a + b, 0) / v.length, max: Math.max(...v) });

/** The mode of a histogram: the smallest value among the most frequent. */
function mode(h: Readonly<Record<string, number>>): { value: number; instances: number } | undefined {
  let best: { value: number; instances: number } | undefined;
  for (const [k, n] of Object.entries(h)) {
    const value = Number(k);
    if (!best || n > best.instances || (n === best.instances && value < best.value)) best = { value, instances: n };
  }
  return best;
}

function agreement(
  p: Published | undefined,
  bounds: BoundsRow | undefined,
  r: { N_C?: number; N_Cstar?: number; N_R?: Spread; realHistogram: Readonly<Record<string, number>> },
): Agreement[] {
  if (!p) return [];
  const out: Agreement[] = [];
  const add = (quantity: string, kind: Agreement['kind'], published: number | undefined, ours: number | string | undefined): void => {
    if (published !== undefined && ours !== undefined) out.push({ quantity, published, ours: Number(ours), agrees: published === Number(ours), kind });
  };
  add('CBB', 'count', p.CBB, bounds?.bezout);
  // The published BKK counts roots in Cⁿ (HomotopyContinuation.jl's paths_to_track adds the
  // origin to every support): our stable mixed volume.
  add('BKK', 'count', p.BKK, bounds?.stableMixedVolume);
  if (r.N_C === undefined) return out;
  add('N_C', 'count', p.N_C, r.N_C);
  add('N_Cstar', 'count', p.N_Cstar, r.N_Cstar);
  add('max_N_R', 'sample', p.max_N_R, r.N_R?.max);
  const m = mode(r.realHistogram);
  if (p.mode_N_R && m) {
    add('mode_N_R', 'sample', p.mode_N_R.value, m.value);
    add('mode_N_R_instances', 'sample', p.mode_N_R.instances, m.instances);
  }
  return out;
}

export function architectureRow(arch: number, a: StudyArchitecture, store: StudyStore): ArchitectureRow {
  const state = store.state(arch);
  const rows: InstanceRow[] = state.done ? store.instances(arch) : [];
  const hidden = a.dims.slice(1, -1);
  const dx = a.dims[0]!;
  const dy = a.dims[a.dims.length - 1]!;
  const N = a.dims.slice(1).reduce((s, w, k) => s + w * a.dims[k]!, 0);
  const realHistogram: Record<string, number> = {};
  const byIndex: Record<string, number> = {};
  const patterns: Record<string, number> = {};
  for (const r of rows) {
    realHistogram[r.real] = (realHistogram[r.real] ?? 0) + 1;
    for (const [k, n] of Object.entries(r.byIndex)) byIndex[k] = (byIndex[k] ?? 0) + n;
    for (const [k, n] of Object.entries(r.patterns)) patterns[k] = Math.max(patterns[k] ?? 0, n);
  }
  const counts =
    rows.length === 0
      ? {}
      : {
          N_C: Math.max(...rows.map((r) => r.points)),
          min_N_C: Math.min(...rows.map((r) => r.points)),
          N_Cstar: Math.max(...rows.map((r) => r.nonzero)),
          N_R: spread(rows.map((r) => r.real)),
          minima: spread(rows.map((r) => r.minima)),
          saddles: spread(rows.map((r) => r.saddles)),
        };
  return {
    arch,
    label: archLabel(a),
    dims: a.dims,
    H: hidden.length,
    m: a.points,
    d: hidden.every((w) => w === hidden[0]) ? String(hidden[0] ?? 0) : hidden.join('-'),
    dx,
    dy,
    N,
    ...(state.bounds ? { bounds: state.bounds } : {}),
    ...(hidden.length === 1 && a.points === 1 ? { B_C: (1 + 4 * dy) ** hidden[0]! } : {}),
    done: state.done,
    instances: rows.length,
    ...(state.source ? { source: state.source } : {}),
    ...counts,
    singular: rows.reduce((s, r) => s + r.singular, 0),
    atInfinity: rows.reduce((s, r) => s + (r.atInfinity ?? 0), 0),
    failed: rows.reduce((s, r) => s + (r.failed ?? 0), 0),
    realHistogram,
    byIndex,
    patterns,
    ...(a.published ? { published: a.published } : {}),
    agreement: agreement(a.published, state.bounds, { ...counts, realHistogram }),
    ...(a.published?.histogram && rows.length > 0 ? { histogramDistance: histogramDistance(realHistogram, a.published.histogram) } : {}),
  };
}

export const studyRows = (store: StudyStore): ArchitectureRow[] => store.study.architectures.map((a, k) => architectureRow(k, a, store));

const CSV_COLUMNS = [
  'H',
  'm',
  'd',
  'dx',
  'dy',
  'N',
  'CBB',
  'BKK',
  'B_C',
  'N_C',
  'N_Cstar',
  'min_N_R',
  'mean_N_R',
  'max_N_R',
  'dims',
  'instances',
  'done',
  'multihomogeneous',
  'stable_BKK',
  'source_solutions',
  'min_N_C',
  'mean_minima',
  'mean_saddles',
  'singular_endpoints',
  'real_histogram',
  'real_by_index',
  'published_source',
  'published_N_C',
  'published_N_Cstar',
  'published_max_N_R',
  'agrees',
  'published_CBB',
  'published_BKK',
  'published_histogram',
  'histogram_distance',
  'paths_at_infinity',
  'paths_failed',
] as const;

function csvField(v: unknown): string {
  const s = v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const compact = (h: Readonly<Record<string, number>>): string =>
  Object.entries(h)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([k, n]) => `${k}:${n}`)
    .join(' ');

/** One CSV row per architecture, the paper's columns first. */
export function studyCsv(rows: readonly ArchitectureRow[]): string {
  const lines = rows.map((r) => {
    const value: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      H: r.H,
      m: r.m,
      d: r.d,
      dx: r.dx,
      dy: r.dy,
      N: r.N,
      CBB: r.bounds?.bezout,
      BKK: r.bounds?.mixedVolume,
      B_C: r.B_C,
      N_C: r.N_C,
      N_Cstar: r.N_Cstar,
      min_N_R: r.N_R?.min,
      mean_N_R: r.N_R?.mean.toFixed(2),
      max_N_R: r.N_R?.max,
      dims: r.dims.join('-'),
      instances: r.instances,
      done: r.done,
      multihomogeneous: r.bounds?.multihomogeneous,
      stable_BKK: r.bounds?.stableMixedVolume,
      source_solutions: r.source?.solutions,
      min_N_C: r.min_N_C,
      mean_minima: r.minima?.mean.toFixed(2),
      mean_saddles: r.saddles?.mean.toFixed(2),
      singular_endpoints: r.singular,
      real_histogram: compact(r.realHistogram),
      real_by_index: compact(r.byIndex),
      published_source: r.published?.source,
      published_N_C: r.published?.N_C,
      published_N_Cstar: r.published?.N_Cstar,
      published_max_N_R: r.published?.max_N_R,
      agrees: agreementVerdict(r),
      published_CBB: r.published?.CBB,
      published_BKK: r.published?.BKK,
      published_histogram: r.published?.histogram ? compact(r.published.histogram) : undefined,
      histogram_distance: r.histogramDistance?.toFixed(3),
      paths_at_infinity: r.atInfinity,
      paths_failed: r.failed,
    };
    return CSV_COLUMNS.map((c) => csvField(value[c])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...lines].join('\n') + '\n';
}

/** The JSON export, schema critsolve/study@1: the study, and per architecture its row and every instance. */
export function studyJson(store: StudyStore): Record<string, unknown> {
  const { study } = store;
  return {
    schema: 'critsolve/study@1',
    name: study.name,
    seed: study.seed,
    instances: study.instances,
    sampling: formatSampling(study.sampling),
    recreate: 'instance i of an architecture is `critsolve network --dims D --points M --sampling S --data-seed SEED` with SEED its seed',
    architectures: studyRows(store).map((row) => ({ ...row, instanceRows: store.instances(row.arch) })),
  };
}
