/**
 * Plots as SVG strings, rendered in Node by vega-lite (compiled to vega) with vega's headless
 * view: no browser, no canvas. Each function takes plain rows and returns one SVG.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const FONT = { font: 'system-ui, sans-serif', labelFont: 'system-ui, sans-serif', titleFont: 'system-ui, sans-serif' };

/** Renders a vega-lite spec to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile({
    ...spec,
    config: { ...FONT, axis: { labelFont: FONT.font, titleFont: FONT.font }, legend: { labelFont: FONT.font, titleFont: FONT.font }, ...(spec.config ?? {}) },
  } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Instances per real count: the histogram of Figure 3.2 of Bharadwaj–Hoşten. With a published
 * histogram beside it, both are drawn as shares of their instances, side by side.
 */
export function realHistogramPlot(title: string, histogram: Readonly<Record<string, number>>, published?: Readonly<Record<string, number>>): Promise<string> {
  if (!published) {
    const values = Object.entries(histogram).map(([real, instances]) => ({ real: Number(real), instances }));
    return renderSvg({
      title,
      width: 320,
      height: 160,
      data: { values },
      mark: { type: 'bar', color: '#4c78a8', width: { band: 0.8 } },
      encoding: {
        x: { field: 'real', type: 'ordinal', title: 'real critical points', sort: 'ascending' },
        y: { field: 'instances', type: 'quantitative', title: 'instances' },
        tooltip: [{ field: 'real' }, { field: 'instances' }],
      },
    });
  }
  const share = (h: Readonly<Record<string, number>>, series: string): { real: number; share: number; series: string }[] => {
    const total = Object.values(h).reduce((a, b) => a + b, 0);
    return Object.entries(h).map(([real, n]) => ({ real: Number(real), share: (100 * n) / total, series }));
  };
  return renderSvg({
    title,
    width: 360,
    height: 160,
    data: { values: [...share(histogram, 'critsolve'), ...share(published, 'published')] },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'real', type: 'ordinal', title: 'real critical points', sort: 'ascending' },
      xOffset: { field: 'series', type: 'nominal' },
      y: { field: 'share', type: 'quantitative', title: '% of instances' },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['critsolve', 'published'], range: ['#4c78a8', '#f58518'] } },
      tooltip: [{ field: 'series' }, { field: 'real' }, { field: 'share', format: '.1f' }],
    },
  });
}

/** Critical points found against every bound, per architecture, on a log scale. */
export function boundsPlot(rows: readonly { label: string; quantity: string; value: number }[]): Promise<string> {
  return renderSvg({
    title: 'critical points against the root-count bounds',
    width: Math.max(240, 40 * new Set(rows.map((r) => r.label)).size),
    height: 260,
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'point', filled: true, size: 70 },
    encoding: {
      x: { field: 'label', type: 'nominal', title: 'architecture (d_x-…-d_y)', sort: null },
      y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'count (log scale)' },
      color: {
        field: 'quantity',
        type: 'nominal',
        title: 'count',
        sort: ['N_C found', 'N_C* found', 'BKK', 'stable BKK', 'B_C', 'multihomogeneous', 'CBB (Bézout)'],
      },
      shape: { field: 'quantity', type: 'nominal' },
      tooltip: [{ field: 'label' }, { field: 'quantity' }, { field: 'value' }],
    },
  });
}

/** Loss values of the real critical points, by Morse index, one row per architecture. */
export function lossPlot(rows: readonly { label: string; loss: number; index: string }[]): Promise<string> {
  return renderSvg({
    title: 'loss of the real critical points by Morse index (all instances)',
    width: 420,
    height: { step: 28 },
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'tick', thickness: 2, opacity: 0.6 },
    encoding: {
      x: { field: 'loss', type: 'quantitative', title: 'loss' },
      y: { field: 'label', type: 'nominal', title: 'architecture', sort: null },
      color: { field: 'index', type: 'ordinal', title: 'Morse index', scale: { scheme: 'viridis' } },
      tooltip: [{ field: 'label' }, { field: 'loss' }, { field: 'index' }],
    },
  });
}

