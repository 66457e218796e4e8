/**
 * The Bharadwaj–Hoşten presets: every row carries the authors' numbers, and a quick run of the
 * small rows of both tables agrees with them on every count (CBB, BKK, N_C, N_C*). The whole
 * tables at 100 instances are a benchmark (README, "Studies").
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedFor, studyPreset } from '../../src/study/presets.js';
import { runStudy } from '../../src/study/run.js';
import { StudyStore } from '../../src/study/store.js';
import { agreementVerdict, studyRows } from '../../src/study/table.js';

const weights = (dims: readonly number[]): number => dims.slice(1).reduce((s, w, k) => s + w * dims[k]!, 0);

describe('Bharadwaj–Hoşten presets', () => {
  it('give every row of Tables 3.1 and 3.2 the numbers of the authors’ data', () => {
    const t1 = studyPreset('bharadwaj-hosten-table-3.1', 1);
    const t2 = studyPreset('bharadwaj-hosten-table-3.2', 1);
    expect(t1.architectures.length).toBe(45);
    expect(t2.architectures.length).toBe(16);
    for (const a of [...t1.architectures, ...t2.architectures]) expect(a.published?.source).toMatch(/ayusbhar2\/homotopy_continuatioNN/);
    expect(t1.architectures.every((a) => a.dims.length === 3)).toBe(true);
    expect(t2.architectures.every((a) => a.dims.length === 4)).toBe(true);
    expect(publishedFor([4, 3, 2], 1)).toMatchObject({ CBB: 387420489, BKK: 2146689, N_C: 73, N_Cstar: 0, max_N_R: 15 });
    expect(publishedFor([2, 1, 1, 2], 2)).toMatchObject({ N_C: 81, N_Cstar: 80, instances: 100 });
    expect(publishedFor([5, 5, 5], 1)).toBeUndefined();
  });

  it('agree with the authors on every count of the small rows of both tables', async () => {
    const rows = [...studyPreset('bharadwaj-hosten-table-3.1', 1).architectures, ...studyPreset('bharadwaj-hosten-table-3.2', 1).architectures].filter(
      (a) => weights(a.dims) <= 5 && a.published?.N_C !== undefined,
    );
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const study = { ...studyPreset('bharadwaj-hosten-table-3.1', 3), name: 'small rows', architectures: rows, instances: 3 };
    const store = StudyStore.openFor(join(mkdtempSync(join(tmpdir(), 'critsolve-bh-')), 's.sqlite'), study);
    try {
      await runStudy(store, { workers: 1 });
      const table = studyRows(store);
      for (const r of table) {
        expect(r.agreement.filter((g) => g.kind === 'count').map((g) => g.quantity)).toEqual(['CBB', 'BKK', 'N_C', 'N_Cstar']);
        expect(`${r.label}: ${agreementVerdict(r)}`).toBe(`${r.label}: yes`);
      }
    } finally {
      store.close();
    }
  });
});
