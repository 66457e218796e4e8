/**
 * Named studies. Published numbers are given only where we have them from a source we can
 * name; a preset never invents one.
 */
import { InputError } from '../errors.js';
import { studyFromValue, type Study } from './spec.js';

const BH = 'arXiv 2301.12651 (Bharadwaj–Hoşten), as quoted in critsolve issue #13';

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
      architectures: smallOneHidden.map((dims) => ({ dims, points: 1, ...(dims.join() === '2,2,2' ? { published: { source: BH, max_N_R: 9 } } : {}) })),
    },
  },
  'bharadwaj-hosten-figure-3.2': {
    description: "Figure 3.2 of the paper: the histogram of real counts of d_x = 2, d = 3, d_y = 3 over 100 instances, the paper's sampling",
    value: {
      name: 'bharadwaj-hosten-figure-3.2',
      sampling: 'bharadwaj-hosten',
      instances: 100,
      architectures: [{ dims: [2, 3, 3], points: 1, published: { source: `${BH}, Figure 3.2`, max_N_R: 27, mode_N_R: { value: 7, instances: 60 } } }],
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
      ].map((dims) => ({ dims, points: 1 })),
    },
  },
};

/** Presets that users ask for but that we cannot give honestly, and why. */
const UNAVAILABLE: Record<string, string> = {
  'bharadwaj-hosten-table-3.1':
    "the published Table 3.1 (its 26 architectures and their N_C, N_C*, max N_R) could not be retrieved from this machine: only the paper's abstract is reachable, and the authors' released per-instance outputs are Git LFS pointers without their data. Give the rows as a study file with `published` numbers per architecture (see the README), or use --preset bharadwaj-hosten-small",
  'bharadwaj-hosten-table-3.2':
    "the published Table 3.2 (12 two-hidden-layer architectures) could not be retrieved from this machine: only the paper's abstract is reachable. Give the rows as a study file with `published` numbers per architecture, or use --preset two-hidden-small",
};

export const STUDY_PRESETS = Object.keys(PRESETS);

export function describePresets(): string {
  return Object.entries(PRESETS)
    .map(([name, p]) => `${name}: ${p.description}`)
    .join('; ');
}

export function studyPreset(name: string, seed: number): Study {
  const preset = PRESETS[name];
  if (!preset) {
    const why = UNAVAILABLE[name];
    if (why) throw new InputError(`--preset ${name} is not available: ${why}`);
    throw new InputError(`unknown --preset ${name}; the presets are ${STUDY_PRESETS.join(', ')}`);
  }
  return studyFromValue(preset.value, `preset ${name}`, { name, seed });
}
