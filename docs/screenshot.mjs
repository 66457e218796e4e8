// Screenshot of a study report in headless Chromium (Debian's chromium, driven by playwright-core):
//   node docs/screenshot.mjs report.html docs/study-report.png [height]
// Prints the number of plots and any console error; the picture is the top `height` pixels.
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';

const [file, png, height = '1500'] = process.argv.slice(2);
if (!file || !png) {
  console.error('usage: node docs/screenshot.mjs REPORT.html OUT.png [HEIGHT]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: Number(height) } });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`file://${resolve(file)}`);
  console.log(`${await page.locator('svg').count()} plots, ${errors.length} console errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
  await page.screenshot({ path: png });
} finally {
  await browser.close();
}
