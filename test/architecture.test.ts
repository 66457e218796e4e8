/**
 * The one rule of ARCHITECTURE.md, checked on the source: data flows one way through the
 * stages of src/, so a module imports only from its own stage or from stages above it in
 * STAGES, never from a later one; and no module imports itself through others (no cycle). The
 * command line is imported by nobody; src/index.ts, the public door, may import any stage.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const STAGES = [
  'numeric',
  'poly',
  'bounds',
  'compile',
  'linalg',
  'homotopy',
  'track',
  'paths',
  'parallel',
  'solve',
  'certify',
  'decompose',
  'network',
  'dynamics',
  'study',
  'report',
  'queue',
  'cli',
];

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** The stage of a module: its folder under src/, 'parallel' for the worker entry points, '' for src/*.ts. */
function stageOf(file: string): string {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] === 'workers') return 'parallel';
  return parts.length > 2 ? parts[1]! : '';
}

/** Relative imports and re-exports of a module, resolved to .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g), ...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)].map((m) =>
    path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')),
  );
}

const files = [...sources(path.join(root, 'src')), ...sources(path.join(root, 'workers'))];
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const name = (f: string): string => path.relative(root, f);

describe('the pipeline of ARCHITECTURE.md', () => {
  it('every folder of src/ is a stage, and every relative import resolves to a module', () => {
    const folders = readdirSync(path.join(root, 'src')).filter((d) => statSync(path.join(root, 'src', d)).isDirectory());
    expect(folders.filter((d) => !STAGES.includes(d))).toEqual([]);
    const missing = [...graph].flatMap(([f, targets]) => targets.filter((t) => !graph.has(t)).map((t) => `${name(f)} -> ${name(t)}`));
    expect(missing).toEqual([]);
  });

  it('no module imports from a later stage, and nothing imports the command line', () => {
    const against: string[] = [];
    for (const [file, targets] of graph) {
      const from = stageOf(file);
      if (from === '') continue; // src/index.ts and src/errors.ts: index may import any stage
      for (const target of targets) {
        const to = stageOf(target);
        if (to === '') {
          if (path.basename(target) !== 'errors.ts') against.push(`${name(file)} -> ${name(target)} (only src/errors.ts is shared by all)`);
          continue;
        }
        if (STAGES.indexOf(to) > STAGES.indexOf(from)) against.push(`${name(file)} (${from}) -> ${name(target)} (${to})`);
        if (to === 'cli' && from !== 'cli') against.push(`${name(file)} -> ${name(target)} (the command line)`);
      }
    }
    expect(against).toEqual([]);
  });

  it('no import cycle between modules', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map(name).join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('ARCHITECTURE.md stays true to the code: every folder of src/ is in its table, every file it names exists', () => {
    const doc = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
    const folders = readdirSync(path.join(root, 'src')).filter((d) => statSync(path.join(root, 'src', d)).isDirectory());
    expect(folders.filter((d) => !doc.includes(`\`${d}/\``))).toEqual([]);
    const names = new Set(files.map((f) => path.basename(f)));
    const mentioned = [...doc.matchAll(/([\w./]+\.ts)\b/g)].map((m) => m[1]!);
    expect(mentioned.length).toBeGreaterThan(10);
    const exists = (f: string): boolean => (f.includes('/') ? [root, path.join(root, 'src')].some((d) => existsSync(path.join(d, f))) : names.has(f));
    expect(mentioned.filter((f) => !exists(f))).toEqual([]);
    // Its stage order is this test's.
    const table = [...doc.matchAll(/^\| [^|]+ \| `([a-z]+)\/`/gm)].map((m) => m[1]!);
    expect(table).toEqual(STAGES.filter((stage) => table.includes(stage)));
  });

  it('the check sees an import against the order (it is not vacuous)', () => {
    const solve = path.join(root, 'src/solve/solve.ts');
    expect(graph.get(solve)!.some((t) => stageOf(t) === 'parallel')).toBe(true);
    expect(STAGES.indexOf('parallel')).toBeLessThan(STAGES.indexOf('solve'));
    expect(STAGES.indexOf('network')).toBeGreaterThan(STAGES.indexOf('solve'));
  });
});
