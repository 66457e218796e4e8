/**
 * A study: many architectures × many random instances, as a file (JSON or YAML), a preset or
 * flags. Files are checked with zod; an error names the field (`architectures[2].dims[1]`) and
 * what is wrong with it, and unknown keys are refused rather than ignored.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { distributionProblem, formatSampling, parseDistribution, parseSampling, DEFAULT_SAMPLING, type Sampling } from '../numeric/distributions.js';

/** Numbers a paper published for one architecture, to be set beside ours. */
export interface Published {
  /** Where the numbers come from, e.g. `arXiv 2301.12651, Table 3.1`. */
  readonly source: string;
  readonly N_C?: number;
  readonly N_Cstar?: number;
  readonly max_N_R?: number;
  /** The most frequent real count and in how many instances it occurred. */
  readonly mode_N_R?: { readonly value: number; readonly instances: number };
  /** Bézout number and BKK bound as published (BKK counting roots in Cⁿ, as HomotopyContinuation.jl's `paths_to_track`). */
  readonly CBB?: number;
  readonly BKK?: number;
  /** Instances behind the published sample statistics, and instances per real count. */
  readonly instances?: number;
  readonly histogram?: Readonly<Record<string, number>>;
}

export interface StudyArchitecture {
  /** Layer widths d_0 … d_L. */
  readonly dims: readonly number[];
  /** Data points per instance. */
  readonly points: number;
  readonly published?: Published;
}

export interface Study {
  readonly name: string;
  readonly architectures: readonly StudyArchitecture[];
  readonly instances: number;
  readonly sampling: Sampling;
  /** Instance i (0-based) of every architecture has data seed seed + i; the solves use seed. */
  readonly seed: number;
  /** Each mixed volume is left out of the table when it takes more than this many seconds of work (counted, not timed). */
  readonly boundsSeconds: number;
}

export const DEFAULT_INSTANCES = 100;
export const DEFAULT_BOUNDS_SECONDS = 20;

const positiveInt = z.number().int().min(1);
const published = z.strictObject({
  source: z.string().min(1),
  N_C: positiveInt.optional(),
  N_Cstar: z.number().int().min(0).optional(),
  max_N_R: z.number().int().min(0).optional(),
  mode_N_R: z.strictObject({ value: z.number().int().min(0), instances: positiveInt }).optional(),
  CBB: positiveInt.optional(),
  BKK: positiveInt.optional(),
  instances: positiveInt.optional(),
  histogram: z.record(z.string().regex(/^\d+$/, 'a real count (a whole number)'), positiveInt).optional(),
});
const distribution = (of: 'X' | 'Y' | 'lambda') =>
  z.string().superRefine((text, ctx) => {
    try {
      parseDistribution(text, of);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message.replace(/^[^:]*: /, '') : String(error) });
    }
  });
const studySchema = z.strictObject({
  name: z.string().min(1).optional(),
  architectures: z
    .array(
      z.strictObject({
        dims: z
          .array(z.number().int().min(1, 'a layer width must be at least 1 (a zero width leaves no network)'))
          .min(2, 'needs at least two widths, inputs and outputs'),
        points: positiveInt.optional(),
        published: published.optional(),
      }),
    )
    .min(1, 'needs at least one architecture'),
  instances: positiveInt.max(1_000_000).optional(),
  sampling: z
    .union([z.string(), z.strictObject({ X: distribution('X').optional(), Y: distribution('Y').optional(), lambda: distribution('lambda').optional() })])
    .optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  boundsSeconds: z.number().positive().optional(),
});

type StudyInput = z.infer<typeof studySchema>;

/** `architectures[2].dims[1]: a layer width must be at least 1`, one line per problem. */
function describeIssues(error: z.ZodError, source: string): string {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(top level)';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${allowedKeys(issue.path)})`
        : issue.message;
    return `${where}: ${message}`;
  });
  if (error.issues.length > 5) lines.push(`and ${error.issues.length - 5} more problems`);
  return `invalid study ${source}: ${lines.join('; ')}`;
}

function allowedKeys(path: readonly PropertyKey[]): string {
  const last = path.filter((p) => typeof p === 'string').at(-1);
  if (path.length === 0) return Object.keys(studySchema.shape).join(', ');
  if (last === 'architectures') return 'dims, points, published';
  if (last === 'published') return Object.keys(published.shape).join(', ');
  if (last === 'mode_N_R') return 'value, instances';
  if (last === 'sampling') return 'X, Y, lambda';
  return 'see the README';
}

function samplingOf(input: StudyInput['sampling'], where: string): Sampling {
  if (input === undefined) return DEFAULT_SAMPLING;
  if (typeof input === 'string') return parseSampling(input, `${where} sampling`);
  return {
    X: input.X ? parseDistribution(input.X, 'X') : DEFAULT_SAMPLING.X,
    Y: input.Y ? parseDistribution(input.Y, 'Y') : DEFAULT_SAMPLING.Y,
    lambda: input.lambda ? parseDistribution(input.lambda, 'lambda') : DEFAULT_SAMPLING.lambda,
  };
}

/** A study from parsed JSON/YAML, checked; `source` names it in errors. */
export function studyFromValue(value: unknown, source: string, defaults: { name: string; seed: number }): Study {
  const parsed = studySchema.safeParse(value);
  if (!parsed.success) throw new InputError(describeIssues(parsed.error, source));
  const s = parsed.data;
  const sampling = samplingOf(s.sampling, source);
  for (const of of ['X', 'Y', 'lambda'] as const) {
    const problem = distributionProblem(sampling[of], of);
    if (problem) throw new InputError(`invalid study ${source}: sampling.${of}: ${problem}`);
  }
  return {
    name: s.name ?? defaults.name,
    architectures: s.architectures.map((a) => ({ dims: a.dims, points: a.points ?? 1, ...(a.published ? { published: a.published } : {}) })),
    instances: s.instances ?? DEFAULT_INSTANCES,
    sampling,
    seed: s.seed ?? defaults.seed,
    boundsSeconds: s.boundsSeconds ?? DEFAULT_BOUNDS_SECONDS,
  };
}

/** Reads a study file: YAML for .yaml/.yml, JSON otherwise. */
export function loadStudyFile(file: string, defaults: { seed: number }): Study {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the study file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `the study file ${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return studyFromValue(value, file, { name: file.replace(/^.*\//, '').replace(/\.[^.]*$/, ''), ...defaults });
}

/** The study as a plain value: what the store keeps, and what studyFromValue reads back. */
export function studyToValue(s: Study): Record<string, unknown> {
  return {
    name: s.name,
    architectures: s.architectures.map((a) => ({ dims: [...a.dims], points: a.points, ...(a.published ? { published: a.published } : {}) })),
    instances: s.instances,
    sampling: formatSampling(s.sampling),
    seed: s.seed,
    boundsSeconds: s.boundsSeconds,
  };
}
