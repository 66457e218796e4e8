/**
 * The queue (#14) on this machine: one study run by 1 worker process and by 2 (each with one
 * tracking thread), against a redis-server started here on a free port; and the queue's
 * overhead per unit, from a study of many tiny architectures run locally and on the queue.
 *
 *   npm run build && node benchmarks/queue.mjs [preset] [instances]   (default bharadwaj-hosten-table-3.2, 200 instances)
 *
 * WORKER_NODE_FLAGS="…" passes node flags to each worker process (e.g. --single-threaded-gc);
 * UNITS=1 also prints each unit's seconds with one worker.
 *
 * Needs redis-server (apt-get install redis-server).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(import.meta.dirname, '../dist/src/cli/main.js');
const preset = process.argv[2] ?? 'bharadwaj-hosten-table-3.2';
const instances = process.argv[3] ?? '200';
const dir = mkdtempSync(join(tmpdir(), 'critsolve-queue-bench-'));

const port = await new Promise((ok) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => ok(p));
  });
});
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
for (let k = 0; k < 100 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; k++)
  await new Promise((r) => setTimeout(r, 50));
const url = `redis://127.0.0.1:${port}`;

const run = (args) =>
  new Promise((ok, fail) => {
    const began = performance.now();
    const c = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    c.on('exit', (code) => (code === 0 ? ok((performance.now() - began) / 1000) : fail(new Error(`critsolve ${args.join(' ')}: exit ${code}`))));
  });
const workerFlags = (process.env.WORKER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
const workers = (n) =>
  Array.from({ length: n }, () => spawn(process.execPath, [...workerFlags, MAIN, 'worker', '--queue', url, '--workers', '1', '--quiet'], { stdio: 'ignore' }));
const stop = (ws) => Promise.all(ws.map((w) => new Promise((ok) => (w.exitCode !== null ? ok() : (w.on('exit', ok), w.kill('SIGTERM'))))));
const exportOf = (store) => spawnSync(process.execPath, [MAIN, 'study', 'export', '--store', store, '--format', 'json'], { encoding: 'utf8' }).stdout;

try {
  console.log(`study ${preset} with ${instances} instances on the queue, this machine (${(await import('node:os')).availableParallelism()} cores)`);
  console.log('run                                   seconds  speedup');
  const times = {};
  const stores = {};
  for (const n of [1, 2]) {
    const ws = workers(n);
    stores[n] = join(dir, `q${n}.sqlite`);
    times[n] = await run(['study', 'run', '--preset', preset, '--instances', instances, '--store', stores[n], '--queue', url, '--quiet']);
    await stop(ws);
    console.log(
      `${`${n} worker process${n === 1 ? '' : 'es'} × 1 thread`.padEnd(36)}  ${times[n].toFixed(1).padStart(7)}  ${(times[1] / times[n]).toFixed(2).padStart(7)}`,
    );
  }
  console.log(`exports identical: ${exportOf(stores[1]) === exportOf(stores[2])}`);
  const { default: Database } = await import('better-sqlite3');
  const work = (store) => {
    const db = new Database(store, { readonly: true });
    const rows = db.prepare('SELECT arch, seconds FROM architectures ORDER BY arch').all();
    db.close();
    const seconds = rows.map((r) => r.seconds);
    return { n: rows.length, sum: seconds.reduce((a, b) => a + b, 0), max: Math.max(...seconds), rows };
  };
  const [one, two] = [work(stores[1]), work(stores[2])];
  if (process.env.UNITS) console.log(`unit seconds (1 worker), by arch: ${one.rows.map((r) => `${r.arch}:${r.seconds.toFixed(1)}`).join(' ')}`);
  console.log(
    `${one.n} units: ${one.sum.toFixed(1)} s of unit work with 1 worker, the largest ${one.max.toFixed(1)} s, so 2 workers need at least ${Math.max(one.sum / 2, one.max).toFixed(1)} s; with 2 workers the same units took ${two.sum.toFixed(1)} s of work (${(two.sum / one.sum).toFixed(2)}×: what sharing the machine's two cores costs each)`,
  );

  // Overhead per unit: 24 tiny architectures (1 instance each), locally in one process and on the queue with one worker.
  const tiny = [];
  for (const a of [1, 2]) for (const b of [1, 2]) for (const c of [1, 2]) for (const m of [1, 2, 3]) tiny.push([`${a},${b},${c}`, m]);
  const dims = ['--dims', ...tiny.filter(([, m]) => m === 1).map(([d]) => d)];
  const study = [...dims, '--points', '1', '--instances', '1', '--quiet'];
  const units = tiny.filter(([, m]) => m === 1).length;
  const local = await run(['study', 'run', ...study, '--workers', '1', '--store', join(dir, 'tiny-local.sqlite')]);
  const ws = workers(1);
  const queued = await run(['study', 'run', ...study, '--store', join(dir, 'tiny-queue.sqlite'), '--queue', url]);
  await stop(ws);
  console.log(
    `\n${units} tiny units: locally ${local.toFixed(2)} s, on the queue (1 worker) ${queued.toFixed(2)} s: overhead ${(((queued - local) / units) * 1000).toFixed(0)} ms per unit`,
  );
} finally {
  redis.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
