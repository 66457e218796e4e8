/** Locates the test systems (systems/ in the repository). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readSystemFile } from '../src/poly/read.js';
import type { System } from '../src/poly/system.js';

export const SYSTEMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../systems');

export function testSystem(name: string): System {
  return readSystemFile(path.join(SYSTEMS_DIR, `${name}.phc`));
}
