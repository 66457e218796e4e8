/**
 * Reading a system from text or a file, in either format we know: PHCpack's when the first
 * non-empty line is a count of equations, else our own text format.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { parseSystem } from './parse.js';
import { looksLikePhc, parsePhc } from './phc.js';
import type { System } from './system.js';

/** Reads a system from text; `source` names it in error messages (a file path, usually). */
export function readSystemText(text: string, source = 'input'): System {
  const body = text.replace(/^\uFEFF/, '');
  return looksLikePhc(body) ? parsePhc(body, source) : parseSystem(body, source);
}

/** Reads a system from a file in our text format or PHCpack's input format. */
export function readSystemFile(path: string): System {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read the system file '${path}': ${readFailure(e)}`);
  }
  return readSystemText(text, path);
}

function readFailure(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file (check the path)';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}
