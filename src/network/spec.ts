/**
 * The network spec file of docs/CONTRACTS.md: read, validate, and turn into options for
 * `linearNetwork`.
 *
 *   { "dims": [2, 2, 2],
 *     "X": [[...], ...],            d_0 rows, one column per data point
 *     "Y": [[...], ...],            d_L rows, the same number of columns
 *     "regularization": { "kind": "entrywise", "lambda": [λ_1, …, λ_L] }   λ_k is d_k × d_{k−1}
 *                     | { "kind": "weight-decay", "lambda": 0.1 } | { "kind": "none" } }
 *
 * X and Y may instead be strings: the path of a CSV file, relative to the spec file, with
 * ONE LINE PER DATA POINT and one comma-separated value per input (or output) — the layout
 * data sets are stored in, i.e. the transpose of the JSON matrix. Blank lines and lines
 * starting with `#` are skipped; there is no header line.
 *
 * `networkSpec` goes the other way: the spec that rebuilds a network.
 *
 * Every refusal is an InputError naming the file and the field path (JSON style, 0-based:
 * `regularization.lambda[1][0][2]`). Unknown fields are ignored, so that the format can be
 * extended.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, ParseError } from '../errors.js';
import { describeValue, formatIssues, networkOptionIssues, type LinearNetwork, type LinearNetworkOptions, type OptionIssue } from './model.js';

const matrix = z.array(z.array(z.number()));
const data = z.union([matrix, z.string()], {
  error: 'must be a matrix (an array of rows of numbers) or the name of a CSV file',
});
const specSchema = z.object({
  dims: z.array(z.number()),
  X: data,
  Y: data,
  regularization: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('entrywise'), lambda: z.array(matrix) }),
    z.object({ kind: z.literal('weight-decay'), lambda: z.number() }),
    z.object({ kind: z.literal('none') }),
  ]),
});

/** What a missing field should hold, for the message. */
const FIELD_HINTS: Record<string, string> = {
  dims: 'the layer widths d_0 … d_L, e.g. [2, 2, 2]',
  X: 'the inputs, d_0 rows and one column per data point, or a CSV file name',
  Y: 'the targets, d_L rows and one column per data point, or a CSV file name',
  regularization: '{ "kind": "entrywise", "lambda": [...] }, { "kind": "weight-decay", "lambda": 0.1 } or { "kind": "none" }',
  'regularization.lambda': 'one λ matrix per layer for "entrywise", a number for "weight-decay"',
};

const EXPECTED: Record<string, string> = {
  number: 'a finite number',
  array: 'an array',
  object: 'an object',
  string: 'a string',
};

function pathString(path: readonly PropertyKey[]): string {
  let s = '';
  for (const key of path) s += typeof key === 'number' ? `[${key}]` : `${s === '' ? '' : '.'}${String(key)}`;
  return s === '' ? 'the spec' : s;
}

/** Turns a zod issue into messages a user can act on. */
function issueMessages(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): OptionIssue[] {
  const path = [...prefix, ...issue.path];
  const at = pathString(path);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_union') {
    const { note, options } = issue as { note?: string; options?: unknown[] };
    if (note === 'No matching discriminator') {
      const kinds = options?.map((o) => `"${String(o)}"`).join(', ');
      const got = (input as { kind?: unknown } | undefined)?.kind;
      return [{ path: at, message: `must be one of ${kinds}, got ${got === undefined ? 'nothing' : describeValue(got)}` }];
    }
    // A union of a matrix and a file name: the branch that got furthest into the input is
    // the one the user meant, and its problem is the one to report.
    const depth = (branch: readonly z.core.$ZodIssue[]): number => Math.max(0, ...branch.map((i) => i.path.length));
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
    if (best && depth(best) > 0) return best.flatMap((i) => issueMessages(i, path));
    return [{ path: at, message: `${issue.message}, got ${describeValue(input)}` }];
  }
  if (issue.code === 'invalid_type') {
    if (input === undefined) {
      const hint = FIELD_HINTS[at];
      return [{ path: at, message: `is missing${hint ? `: give ${hint}` : ''}` }];
    }
    return [{ path: at, message: `must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeValue(input)}` }];
  }
  return [{ path: at, message: issue.message }];
}

/** Byte offset → line and column, for JSON syntax errors. */
function locate(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const positionIn = (message: string): number | undefined => {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
};

/** Whether a prefix of a JSON text is already wrong, rather than valid or merely unfinished. */
function brokenPrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (e) {
    const message = (e as Error).message;
    if (message.startsWith('Unexpected end')) return false;
    const position = positionIn(message);
    return position === undefined || position < prefix.length;
  }
}

/**
 * Where a JSON syntax error sits. V8 gives a position for most errors but not for an
 * unexpected token; then the shortest broken prefix ends with that token (a prefix of a
 * broken prefix is never broken, so bisection finds it).
 */
function errorPosition(text: string, message: string): number {
  const position = positionIn(message);
  if (position !== undefined) return position;
  if (message.startsWith('Unexpected end')) return text.length;
  let fine = 0;
  let broken = text.length;
  while (broken - fine > 1) {
    const mid = (fine + broken) >> 1;
    if (brokenPrefix(text.slice(0, mid))) broken = mid;
    else fine = mid;
  }
  return broken - 1;
}

