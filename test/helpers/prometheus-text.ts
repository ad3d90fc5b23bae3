/**
 * A parser of Prometheus' text exposition format (0.0.4) for tests: every sample with its labels,
 * and each metric family's TYPE. Strict: a line it cannot read fails the test.
 */
export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PromText {
  readonly samples: readonly PromSample[];
  readonly types: ReadonlyMap<string, string>;
  /** Samples of `name` whose labels include `labels`. */
  find(name: string, labels?: Readonly<Record<string, string>>): PromSample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/y;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const at = LABEL.lastIndex;
    const m = LABEL.exec(text);
    if (m === null) throw new Error(`bad labels at ${at} in: ${line}`);
    labels[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return labels;
}

export function parsePrometheusText(text: string): PromText {
  const samples: PromSample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (name === undefined || type === undefined) throw new Error(`bad TYPE line: ${line}`);
      types.set(name, type);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (m === null) throw new Error(`bad sample line: ${line}`);
    // As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case.
    const raw = m[4]!.toLowerCase();
    const value =
      raw === '+inf' || raw === 'inf'
        ? Infinity
        : raw === '-inf'
          ? -Infinity
          : raw === 'nan'
            ? NaN
            : Number(raw);
    if (Number.isNaN(value) && raw !== 'nan') throw new Error(`bad value in: ${line}`);
    samples.push({ name: m[1]!, labels: m[3] === undefined ? {} : parseLabels(m[3], line), value });
  }
  return {
    samples,
    types,
    find: (name, labels = {}) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)),
  };
}
