/**
 * Studies and solves on a real Redis queue (#14): `critsolve worker` processes and a
 * coordinator, as users run them (the built CLI in child processes). The export of a study
 * on the queue is byte for byte the local run's, with 2 workers, with a worker killed by
 * SIGKILL mid-unit (its unit runs again elsewhere), with the coordinator killed and started
 * again, and across a Redis restart; a total-degree solve of dln_2-2-2 (6,561 paths) sharded
 * over 2 workers equals the local solve.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedis, RedisServer } from './redis.js';
import { SYSTEMS_DIR } from '../systems.js';

const MAIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const SYSTEMS = SYSTEMS_DIR;
const dir = mkdtempSync(join(tmpdir(), 'critsolve-queue-'));
const STUDY = ['--dims', '1,1,1', '2,2,2', '2,1,2', '--instances', '30', '--sampling', 'bharadwaj-hosten', '--seed', '4', '--quiet'];

const critsolve = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 300_000 });

/** The CLI in a child process without blocking this one: the workers' output keeps coming in meanwhile. */
function critsolveAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface Worker {
  readonly child: ChildProcess;
  output: string;
}

function startWorker(url: string): Worker {
  const child = spawn(process.execPath, [MAIN, 'worker', '--queue', url, '--stall-seconds', '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const w: Worker = { child, output: '' };
  child.stdout!.on('data', (d: Buffer) => (w.output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (w.output += d.toString()));
  return w;
}

async function until(what: string, test: () => boolean, seconds = 60): Promise<void> {
  for (let k = 0; k < seconds * 20; k++) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function kill(p: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  await new Promise((r) => {
    p.on('exit', r);
    p.kill(signal);
  });
}

function storedArchitectures(store: string): number {
  try {
    const db = new Database(store, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM architectures WHERE done = 1').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

const exported = (store: string): string => {
  const r = critsolve('study', 'export', '--store', store, '--format', 'json');
  expect(r.status).toBe(0);
  return r.stdout;
};

describe.skipIf(!hasRedis)('studies on a Redis queue', () => {
  let redis: RedisServer;
  let local: string;
  const workers: Worker[] = [];
  const coordinator = (store: string): ChildProcess =>
    spawn(process.execPath, [MAIN, 'study', 'run', ...STUDY, '--store', store, '--queue', redis.url], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderrOf = (c: ChildProcess): Promise<string> =>
    new Promise((resolve) => {
      let text = '';
      c.stderr!.on('data', (d: Buffer) => (text += d.toString()));
      c.on('close', () => resolve(text));
    });

  beforeAll(async () => {
    redis = await RedisServer.start();
    const store = join(dir, 'local.sqlite');
    expect(critsolve('study', 'run', ...STUDY, '--store', store).status).toBe(0);
    local = exported(store);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => kill(w.child)));
    await redis?.close();
  });

  it('two workers and a coordinator give the local export, byte for byte', async () => {
    workers.push(startWorker(redis.url), startWorker(redis.url));
    const store = join(dir, 'two.sqlite');
    const r = await critsolveAsync('study', 'run', ...STUDY, '--store', store, '--queue', redis.url);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/3 architectures solved, 0 already stored/);
    expect(exported(store)).toBe(local);
    // Each worker says what it runs; between them, every unit once.
    const ran = workers.flatMap((w) => [...w.output.matchAll(/worker: done (study-\w+-arch-\d)/g)].map((m) => m[1]));
    expect(ran.sort()).toEqual(['arch-0', 'arch-1', 'arch-2'].map((a) => expect.stringMatching(new RegExp(`${a}$`))));
    await Promise.all(workers.splice(0).map((w) => kill(w.child, 'SIGTERM')));
  });

  it('a worker killed with SIGKILL mid-unit: the unit runs again on another worker, the export is the same and no unit is stored twice', async () => {
    const first = startWorker(redis.url);
    workers.push(first);
    const store = join(dir, 'killed-worker.sqlite');
    const c = coordinator(store);
    const stderr = stderrOf(c);
    // arch-1 (2-2-2) takes a few seconds: kill the worker while it runs it.
    await until('the worker to start arch-1', () => /worker: running study-\w+-arch-1/.test(first.output));
    await kill(first.child);
    const second = startWorker(redis.url);
    workers.push(second);
    expect(await stderr).toBe('');
    expect(c.exitCode).toBe(0);
    expect(second.output).toMatch(/worker: running study-\w+-arch-1 \(again: 0 failed attempt\(s\), 1 stalled\)/);
    expect(exported(store)).toBe(local);
    const db = new Database(store, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM instances').get() as { n: number }).n).toBe(90);
    db.close();
  });

  it('a coordinator killed and started again, and a Redis restart on the way: the same export', async () => {
    workers.push(startWorker(redis.url));
    const store = join(dir, 'killed-coordinator.sqlite');
    const c = coordinator(store);
    void stderrOf(c);
    await until('one architecture stored', () => existsSync(store) && storedArchitectures(store) >= 1);
    await kill(c);
    // Redis goes down and comes back with its data; the worker reconnects and carries on.
    await redis.stop();
    await redis.restart();
    const again = await critsolveAsync('study', 'run', ...STUDY, '--store', store, '--queue', redis.url);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/resumed: [12] architectures already stored/);
    expect(exported(store)).toBe(local);
  });

  it('refuses a queue it cannot reach, with the URL and the fix, and leaves no store behind', () => {
    const store = join(dir, 'never.sqlite');
    const r = critsolve('study', 'run', ...STUDY, '--store', store, '--queue', 'redis://127.0.0.1:1');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\): start a server there \(on Debian: apt-get install redis-server/);
    expect(existsSync(store)).toBe(false);
    expect(critsolve('network', '--dims', '2,2,2', '--queue', redis.url).stderr).toMatch(/--queue needs --seed N/);
    expect(critsolve('network', '--dims', '2,2,2', '--regularization', 'none', '--seed', '1', '--queue', redis.url).stderr).toMatch(
      /this network is solved by decompose \(what auto takes here\)/,
    );
    expect(critsolve('network', '--dims', '2,2,2', '--seed', '1', '--method', 'monodromy', '--trace-test', '--queue', redis.url).stderr).toMatch(
      /--trace-test does not run on the queue yet/,
    );
    expect(critsolve('worker', '--queue', 'http://x').stderr).toMatch(
      /--queue must be a Redis URL such as redis:\/\/127\.0\.0\.1:6379 \(protocol redis:\), got 'http:\/\/x'/,
    );
  });

  it('critsolve network --queue: a total-degree network solve sharded over the workers gives the local JSON, but the seconds', async () => {
    workers.push(startWorker(redis.url));
    const args = ['network', '--dims', '2,2,1', '--seed', '3', '--method', 'total-degree', '--quiet'];
    const q = await critsolveAsync(...args, '--queue', redis.url, '--shards', '3', '--out', join(dir, 'network-q.json'));
    expect(q.stderr).toBe('');
    expect(q.status).toBe(0);
    expect(critsolve(...args, '--out', join(dir, 'network-l.json')).status).toBe(0);
    const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'), (key, value) => (key === 'seconds' ? undefined : value));
    const a = read('network-q.json') as { completeness: { proven: boolean } };
    expect(a.completeness.proven).toBe(true);
    expect(a).toEqual(read('network-l.json'));
  });

  it('critsolve network --method monodromy --queue: one unit per shape of the components, and the local JSON, but the seconds', async () => {
    const args = ['network', '--dims', '1,2,2,1', '--seed', '2', '--method', 'monodromy', '--quiet'];
    const q = await critsolveAsync(...args, '--queue', redis.url, '--out', join(dir, 'monodromy-q.json'));
    expect(q.stderr).toBe('');
    expect(q.status).toBe(0);
    expect(critsolve(...args, '--out', join(dir, 'monodromy-l.json')).status).toBe(0);
    const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'), (key, value) => (key === 'seconds' ? undefined : value));
    const a = read('monodromy-q.json') as { counts: { regular: number }; monodromy: { components: unknown[] } };
    expect(a.counts.regular).toBe(129);
    expect(a).toEqual(read('monodromy-l.json'));
    // 1-2-2-1's components have shapes 1-1-1-1, 1-1-2-1, 1-2-1-1 and 1-2-2-1: four units.
    const units = workers.flatMap((w) => [...w.output.matchAll(/worker: done monodromy-\w+-shape-([\d-]+)/g)].map((m) => m[1]));
    expect(units.sort()).toEqual(['1-1-1-1', '1-1-2-1', '1-2-1-1', '1-2-2-1']);
  });

  it('a total-degree solve of dln_2-2-2 (6,561 paths) sharded over 2 workers equals the local solve', async () => {
    // Two workers in all: the one left by the last test, and one more.
    await Promise.all(workers.splice(0).map((w) => kill(w.child, 'SIGTERM')));
    workers.push(startWorker(redis.url), startWorker(redis.url));
    const file = join(SYSTEMS, 'dln_2-2-2_m1_s11.phc');
    const options = ['--start', 'total-degree', '--seed', '3', '--no-bounds', '--quiet'];
    const sharded = await critsolveAsync('solve', file, ...options, '--queue', redis.url, '--shards', '6', '--out', join(dir, 'sharded.json'));
    expect(sharded.stderr).toBe('');
    expect(sharded.status).toBe(0);
    const alone = critsolve('solve', file, ...options, '--workers', '2', '--out', join(dir, 'local.json'));
    expect(alone.status).toBe(0);
    const read = (f: string) => {
      const { seconds: _s, ...rest } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      return rest;
    };
    const a = read('sharded.json');
    expect(a.counts).toMatchObject({ paths: 6561, regular: 33, failed: 0 });
    expect(a).toEqual(read('local.json'));
    const units = workers.flatMap((w) => [...w.output.matchAll(/worker: done solve-\w+-paths-(\d+)-(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
    expect(units.sort((x, y) => x[0]! - y[0]!)).toEqual([0, 1, 2, 3, 4, 5].map((k) => [1094 * k, Math.min(6561, 1094 * (k + 1))]));
  });
});
