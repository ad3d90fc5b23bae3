/**
 * Reads what the cluster word count (test/fixtures/cluster-word-count.ts) left in its output
 * directory: the sentences acked, and the words counted, reconciled over replays.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function lines(dir: string, prefix: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix))
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    );
}

/** Distinct sentence ids acked so far. */
export function ackedSentences(dir: string): Set<string> {
  return new Set(lines(dir, 'acked-').map((l) => l.split(' ')[0]!));
}

/** The latest time a sentence was acked (ms since the epoch), 0 before any. */
export function lastAckTime(dir: string): number {
  let last = 0;
  for (const l of lines(dir, 'acked-')) last = Math.max(last, Number(l.split(' ')[1]));
  return last;
}

/** Counts per word over distinct (sentence, position): replays counted once. Also the raw total. */
export function reconciledCounts(dir: string): { counts: Map<string, number>; raw: number } {
  const seen = new Map<string, string>();
  const all = lines(dir, 'count-');
  for (const l of all) {
    const [id, pos, word] = l.split(':');
    seen.set(`${id}:${pos}`, word!);
  }
  const counts = new Map<string, number>();
  for (const w of seen.values()) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { counts, raw: all.length };
}
