/**
 * A small uPlot time-series chart of a SeriesView (one point per sample over the last 10 minutes).
 * It is created on its first data, sized to its box and resized with it, and rebuilt when the
 * colour scheme flips so axes and grid keep their contrast.
 */
import uPlot from 'uplot';
import type { SeriesView } from '../../src/metrics/views.js';
import { h, setText } from './dom.js';
import * as fmt from './format.js';

export interface Line {
  readonly label: string;
  /** A CSS colour readable on both the light and the dark background. */
  readonly colour: string;
  readonly values: (s: SeriesView) => readonly (number | null)[];
}

const HEIGHT = 150;
const scheme = window.matchMedia('(prefers-color-scheme: dark)');

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });

/** Axis ticks: short numbers (sub-millisecond latencies too); the chart's title carries the unit. */
function axisNumber(v: number): string {
  return Math.abs(v) < 1 ? small.format(v) : compact.format(v);
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || 'gray';
}

export class SeriesChart {
  readonly element: HTMLElement;
  readonly #plotBox = h('div', { class: 'chart-plot' });
  readonly #caption: HTMLElement;
  readonly #lines: readonly Line[];
  readonly #format: (v: number) => string;
  #plot: uPlot | null = null;
  #last: SeriesView | null = null;
  readonly #resize = new ResizeObserver(() => this.#fit());
  readonly #onScheme = (): void => this.#rebuild();

  /** `format` renders a value in the legend. */
  constructor(title: string, lines: readonly Line[], format: (v: number) => string) {
    this.#lines = lines;
    this.#format = format;
    this.#caption = h('figcaption', {}, title);
    this.element = h('figure', { class: 'chart' }, this.#caption, this.#plotBox);
    this.#resize.observe(this.#plotBox);
    scheme.addEventListener('change', this.#onScheme);
  }

  setTitle(title: string): void {
    setText(this.#caption, title);
  }

  update(series: SeriesView): void {
    this.#last = series;
    const data = this.#data(series);
    if (this.#plot === null) this.#create(data);
    else this.#plot.setData(data);
  }

  dispose(): void {
    this.#resize.disconnect();
    scheme.removeEventListener('change', this.#onScheme);
    this.#plot?.destroy();
    this.#plot = null;
  }

  #data(series: SeriesView): uPlot.AlignedData {
    return [Array.from(series.time), ...this.#lines.map((l) => Array.from(l.values(series)))];
  }

  #create(data: uPlot.AlignedData): void {
    const width = this.#plotBox.clientWidth;
    if (width === 0) return; // not laid out yet: the resize observer creates it
    const axis = cssVar('--muted');
    const grid = cssVar('--grid');
    const fmt = this.#format;
    this.#plot = new uPlot(
      {
        width,
        height: HEIGHT,
        ms: 1,
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
        axes: [
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
          {
            stroke: axis,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            size: 52,
            values: (_u, splits) => splits.map(axisNumber),
          },
        ],
        series: [
          {},
          ...this.#lines.map((l) => ({
            label: l.label,
            stroke: l.colour,
            width: 1.5,
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : fmt(v)),
          })),
        ],
      },
      data,
      this.#plotBox,
    );
  }

  #fit(): void {
    const width = this.#plotBox.clientWidth;
    if (width === 0) return;
    if (this.#plot === null) {
      if (this.#last !== null) this.#create(this.#data(this.#last));
    } else if (Math.abs(this.#plot.width - width) > 1) {
      this.#plot.setSize({ width, height: HEIGHT });
    }
  }

  #rebuild(): void {
    this.#plot?.destroy();
    this.#plot = null;
    this.#plotBox.replaceChildren();
    if (this.#last !== null) this.#create(this.#data(this.#last));
  }
}

/** Colours of the usual lines, distinct in light and dark. */
export const COLOURS = {
  emitted: '#3b82f6',
  executed: '#8b5cf6',
  acked: '#16a34a',
  failed: '#dc2626',
  latency: '#d97706',
  capacity: '#0891b2',
} as const;

type RateLine = 'emitted' | 'executed' | 'acked' | 'failed';

/** Tuples per second of the chosen lines. */
export function throughputChart(lines: readonly RateLine[]): SeriesChart {
  return new SeriesChart(
    'Throughput (tuples/s)',
    lines.map((l) => ({ label: l, colour: COLOURS[l], values: (s: SeriesView) => s[l] })),
    (v) => fmt.count(v),
  );
}

/** The series' mean latency: complete latency of a topology, execute latency of a component. */
export function latencyChart(title: string): SeriesChart {
  return new SeriesChart(
    title,
    [{ label: 'mean', colour: COLOURS.latency, values: (s) => s.latencyMs }],
    (v) => fmt.ms(v),
  );
}