/** JSON.parse with the problem located at a line and column of `sourceName` (ParseError). */
export function parseJson(text: string, sourceName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    // Drop V8's position and its echo of the whole text: the location replaces both.
    const problem = `invalid JSON: ${message.replace(/( in JSON)? at position \d+$/, '').replace(/, .*is not valid JSON$/s, '')}`;
    throw new ParseError(problem, locate(text, errorPosition(text, message)), sourceName);
  }
}

/** A text file's content, or an InputError naming `what` and why it cannot be read. */
export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new InputError(`cannot read ${what} '${file}': ${why}`);
  }
}

/**
 * A CSV file of numbers as its lines (one data point each). Refuses ragged lines and
 * anything that is not a finite number, pointing at line and column.
 */
function readCsv(file: string, label: string): number[][] {
  const text = readText(file, `the CSV file of ${label}`);
  const rows: number[][] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const row: number[] = [];
    let column = 1;
    for (const field of line.split(',')) {
      const value = field.trim() === '' ? NaN : Number(field);
      if (!Number.isFinite(value)) {
        const problem = field.trim() === '' ? 'empty field: expected a number' : `'${field.trim()}' is not a finite number`;
        throw new ParseError(problem, { line: index + 1, column }, file);
      }
      row.push(value);
      column += field.length + 1;
    }
    if (rows.length > 0 && row.length !== rows[0]!.length) {
      throw new ParseError(`${row.length} values, but the first data line has ${rows[0]!.length}`, { line: index + 1, column: 1 }, file);
    }
    rows.push(row);
  });
  if (rows.length === 0) throw new InputError(`${file}: no data points in the CSV file of ${label}`);
  return rows;
}

const transpose = (rows: readonly (readonly number[])[]): number[][] => rows[0]!.map((_, j) => rows.map((row) => row[j]!));

/**
 * Loads X or Y. A CSV file is checked against its width here, where the message can speak
 * of lines and values rather than of the rows and columns of the transposed matrix.
 */
function loadData(value: number[][] | string, label: 'X' | 'Y', width: number, widthName: string, baseDir: string): { matrix: number[][]; file?: string } {
  if (typeof value !== 'string') return { matrix: value };
  const file = resolve(baseDir, value);
  const lines = readCsv(file, label);
  if (lines[0]!.length !== width) {
    throw new InputError(
      `${file}: ${lines[0]!.length} values per line, but ${widthName} = ${width}: ` +
        `the CSV file of ${label} holds one line per data point with one value per ${label === 'X' ? 'input' : 'output'}`,
    );
  }
  return { matrix: transpose(lines), file };
}

/** Validates a spec given as JSON text; `baseDir` is where CSV paths are resolved from. */
export function parseNetworkSpec(text: string, sourceName = 'spec', baseDir = '.'): LinearNetworkOptions {
  const parsed = specSchema.safeParse(parseJson(text, sourceName), { reportInput: true });
  if (!parsed.success) {
    throw new InputError(`${sourceName}: ${formatIssues(parsed.error.issues.flatMap((i) => issueMessages(i)))}`);
  }
  const spec = parsed.data;
  const structural = networkOptionIssues({ dims: spec.dims });
  if (structural.length > 0) throw new InputError(`${sourceName}: ${formatIssues(structural)}`);
  const last = spec.dims.length - 1;
  const X = loadData(spec.X, 'X', spec.dims[0]!, 'dims[0]', baseDir);
  const Y = loadData(spec.Y, 'Y', spec.dims[last]!, `dims[${last}]`, baseDir);
  if ((X.file || Y.file) && X.matrix[0]!.length !== Y.matrix[0]!.length) {
    throw new InputError(
      `${sourceName}: X has ${X.matrix[0]!.length} data points but Y has ${Y.matrix[0]!.length}; ` +
        'they need one each (one line per data point in a CSV file)',
    );
  }
  const options: LinearNetworkOptions = { dims: spec.dims, X: X.matrix, Y: Y.matrix, regularization: spec.regularization };
  const issues = networkOptionIssues(options);
  if (issues.length > 0) throw new InputError(`${sourceName}: ${formatIssues(issues)}`);
  return options;
}

/** Reads and validates the network spec file at `path`. */
export function loadNetworkSpec(path: string): LinearNetworkOptions {
  return parseNetworkSpec(readText(path, 'the network spec'), path, dirname(resolve(path)));
}

/** A spec that rebuilds a network exactly: its data and every λ (entrywise), in plain arrays, so that it is JSON. */
export interface NetworkSpec {
  dims: number[];
  X: number[][];
  Y: number[][];
  regularization: { kind: 'entrywise'; lambda: number[][][] };
}

/** The spec of `network`, its keys in the file's order (a queue unit's id hashes them). */
export function networkSpec(network: LinearNetwork): NetworkSpec {
  return {
    dims: [...network.dims],
    X: network.X.map((row) => [...row]),
    Y: network.Y.map((row) => [...row]),
    regularization: { kind: 'entrywise', lambda: network.lambda.map((m) => m.map((row) => [...row])) },
  };
}
