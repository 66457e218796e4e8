/**
 * Named studies. Published numbers are given only where we have them from a source we can
 * name; a preset never invents one.
 */
import { InputError } from '../errors.js';
import { AUTHORS_DATA, BH_REPOSITORY, NOTEBOOK_TABLE, type PublishedRow } from './published.js';
import { studyFromValue, type Published, type Study } from './spec.js';

const BH = 'arXiv 2301.12651 (Bharadwaj–Hoşten), as quoted in critsolve issue #13';

const key = (dims: readonly number[], points: number): string => `${dims.join(',')}/${points}`;
const PUBLISHED = new Map<string, PublishedRow>([...AUTHORS_DATA, ...NOTEBOOK_TABLE].map((r) => [key(r.dims, r.points), r]));

/** The authors' numbers for an architecture, as a `published` entry, where there are any. */
export function publishedFor(dims: readonly number[], points: number): Published | undefined {
  const r = PUBLISHED.get(key(dims, points));
  if (!r) return undefined;
  const { dims: _d, points: _p, file, histogram, ...numbers } = r;
  return { source: `Bharadwaj–Hoşten authors' data (${BH_REPOSITORY}: ${file})`, ...numbers, ...(histogram ? { histogram: { ...histogram } } : {}) };
}

const withPublished = (dims: readonly number[], points: number): Record<string, unknown> => {
  const published = publishedFor(dims, points);
  return { dims, points, ...(published ? { published } : {}) };
};

const hiddenLayers = (r: PublishedRow): number => r.dims.length - 2;
const byShape = (a: PublishedRow, b: PublishedRow): number =>
  a.dims[1]! - b.dims[1]! || a.points - b.points || a.dims[0]! - b.dims[0]! || a.dims[a.dims.length - 1]! - b.dims[b.dims.length - 1]!;
const tableRows = (H: number): PublishedRow[] => [...PUBLISHED.values()].filter((r) => hiddenLayers(r) === H).sort(byShape);

/** One-hidden-layer networks with up to 8 weights, every width 1 or 2, one data point. */
const smallOneHidden = [
  [1, 1, 1],
  [1, 1, 2],
  [2, 1, 1],
  [2, 1, 2],
  [1, 2, 1],
  [1, 2, 2],
  [2, 2, 1],
  [2, 2, 2],
];

const PRESETS: Record<string, { description: string; value: Record<string, unknown> }> = {
  'bharadwaj-hosten-small': {
    description: "the paper's sampling on the one-hidden-layer architectures with widths ≤ 2 (8 rows, 100 instances each)",
    value: {
      name: 'bharadwaj-hosten-small',
      sampling: 'bharadwaj-hosten',
      instances: 100,
      architectures: smallOneHidden.map((dims) => withPublished(dims, 1)),
    },
  },
  'bharadwaj-hosten-figure-3.2': {
    description: "Figure 3.2 of the paper: the histogram of real counts of d_x = 2, d = 3, d_y = 3 over 100 instances, the paper's sampling",
    value: {
      name: 'bharadwaj-hosten-figure-3.2',
      sampling: 'bharadwaj-hosten',
      instances: 100,
      architectures: [
        {
          dims: [2, 3, 3],
          points: 1,
          published: {
            ...publishedFor([2, 3, 3], 1),
            source: `${BH}, Figure 3.2 (max N_R 27, mode 7 in 60 instances); CBB, BKK, N_C, N_C*: ${publishedFor([2, 3, 3], 1)!.source}, whose max N_R is 23`,
            max_N_R: 27,
            mode_N_R: { value: 7, instances: 60 },
          },
        },
      ],
    },
  },
  'bharadwaj-hosten-table-3.1': {
    description:
      "the one-hidden-layer rows behind Table 3.1: every architecture for which the authors released data (45 rows, 1 or 2 data points, widths d = 1, 2, 3), 100 instances each, the paper's sampling, beside the authors' N_C, N_C*, CBB, BKK and max N_R",
    value: {
      name: 'bharadwaj-hosten-table-3.1',
      sampling: 'bharadwaj-hosten',
      instances: 100,
      architectures: tableRows(1).map((r) => withPublished(r.dims, r.points)),
    },
  },
  'bharadwaj-hosten-table-3.2': {
    description:
      "the two-hidden-layer rows behind Table 3.2 for which the authors released data (16 rows: width 1, 1 or 2 data points), 100 instances each, the paper's sampling, beside the authors' numbers",
    value: {
      name: 'bharadwaj-hosten-table-3.2',
      sampling: 'bharadwaj-hosten',
      instances: 100,
      architectures: tableRows(2).map((r) => withPublished(r.dims, r.points)),
    },
  },
  'two-hidden-small': {
    description: 'two hidden layers of width 1 or 2 on one data point (6 rows)',
    value: {
      name: 'two-hidden-small',
      sampling: 'bharadwaj-hosten',
      instances: 100,
      architectures: [
        [1, 1, 1, 1],
        [2, 1, 1, 1],
        [1, 1, 1, 2],
        [2, 1, 1, 2],
        [1, 2, 2, 1],
        [2, 2, 2, 1],
      ].map((dims) => withPublished(dims, 1)),
    },
  },
};

export const STUDY_PRESETS = Object.keys(PRESETS);

export function describePresets(): string {
  return Object.entries(PRESETS)
    .map(([name, p]) => `${name}: ${p.description}`)
    .join('; ');
}

export function studyPreset(name: string, seed: number): Study {
  const preset = PRESETS[name];
  if (!preset) throw new InputError(`unknown --preset ${name}; the presets are ${STUDY_PRESETS.join(', ')}`);
  return studyFromValue(preset.value, `preset ${name}`, { name, seed });
}
