/** What commands share: parsing and checking option values (bad values are InputErrors), and writing files. */
import { writeFileSync } from 'node:fs';
import { checkInteger, InputError } from '../errors.js';
import type { writePhcWitnessSets } from '../decompose/export.js';
import type { Regularization } from '../network/model.js';
import { NETWORK_METHODS, type NetworkMethod } from '../network/plan.js';
import type { System } from '../poly/system.js';
import { writeBertini, writeJulia, writePhc, writeText } from '../poly/write.js';

export function parseInteger(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => checkInteger(`--${name}`, /^-?\d+$/.test(value.trim()) ? Number(value) : NaN, min, max, `'${value}'`);
}

/** A positive real option value (`name` as the user typed it, e.g. `--step`). */
export function parsePositive(name: string) {
  return (value: string): number => {
    const v = Number(value);
    if (!Number.isFinite(v) || v <= 0) throw new InputError(`${name} must be a positive number, got "${value}"`);
    return v;
  };
}

/** --dims: the layer widths d_0,…,d_L of a network, two or more positive integers. */
export function parseDims(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length < 2 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) {
    throw new InputError(
      `--dims must be two or more positive integers separated by commas (the layer widths d_0,…,d_L, inputs first), e.g. 2,2,2; got '${value}'`,
    );
  }
  return parts.map(Number);
}

/** Writes JSON to a file, turning file-system errors into messages that name the path. */
export function writeJson(path: string, value: unknown): void {
  try {
    writeFileSync(path, JSON.stringify(value, null, 1) + '\n');
  } catch (err) {
    throw new InputError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** --method of critsolve network. */
export function parseMethod(value: string): NetworkMethod {
  if (!(NETWORK_METHODS as readonly string[]).includes(value)) {
    throw new InputError(`--method must be one of ${NETWORK_METHODS.join(', ')}; got '${value}'`);
  }
  return value as NetworkMethod;
}

/** --trace-test's line: generic (the default when the flag has no value) or single. */
export function parseTraceLine(value: string): 'single' | 'generic' {
  if (value === 'single' || value === 'generic') return value;
  throw new InputError(`--trace-test takes generic or single, got '${value}'`);
}

/** The formats --export writes a system in. */
export const EXPORTERS: Record<string, { write: (s: System) => string; name: string }> = {
  phc: { write: writePhc, name: 'PHCpack input format' },
  bertini: { write: writeBertini, name: 'Bertini input file' },
  julia: { write: writeJulia, name: 'HomotopyContinuation.jl script' },
  text: { write: writeText, name: 'critsolve text format' },
};

/** --export FORMAT FILE. */
export function checkExport(values: readonly string[]): { format: string; file: string } {
  const [format, file] = values;
  if (values.length !== 2 || format === undefined || file === undefined) {
    throw new InputError(`--export needs a format and a file name, e.g. --export phc system.phc; got '${values.join(' ')}'`);
  }
  if (!(format in EXPORTERS)) {
    throw new InputError(`--export format must be one of ${Object.keys(EXPORTERS).join(', ')}; got '${format}'`);
  }
  return { format, file };
}

/** --regularization generic | none | weight-decay=L. */
export function parseRegularization(value: string): Regularization {
  if (value === 'generic' || value === 'none') return { kind: value };
  const match = /^weight-decay=(.*)$/.exec(value);
  if (!match) {
    throw new InputError(`--regularization must be generic, none or weight-decay=L (L a number ≥ 0, e.g. weight-decay=0.1); got '${value}'`);
  }
  const lambda = match[1]!.trim() === '' ? NaN : Number(match[1]);
  if (!Number.isFinite(lambda) || lambda < 0) {
    throw new InputError(`--regularization weight-decay=L needs L to be a finite number ≥ 0, e.g. weight-decay=0.1; got '${match[1]}'`);
  }
  return { kind: 'weight-decay', lambda };
}

/** OUT.json → OUT.checkpoint.ndjson: the checkpoint a run with --out keeps by default. */
export function defaultCheckpointPath(out: string): string {
  return `${out.replace(/\.json$/i, '')}.checkpoint.ndjson`;
}

/** --export-witness PREFIX: one PHCpack witness file per dimension, and a line each. */
export async function exportWitnessSets(system: System, components: Parameters<typeof writePhcWitnessSets>[1], prefix: string): Promise<string> {
  const { writePhcWitnessSets: write } = await import('../decompose/export.js');
  const written = write(system, components, prefix, (file, text) => {
    try {
      writeFileSync(file, text);
    } catch (error) {
      throw new InputError(`cannot write the witness set ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  });
  if (written.length === 0) return 'no positive-dimensional component: no witness set written\n';
  return written
    .map(
      (w) =>
        `witness set of dimension ${w.dimension} (${w.points} points, ${new Set(w.components).size} component${new Set(w.components).size === 1 ? '' : 's'}) written for PHCpack to ${w.file}: phc -f, option 2, breaks it up\n`,
    )
    .join('');
}
