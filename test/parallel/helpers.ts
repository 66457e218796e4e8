/**
 * Shared by the parallel tests. They run the pool, whose worker is the compiled
 * dist/workers/track.js: run `npm run build` first (`npm ci` does it through `prepare`).
 */
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSystemFile } from '../../src/poly/read.js';
import type { System } from '../../src/poly/system.js';
import { resultToJSON, type SolveResult } from '../../src/solve/result.js';
import { SYSTEMS_DIR } from '../systems.js';

const root = new URL('../../', import.meta.url).pathname;

/**
 * The workers run dist/, the tests src/: a stale build would make the two disagree, which
 * would look like a determinism bug. Say so plainly instead.
 */
function assertBuildIsFresh(): void {
  const stale: string[] = [];
  // What the workers load (workers/*.ts and their imports).
  for (const dir of [
    'workers',
    'src/parallel',
    'src/paths',
    'src/track',
    'src/homotopy',
    'src/bounds',
    'src/compile',
    'src/linalg',
    'src/numeric',
    'src/poly',
  ]) {
    for (const file of readdirSync(root + dir, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const built = `${root}dist/${dir}/${file.replace(/\.ts$/, '.js')}`;
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(`${root}${dir}/${file}`).mtimeMs) stale.push(`${dir}/${file}`);
    }
  }
  if (stale.length > 0)
    throw new Error(`dist/ is older than ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}: run \`npm run build\` before these tests`);
}
assertBuildIsFresh();

export const systemFile = (name: string): string => join(SYSTEMS_DIR, name);
export const readSystem = (name: string): System => readSystemFile(systemFile(name));

/** The JSON result with every path record, minus the timing: what must not depend on workers. */
export function comparable(r: SolveResult): string {
  const json = resultToJSON(r, { includePaths: true });
  delete json.seconds;
  return JSON.stringify(json);
}

export const scratchDir = (): string => mkdtempSync(join(tmpdir(), 'critsolve-parallel-'));
