/**
 * The real critical points and components a trajectory is matched to ("landmarks"), each by
 * what the network's symmetries leave fixed: the loss and the singular values of the product
 * W_L⋯W_1. They come from a solve in this process (NetworkResult: isolated points, and the
 * components of a decomposition) or from a result file written by `critsolve network --out`
 * (critsolve/result@1), whose `network` field rebuilds the network itself.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseJson, parseNetworkSpec, readText } from '../network/spec.js';
import type { LinearNetworkOptions } from '../network/model.js';
import type { NetworkResult } from '../network/solveNetwork.js';
import { product, singularValues } from './product.js';

export interface Landmark {
  /** An isolated critical point, or a real point of a positive-dimensional component. */
  readonly kind: 'point' | 'component';
  /** Its position among the result's solutions, or among its components (0-based). */
  readonly id: number;
  readonly loss: number;
  /** Singular values of the product at the point, descending. */
  readonly singularValues: readonly number[];
  /** Morse index (Morse–Bott index for a component); absent where the Hessian is degenerate. */
  readonly index?: number;
  readonly rank: number;
  /** The zero pattern of a point; for a component, its dimension and layer ranks. */
  readonly pattern: string;
  /** 0 for a point. */
  readonly dimension: number;
}

function componentPattern(dimension: number, layers: readonly number[]): string {
  return `dimension ${dimension}, layer ranks ${layers.join(',')}`;
}

/** The real landmarks of a solve: its real isolated points, and its components' real points. */
export function landmarksOf(r: NetworkResult): Landmark[] {
  const dims = r.network.dims;
  const points: Landmark[] = r.points.flatMap((c, i) =>
    c.real
      ? [
          {
            kind: 'point' as const,
            id: i,
            loss: c.loss[0],
            singularValues: singularValues(product(dims, r.solve.solutions[i]!.x, 2)),
            ...(c.index === undefined ? {} : { index: c.index }),
            rank: c.rank,
            pattern: c.zeroPattern.key,
            dimension: 0,
          },
        ]
      : [],
  );
  const sets: Landmark[] = (r.criticalSets ?? []).flatMap((s, i) =>
    s.real
      ? [
          {
            kind: 'component' as const,
            id: i,
            loss: s.real.loss,
            singularValues: singularValues(product(dims, s.real.x, 2)),
            index: s.real.index,
            rank: s.productRank,
            pattern: componentPattern(s.dimension, s.layerRanks),
            dimension: s.dimension,
          },
        ]
      : [],
  );
  return [...points, ...sets];
}

const complex = z.tuple([z.number(), z.number()]);
const resultSchema = z.object({
  schema: z.literal('critsolve/result@1', { error: 'not a result file of critsolve network (schema critsolve/result@1)' }),
  network: z.looseObject({ dims: z.array(z.number()) }, { error: 'no network field: write the file with critsolve network --out' }),
  solutions: z.array(
    z.object({
      x: z.array(complex),
      real: z.boolean(),
      loss: complex.optional(),
      index: z.number().optional(),
      rank: z.number().optional(),
      zeroPattern: z.string().optional(),
    }),
  ),
  components: z
    .array(
      z.object({
        dimension: z.number(),
        realPoint: z.object({ x: z.array(z.number()), loss: z.number(), index: z.number() }).optional(),
        ranks: z.object({ layers: z.array(z.number()), product: z.number() }),
      }),
    )
    .optional(),
});

/**
 * Reads the landmarks of a result file, and the network it describes (a valid spec).
 * Solutions without a class (a file of critsolve solve) are refused with the reason.
 */
export function landmarksFromFile(path: string): { network: LinearNetworkOptions; landmarks: Landmark[] } {
  const parsed = resultSchema.safeParse(parseJson(readText(path, 'the result file'), path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${path}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  const r = parsed.data;
  const network = parseNetworkSpec(JSON.stringify(r.network), `${path} (its network field)`);
  const dims = network.dims;
  const weights = dims.slice(1).reduce((s, d, l) => s + d * dims[l]!, 0);
  const landmarks: Landmark[] = [];
  r.solutions.forEach((s, i) => {
    if (s.x.length !== weights)
      throw new InputError(`${path}: solutions.${i}.x has ${s.x.length} coordinates, but the network ${dims.join('-')} has ${weights} weights`);
    if (!s.real) return;
    if (s.loss === undefined || s.rank === undefined || s.zeroPattern === undefined)
      throw new InputError(`${path}: solutions.${i} has no loss, rank or zero pattern: write the file with critsolve network --out`);
    const x = s.x.flatMap(([re, im]) => [re, im]);
    landmarks.push({
      kind: 'point',
      id: i,
      loss: s.loss[0],
      singularValues: singularValues(product(dims, x, 2)),
      ...(s.index === undefined ? {} : { index: s.index }),
      rank: s.rank,
      pattern: s.zeroPattern,
      dimension: 0,
    });
  });
  (r.components ?? []).forEach((c, i) => {
    if (!c.realPoint) return;
    if (c.realPoint.x.length !== weights)
      throw new InputError(`${path}: components.${i}.realPoint.x has ${c.realPoint.x.length} coordinates, but the network has ${weights} weights`);
    landmarks.push({
      kind: 'component',
      id: i,
      loss: c.realPoint.loss,
      singularValues: singularValues(product(dims, c.realPoint.x)),
      index: c.realPoint.index,
      rank: c.ranks.product,
      pattern: componentPattern(c.dimension, c.ranks.layers),
      dimension: c.dimension,
    });
  });
  return { network, landmarks };
}
