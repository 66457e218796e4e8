/**
 * The study report: one self-contained HTML file with the table and the plots, opened in
 * headless Chromium (Debian's chromium, driven by playwright-core) to check that the plots are
 * there and the page logs no error. Skipped, saying so, where Chromium is missing.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyReport } from '../../src/report/html.js';
import { runStudy } from '../../src/study/run.js';
import { studyFromValue } from '../../src/study/spec.js';
import { StudyStore } from '../../src/study/store.js';
import { agreementVerdict, studyRows, type ArchitectureRow } from '../../src/study/table.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`report browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`);

const dir = mkdtempSync(join(tmpdir(), 'critsolve-report-'));
let store: StudyStore;
let html: string;

beforeAll(async () => {
  const study = studyFromValue(
    {
      name: 'report test',
      instances: 8,
      sampling: 'bharadwaj-hosten',
      architectures: [
        { dims: [1, 1, 1], published: { source: 'another test', CBB: 9, BKK: 5, N_C: 5, N_Cstar: 4 } },
        { dims: [2, 2, 2], published: { source: 'a test', max_N_R: 8, N_C: 34, histogram: { '5': 6, '9': 2 } } },
      ],
    },
    'the test study',
    { name: 'report test', seed: 2 },
  );
  store = StudyStore.openFor(join(dir, 'r.sqlite'), study);
  await runStudy(store, { workers: 1 });
  html = await studyReport(store);
  writeFileSync(join(dir, 'report.html'), html);
});

afterAll(() => store.close());

describe('study report', () => {
  it('is one self-contained page: the table, a histogram per architecture, the bounds and the losses', () => {
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html.match(/<svg/g)?.length).toBe(4);
    expect(html).toContain('<td>6561</td>');
    // Published counts beside ours: those that agree are named, the one that disagrees is named
    // with the difference. A sample statistic (max N_R) is set beside, never called a disagreement.
    const [small, row] = studyRows(store) as [ArchitectureRow, ArchitectureRow];
    expect(small.agreement.map((g) => [g.quantity, g.agrees])).toEqual([
      ['CBB', true],
      ['BKK', true],
      ['N_C', true],
      ['N_Cstar', true],
    ]);
    expect(html).toContain('title="CBB, BKK, N_C, N_Cstar">agrees (4)');
    expect(row.agreement.find((g) => g.quantity === 'N_C')).toEqual({ quantity: 'N_C', published: 34, ours: 33, agrees: false, kind: 'count' });
    expect(html).toContain('N_C: ours 33, published 34 (-1)');
    expect(html).toContain('2-2-2: N_C is 33 here and 34 in a test (-1)');
    const max = row.N_R!.max;
    expect(max).not.toBe(8);
    expect(html).toContain(`max_N_R ${max} vs 8 (${max > 8 ? '+' : ''}${max - 8})`);
    expect(html).not.toContain('max_N_R is');
    expect(agreementVerdict(row)).toBe('no: N_C 33 vs 34');
    // The published histogram is drawn beside ours, and their distance is given.
    expect(row.histogramDistance).toBeGreaterThanOrEqual(0);
    expect(html).toContain(`histogram distance ${row.histogramDistance!.toFixed(2)}`);
    expect(html).toMatch(/<svg[^]*published[^]*<\/svg>/);
  });

  it.skipIf(!hasChromium)('renders in headless Chromium with every plot and no console error', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`file://${join(dir, 'report.html')}`);
      expect(await page.locator('svg').count()).toBe(4);
      // Every plot drew marks: bars in the histograms, symbols and ticks in the others.
      for (const svg of await page.locator('svg').all()) expect(await svg.locator('path').count()).toBeGreaterThan(3);
      expect(await page.locator('table tbody tr').count()).toBe(2);
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
      expect(existsSync(join(dir, 'report.png'))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
