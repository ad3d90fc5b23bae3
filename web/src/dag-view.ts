/**
 * The topology's graph in SVG, laid out left to right by dagre. Each node shows its component's
 * id, kind, tasks, throughput and capacity, coloured by heat (health.ts); each edge its rate,
 * thicker as the rate grows. The layout is computed only when the set of components or edges
 * changes, so nodes stay put while the numbers update in place every second.
 *
 * Test hooks: each node is `g.node[data-component=<id>]` with `data-kind`, `data-emitted`,
 * `data-executed` (all-time totals) and `data-level` (ok, busy, hot).
 */
import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { ComponentStatsView, EdgeView, TopologyDetailView } from '../../src/metrics/views.js';
import { h, s, setText } from './dom.js';
import * as fmt from './format.js';
import { heatOf, hueOf, levelOf, throughputOf } from './health.js';

const NODE_HEIGHT = 64;
const LABEL_WIDTH = 110;
const LABEL_HEIGHT = 16;

interface NodeParts {
  readonly g: SVGGElement;
  readonly sub: SVGTextElement;
  readonly stat: SVGTextElement;
  readonly tip: SVGTitleElement;
}

interface EdgeParts {
  readonly path: SVGPathElement;
  readonly label: SVGTextElement;
}

interface Point {
  readonly x: number;
  readonly y: number;
}

const edgeKey = (e: EdgeView): string => `${e.from}\u0000${e.to}\u0000${e.stream}`;

/** Edges between user components only (the acker and other `__` components are not drawn). */
function drawnEdges(view: TopologyDetailView, ids: ReadonlySet<string>): EdgeView[] {
  return view.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
}

/** Wide enough for the id and for the longest stat line (`999.9K/s exec · cap 0.99`). */
function nodeWidth(id: string): number {
  return Math.max(196, Math.min(280, id.length * 8.5 + 28));
}

