/** Parsing and checking of option values shared by commands; bad values are InputErrors. */
import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';

export function parseInteger(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const v = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new InputError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
    }
    return v;
  };
}

/** Writes JSON to a file, turning file-system errors into messages that name the path. */
export function writeJson(path: string, value: unknown): void {
  try {
    writeFileSync(path, JSON.stringify(value, null, 1) + '\n');
  } catch (err) {
    throw new InputError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
