/** Parsing and checking of option values shared by commands; bad values are InputErrors. */
import { writeFileSync } from 'node:fs';
import { checkInteger, InputError } from '../errors.js';
import type { Regularization } from '../network/model.js';

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

/**
 * Ctrl-C for a long command: the first stops cleanly (the signal is aborted and `message`
 * says what is finished first), a second quits at once with exit code 130. `dispose` takes
 * both handlers off again.
 */
export function interruptible(message: string): { signal: AbortSignal; abort(): void; dispose(): void } {
  const controller = new AbortController();
  const quitNow = (): never => process.exit(130);
  const onSigint = (): void => {
    process.stderr.write(`\ncritsolve: ${message} (Ctrl-C again to quit at once)\n`);
    controller.abort();
    process.once('SIGINT', quitNow);
  };
  process.once('SIGINT', onSigint);
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose: () => {
      process.off('SIGINT', onSigint);
      process.off('SIGINT', quitNow);
    },
  };
}