/** A smooth path through dagre's points: straight ends, quadratic bends in between. */
function pathThrough(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const q = rest[i + 1]!;
    d += ` Q${p.x},${p.y} ${(p.x + q.x) / 2},${(p.y + q.y) / 2}`;
  }
  const last = rest[rest.length - 1];
  if (last !== undefined) d += ` L${last.x},${last.y}`;
  return d;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export class DagView {
  readonly element = h('div', { class: 'dag', 'data-testid': 'dag' });
  readonly #svg = s('svg', { role: 'img', 'aria-label': 'topology graph' });
  #layoutKey = '';
  readonly #nodes = new Map<string, NodeParts>();
  readonly #edges = new Map<string, EdgeParts>();
  readonly #link: (component: string) => string;

  /** `link` gives the page of a component, which its node links to. */
  constructor(link: (component: string) => string) {
    this.#link = link;
    this.element.append(this.#svg, this.#legend());
  }

  update(view: TopologyDetailView): void {
    const components = [...view.spouts, ...view.bolts];
    const ids = new Set(components.map((c) => c.id));
    const edges = drawnEdges(view, ids);
    const key = [...components.map((c) => c.id), '|', ...edges.map(edgeKey)].join('\u0001');
    if (key !== this.#layoutKey) {
      this.#layout(components, edges);
      this.#layoutKey = key;
    }
    for (const c of components) this.#refreshNode(c);
    const maxRate = Math.max(1, ...edges.map((e) => e.rate));
    for (const e of edges) this.#refreshEdge(e, maxRate);
  }

  #layout(components: readonly ComponentStatsView[], edges: readonly EdgeView[]): void {
    const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
    g.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 70, edgesep: 16, marginx: 12, marginy: 12 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const c of components) g.setNode(c.id, { width: nodeWidth(c.id), height: NODE_HEIGHT });
    for (const e of edges)
      g.setEdge(e.from, e.to, { width: LABEL_WIDTH, height: LABEL_HEIGHT, labelpos: 'c' }, e.stream);
    dagre.layout(g);

    this.#nodes.clear();
    this.#edges.clear();
    const defs = s(
      'defs',
      {},
      s(
        'marker',
        {
          id: 'gale-arrow',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 9,
          markerHeight: 9,
          markerUnits: 'userSpaceOnUse',
          orient: 'auto',
        },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }),
      ),
    );
    const edgeLayer = s('g', { class: 'edges' });
    for (const e of edges) {
      const laid = g.edge({ v: e.from, w: e.to, name: e.stream });
      const path = s('path', {
        class: 'edge',
        d: pathThrough(laid.points ?? []),
        'marker-end': 'url(#gale-arrow)',
      });
      const label = s('text', {
        class: 'edge-label',
        // Just above the edge's middle, clear of the line.
        x: laid.x ?? 0,
        y: (laid.y ?? 0) - 5,
        'text-anchor': 'middle',
        'data-edge': `${e.from}->${e.to}`,
      });
      edgeLayer.append(path, label);
      this.#edges.set(edgeKey(e), { path, label });
    }
    const nodeLayer = s('g', { class: 'nodes' });
    for (const c of components) {
      const n = g.node(c.id);
      const w = n.width;
      const x = (n.x ?? 0) - w / 2;
      const y = (n.y ?? 0) - NODE_HEIGHT / 2;
      const tip = s('title');
      const sub = s('text', { class: 'node-sub', x: 10, y: 38 });
      const stat = s('text', { class: 'node-stat', x: 10, y: 55 });
      const group = s(
        'g',
        { class: 'node', transform: `translate(${x},${y})`, 'data-component': c.id, 'data-kind': c.kind },
        tip,
        s('rect', { width: w, height: NODE_HEIGHT, rx: 7 }),
        s('text', { class: 'node-title', x: 10, y: 19 }, shorten(c.id, Math.floor((w - 20) / 8.5))),
        sub,
        stat,
      );
      nodeLayer.append(s('a', { href: this.#link(c.id) }, group));
      this.#nodes.set(c.id, { g: group, sub, stat, tip });
    }
    const graph = g.graph();
    const width = Math.ceil(graph.width ?? 0);
    const height = Math.ceil(graph.height ?? 0);
    this.#svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.#svg.setAttribute('width', String(width));
    this.#svg.setAttribute('height', String(height));
    this.#svg.replaceChildren(defs, edgeLayer, nodeLayer);
  }

  #refreshNode(c: ComponentStatsView): void {
    const parts = this.#nodes.get(c.id);
    if (parts === undefined) return;
    const heat = heatOf(c);
    const all = c.windows.all;
    parts.g.setAttribute('style', `--hue: ${hueOf(heat)}`);
    parts.g.dataset['level'] = levelOf(heat);
    parts.g.dataset['emitted'] = String(all.emitted);
    parts.g.dataset['executed'] = String(all.executed);
    setText(parts.sub, `${c.kind} · ${c.tasks} task${c.tasks === 1 ? '' : 's'}`);
    const verb = c.kind === 'spout' ? 'emit' : 'exec';
    setText(parts.stat, `${fmt.rate(throughputOf(c))} ${verb} · cap ${fmt.share(c.maxTaskCapacity)}`);
    setText(
      parts.tip,
      `${c.id} (${c.kind}): ${fmt.count(all.emitted)} emitted, ${fmt.count(all.executed)} executed; ` +
        `capacity ${fmt.share(c.maxTaskCapacity)}, backpressure ${fmt.share(c.windows['10s'].backpressure)}, ` +
        `queue ${c.queueDepth}`,
    );
  }

  #refreshEdge(e: EdgeView, maxRate: number): void {
    const parts = this.#edges.get(edgeKey(e));
    if (parts === undefined) return;
    // Square root: a 100x faster edge is 10x, not 100x, thicker.
    const width = 1.25 + 5 * Math.sqrt(e.rate / maxRate);
    parts.path.setAttribute('stroke-width', width.toFixed(2));
    const stream = e.stream === 'default' ? '' : `${e.stream}: `;
    setText(parts.label, `${stream}${e.grouping} · ${fmt.rate(e.rate)}`);
    parts.label.dataset['rate'] = String(e.rate);
  }

  #legend(): HTMLElement {
    const swatch = (heat: number, text: string): HTMLElement =>
      h('span', { class: 'swatch', style: `--hue: ${hueOf(heat)}` }, text);
    return h(
      'p',
      { class: 'legend' },
      'Node colour, the larger of capacity and backpressure: ',
      swatch(0, '0'),
      swatch(0.5, '0.5'),
      swatch(0.9, '≥ 0.9'),
      '. Edge width grows with its rate (last 10 s). Click a node for its component page.',
    );
  }
}