/**
 * The λ-diagram: loss of every real branch against t (log scale), coloured by Morse index,
 * events as labelled vertical rules; beneath it, the number of real critical points.
 */
export function diagramPlot(
  title: string,
  points: readonly { t: number; loss: number; index: string; branch: number }[],
  counts: readonly { t: number; real: number }[],
  events: readonly { t: number; kind: string }[],
): Promise<string> {
  const x = { field: 't', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 't (λ = t·Λ₀)' };
  const rules = {
    data: { values: events.map((e) => ({ ...e, label: `${e.kind} ${e.t.toPrecision(7)}` })) },
    mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#b3261e' },
    encoding: { x: { field: 't', type: 'quantitative' as const } },
  };
  return renderSvg({
    title,
    vconcat: [
      {
        width: 520,
        height: 260,
        layer: [
          {
            data: { values: points.map((p) => ({ ...p })) },
            mark: { type: 'point', filled: true, size: 28 },
            encoding: {
              x,
              y: { field: 'loss', type: 'quantitative', title: 'loss' },
              color: { field: 'index', type: 'ordinal', title: 'Morse index', scale: { scheme: 'viridis' } },
              shape: { field: 'index', type: 'nominal', title: 'Morse index' },
              detail: { field: 'branch' },
            },
          },
          rules,
          {
            ...rules,
            mark: { type: 'text', angle: 270, align: 'left', dx: -4, dy: -6, fontSize: 10, color: '#b3261e' },
            encoding: { x: { field: 't', type: 'quantitative' }, y: { value: 250 }, text: { field: 'label' } },
          },
        ],
      },
      {
        width: 520,
        height: 90,
        layer: [
          {
            data: { values: counts.map((c) => ({ ...c })) },
            mark: { type: 'line', interpolate: 'step-after', point: true },
            encoding: { x, y: { field: 'real', type: 'quantitative', title: 'real points' } },
          },
          rules,
        ],
      },
    ],
  } as TopLevelSpec);
}

/**
 * A descent run: the loss against the iteration with the matched critical values as labelled
 * horizontal lines; beneath it, the singular values of W_L⋯W_1 against the iteration.
 */
export function descentPlot(
  title: string,
  curve: readonly { iteration: number; loss: number }[],
  singular: readonly { iteration: number; value: number; which: string }[],
  levels: readonly { loss: number; label: string }[],
): Promise<string> {
  const x = { field: 'iteration', type: 'quantitative' as const, title: 'iteration' };
  return renderSvg({
    title,
    vconcat: [
      {
        width: 520,
        height: 220,
        layer: [
          {
            data: { values: curve.map((c) => ({ ...c })) },
            mark: { type: 'line', color: '#4c78a8' },
            encoding: { x, y: { field: 'loss', type: 'quantitative', title: 'loss' } },
          },
          {
            data: { values: levels.map((l) => ({ ...l })) },
            mark: { type: 'rule', strokeDash: [4, 3], color: '#b3261e' },
            encoding: { y: { field: 'loss', type: 'quantitative' } },
          },
          {
            data: { values: levels.map((l) => ({ ...l })) },
            mark: { type: 'text', align: 'right', dy: -5, fontSize: 10, color: '#b3261e' },
            encoding: { y: { field: 'loss', type: 'quantitative' }, x: { value: 515 }, text: { field: 'label' } },
          },
        ],
      },
      {
        width: 520,
        height: 120,
        data: { values: singular.map((s) => ({ ...s })) },
        mark: { type: 'line' },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'singular values of W_L⋯W_1' },
          color: { field: 'which', type: 'nominal', title: null },
        },
      },
    ],
  } as TopLevelSpec);
}
