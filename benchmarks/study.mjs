/**
 * The Bharadwaj–Hoşten presets end to end, as a user runs them: wall time of the whole study
 * (bounds, one monodromy per architecture, 100 instances each), and how many rows agree with
 * the authors' counts. Each preset runs in a fresh store.
 *
 *   npm run build && node benchmarks/study.mjs [preset …]   (default: table-3.2, table-3.1, figure-3.2)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { studyPreset } from '../dist/src/study/presets.js';
import { runStudy } from '../dist/src/study/run.js';
import { StudyStore } from '../dist/src/study/store.js';
import { agreementVerdict, studyRows } from '../dist/src/study/table.js';

const presets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['table-3.2', 'table-3.1', 'figure-3.2'];
console.log('preset                         rows  instances  seconds  rows with counts  agree  instances short of N_C');
for (const name of presets) {
  const study = studyPreset(`bharadwaj-hosten-${name}`, 1);
  const store = StudyStore.openFor(join(mkdtempSync(join(tmpdir(), 'critsolve-bench-')), 's.sqlite'), study);
  const began = performance.now();
  await runStudy(store);
  const seconds = (performance.now() - began) / 1000;
  const rows = studyRows(store);
  const judged = rows.filter((r) => agreementVerdict(r) !== undefined);
  const agree = judged.filter((r) => agreementVerdict(r) === 'yes');
  const short = rows.reduce((s, r) => s + store.instances(r.arch).filter((t) => t.points < (r.N_C ?? 0)).length, 0);
  console.log(
    [
      `bharadwaj-hosten-${name}`.padEnd(29),
      String(rows.length).padStart(4),
      String(rows.length * study.instances).padStart(9),
      seconds.toFixed(1).padStart(7),
      String(judged.length).padStart(16),
      String(agree.length).padStart(5),
      String(short).padStart(23),
    ].join('  '),
  );
  for (const r of judged.filter((r) => agreementVerdict(r) !== 'yes')) console.log(`  ${r.label}: ${agreementVerdict(r)}`);
  store.close();
}
