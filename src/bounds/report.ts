/**
 * Root-count bounds for people and for files: a table, a comparison with the number of
 * solutions a solve found, and the `critsolve/bounds@1` JSON. The mixed volumes may be
 * missing (they were skipped: on big systems they take minutes).
 */
import type { MultihomogeneousBound } from './bezout.js';
import { formatTable } from '../numeric/table.js';

export interface BoundsReport {
  readonly bezout: bigint;
  readonly multihomogeneous: MultihomogeneousBound;
  readonly mixedVolume?: bigint;
  readonly stableMixedVolume?: bigint;
}

export interface BoundsJSON {
  schema: 'critsolve/bounds@1';
  variables: string[];
  bezout: number | string;
  multihomogeneous: { partition: string[][]; bound: number | string };
  mixedVolume: number | string | null;
  stableMixedVolume: number | string | null;
  seconds: number;
}

/** A JSON number when it is exact as one, else its decimal digits as a string. */
export function bigintToJSON(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** The `critsolve/bounds@1` document; skipped mixed volumes are null. */
export function boundsToJSON(bounds: BoundsReport, variables: readonly string[], seconds: number): BoundsJSON {
  const optional = (v: bigint | undefined): number | string | null => (v === undefined ? null : bigintToJSON(v));
  return {
    schema: 'critsolve/bounds@1',
    variables: [...variables],
    bezout: bigintToJSON(bounds.bezout),
    multihomogeneous: { partition: bounds.multihomogeneous.partition.map((g) => [...g]), bound: bigintToJSON(bounds.multihomogeneous.bound) },
    mixedVolume: optional(bounds.mixedVolume),
    stableMixedVolume: optional(bounds.stableMixedVolume),
    seconds,
  };
}

/** Groups as {a b c}; a long group shows its first names and its size. */
export function formatPartition(partition: readonly (readonly string[])[], namesPerGroup = 4): string {
  return partition.map((g) => (g.length <= namesPerGroup + 1 ? `{${g.join(' ')}}` : `{${g.slice(0, namesPerGroup).join(' ')} … (${g.length})}`)).join(' ');
}

interface Row {
  readonly label: string;
  readonly value: bigint | undefined;
  /** Bounds every isolated root in Cⁿ (the mixed volume only those with no zero coordinate). */
  readonly allRoots: boolean;
}

function rows(bounds: BoundsReport): Row[] {
  return [
    { label: 'Bézout', value: bounds.bezout, allRoots: true },
    { label: `multihomogeneous ${formatPartition(bounds.multihomogeneous.partition)}`, value: bounds.multihomogeneous.bound, allRoots: true },
    { label: 'mixed volume (roots in (C*)ⁿ)', value: bounds.mixedVolume, allRoots: false },
    { label: 'stable mixed volume (roots in Cⁿ)', value: bounds.stableMixedVolume, allRoots: true },
  ];
}

/** The one table (numeric/table.ts), labels on the left, with no rule under the header. */
function layout(cells: string[][]): string[] {
  return formatTable(cells[0]!, cells.slice(1), { left: (k) => k === 0, rule: false }).split('\n');
}

const SKIPPED = 'skipped';

/** The bounds as a table, one per line, coarsest first. */
export function formatBounds(bounds: BoundsReport): string {
  return layout([['bound', 'root count'], ...rows(bounds).map((r) => [r.label, r.value === undefined ? SKIPPED : r.value.toString()])]).join('\n');
}

/**
 * The number of solutions found next to each bound: how many paths each start system would
 * have needed, and a warning where the count exceeds a bound on all roots (duplicates among
 * the solutions, or solutions that are not isolated). The mixed volume counts only roots
 * without zero coordinates, so exceeding it is no contradiction.
 */
export function formatBoundsComparison(bounds: BoundsReport, found: number): string {
  const f = BigInt(found);
  const cells = rows(bounds).map((r) => {
    if (r.value === undefined) return [r.label, SKIPPED, ''];
    let note = '';
    if (f === r.value) note = 'attained';
    else if (f > r.value) note = r.allRoots ? 'EXCEEDED: duplicates or non-isolated solutions?' : 'some solutions have a zero coordinate';
    else if (r.value > 0n) note = `${percent(f, r.value)} of the bound`;
    return [r.label, r.value.toString(), note];
  });
  return [
    `${found} solution${found === 1 ? '' : 's'} found; root-count bounds:`,
    ...layout([['bound', 'count', 'found / bound'], ...cells]).map((l) => `  ${l}`),
  ].join('\n');
}

function percent(part: bigint, whole: bigint): string {
  const p = Number((part * 10_000n) / whole) / 100;
  return p < 0.01 ? '<0.01 %' : `${p.toFixed(p < 1 ? 2 : 1)} %`;
}
