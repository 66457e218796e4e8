/**
 * The study report: one self-contained HTML file (inline CSS and SVG, no script, no network),
 * which opens offline in any browser. It holds the table beside the published numbers, the
 * histogram of real counts per architecture, the counts against every bound, and the losses of
 * the real critical points by Morse index.
 */
import { formatSampling } from '../numeric/distributions.js';
import type { StudyStore } from '../study/store.js';
import { disagreements, studyRows, type ArchitectureRow } from '../study/table.js';
import { boundsPlot, lossPlot, realHistogramPlot } from './plots.js';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cell = (v: unknown): string => `<td>${v === undefined ? '<span class="na">–</span>' : escape(String(v))}</td>`;

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.8rem}th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:right;white-space:nowrap}.wide{overflow-x:auto}
th{background:#f3f3f3}td.l,th.l{text-align:left}.na{color:#aaa}.ok{color:#197a2e;font-weight:600}.bad{color:#b3261e;font-weight:600}
.plots{display:flex;flex-wrap:wrap;gap:1rem}.plots figure{margin:0}figcaption{font-size:.8rem;color:#555}
.note{font-size:.85rem;color:#444;max-width:70rem}`;

const signed = (d: number): string => `${d > 0 ? '+' : ''}${d}`;

function agreementCell(r: ArchitectureRow): string {
  const counts = r.agreement.filter((g) => g.kind === 'count');
  if (counts.length === 0) return cell(undefined);
  const bad = disagreements(r);
  if (bad.length === 0) return `<td class="ok" title="${escape(counts.map((g) => g.quantity).join(', '))}">agrees (${counts.length})</td>`;
  return `<td class="bad">${escape(bad.map((g) => `${g.quantity}: ours ${g.ours}, published ${g.published} (${signed(g.ours - g.published)})`).join('; '))}</td>`;
}

/** Sample statistics beside the published ones: other random draws give other values. */
function sampleCell(r: ArchitectureRow): string {
  const s = r.agreement.filter((g) => g.kind === 'sample');
  const parts = s.map((g) => `${g.quantity} ${g.ours} vs ${g.published}${g.agrees ? '' : ` (${signed(g.ours - g.published)})`}`);
  if (r.histogramDistance !== undefined) parts.push(`histogram distance ${r.histogramDistance.toFixed(2)}`);
  return cell(parts.length > 0 ? parts.join('; ') : undefined);
}

function table(rows: readonly ArchitectureRow[]): string {
  const head = [
    'architecture',
    'H',
    'm',
    'd',
    'd_x',
    'd_y',
    'N',
    'CBB',
    'BKK',
    'stable BKK',
    'B_C',
    'N_C',
    'min N_C',
    'N_C*',
    'min N_R',
    'mean N_R',
    'max N_R',
    'published CBB',
    'published BKK',
    'published N_C',
    'published N_C*',
    'published max N_R',
    'counts agree',
    'sample statistics: ours vs published',
  ];
  const body = rows.map((r) =>
    [
      `<td class="l">${escape(r.label)}${r.done ? '' : ' <span class="na">(not run yet)</span>'}</td>`,
      ...[
        r.H,
        r.m,
        r.d,
        r.dx,
        r.dy,
        r.N,
        r.bounds?.bezout,
        r.bounds?.mixedVolume,
        r.bounds?.stableMixedVolume,
        r.B_C,
        r.N_C,
        r.min_N_C,
        r.N_Cstar,
        r.N_R?.min,
        r.N_R?.mean.toFixed(2),
        r.N_R?.max,
        r.published?.CBB,
        r.published?.BKK,
        r.published?.N_C,
        r.published?.N_Cstar,
        r.published?.max_N_R,
      ].map(cell),
      agreementCell(r),
      sampleCell(r).replace('<td>', '<td class="l">'),
    ].join(''),
  );
  return `<div class="wide"><table><thead><tr>${head.map((h, i) => `<th${i === 0 ? ' class="l"' : ''}>${escape(h)}</th>`).join('')}</tr></thead><tbody>${body.map((b) => `<tr>${b}</tr>`).join('')}</tbody></table></div>`;
}

function boundsRows(rows: readonly ArchitectureRow[]): { label: string; quantity: string; value: number }[] {
  const out: { label: string; quantity: string; value: number }[] = [];
  for (const r of rows) {
    const add = (quantity: string, v: string | number | undefined): void => {
      if (v !== undefined && Number(v) > 0) out.push({ label: r.label, quantity, value: Number(v) });
    };
    add('N_C found', r.N_C);
    add('N_C* found', r.N_Cstar);
    add('BKK', r.bounds?.mixedVolume);
    add('stable BKK', r.bounds?.stableMixedVolume);
    add('B_C', r.B_C);
    add('multihomogeneous', r.bounds?.multihomogeneous);
    add('CBB (Bézout)', r.bounds?.bezout);
  }
  return out;
}

/** The whole report as one HTML string. */
export async function studyReport(store: StudyStore): Promise<string> {
  const { study } = store;
  const rows = studyRows(store);
  const done = rows.filter((r) => r.done);
  const histograms = await Promise.all(
    done.map((r) => realHistogramPlot(`${r.label}: real critical points over ${r.instances} instances`, r.realHistogram, r.published?.histogram)),
  );
  const losses = done.flatMap((r) =>
    store
      .instances(r.arch)
      .flatMap((t) => t.realLosses.map(([loss, index]) => ({ label: r.label, loss, index: index === null ? 'degenerate' : String(index) }))),
  );
  const boundsSvg = done.length > 0 ? await boundsPlot(boundsRows(done)) : '';
  const lossSvg = losses.length > 0 ? await lossPlot(losses) : '';
  const disagreeing = rows.flatMap((r) =>
    disagreements(r).map((g) => `${r.label}: ${g.quantity} is ${g.ours} here and ${g.published} in ${r.published!.source} (${signed(g.ours - g.published)})`),
  );
  const lost = done
    .filter((r) => r.min_N_C !== undefined && r.N_C !== undefined && r.min_N_C < r.N_C)
    .map(
      (r) =>
        `${r.label} (${r.min_N_C} of ${r.N_C} in the poorest instance; over all instances ${r.atInfinity} paths ended at infinity, ${r.failed} failed, ${r.singular} endpoints were singular)`,
    );
  const published = rows.filter((r) => r.published).map((r) => `${r.label}: ${r.published!.source}`);
  const sources =
    published.length > 0
      ? `<details class="note"><summary>Sources of the published numbers (${published.length} architectures)</summary><ul>${published.map((p) => `<li>${escape(p)}</li>`).join('')}</ul></details>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>critsolve study: ${escape(study.name)}</title><style>${STYLE}</style></head>
<body>
<h1>critsolve study: ${escape(study.name)}</h1>
<p class="note">${study.architectures.length} architectures × ${study.instances} instances (${done.length} architectures done); sampling ${escape(formatSampling(study.sampling))}; seed ${study.seed}.
Each architecture is one monodromy solve at a random complex point, tracked to every instance by parameter homotopy. Monodromy does not prove a count complete, so N_C is the most critical points found in one instance.
N_C* counts the points with no zero coordinate; B_C = (1 + 4·d_y)^d applies to one hidden layer and one data point; BKK is the mixed volume (roots in (C*)^N), stable BKK the stable mixed volume (roots in C^N), left out where it took longer than ${study.boundsSeconds} s. "Counts agree (k)" means the k published counts among CBB, BKK (published as HomotopyContinuation.jl's paths_to_track, the roots in C^N, so set against our stable BKK), N_C and N_C* equal ours.</p>
<h2>Table</h2>
${table(rows)}
${sources}
${disagreeing.length > 0 ? `<p class="note bad">Where the published counts disagree: ${escape(disagreeing.join('; '))}.</p>` : ''}
${lost.length > 0 ? `<p class="note bad">Instances where fewer points than N_C were found (lost or singular endpoints; N_C is the maximum): ${escape(lost.join('; '))}.</p>` : ''}
<p class="note">Max N_R and the mode are statistics of random instances: another draw of the same sampling gives other values, so they are set beside the published ones, not judged. The histogram distance is the total variation distance between the two histograms as shares of instances.</p>
<h2>Real critical points per instance</h2>
<div class="plots">${histograms.map((svg, i) => `<figure>${svg}<figcaption>${escape(done[i]!.label)}</figcaption></figure>`).join('')}</div>
<h2>Counts against the bounds</h2>
<div class="plots"><figure>${boundsSvg}</figure></div>
<h2>Loss values of the real critical points</h2>
<div class="plots"><figure>${lossSvg}</figure></div>
</body></html>
`;
}
