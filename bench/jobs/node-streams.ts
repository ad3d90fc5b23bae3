/**
 * (b) Node streams, one object per word: Readable (objectMode) of sentences → Transform pushing
 * each word → Writable counter, joined with `stream.pipeline`.
 */
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BenchJob } from './bench-job.js';

function sentenceSource(sentences: readonly string[]): Readable {
  let next = 0;
  return new Readable({
    objectMode: true,
    // Push until the buffer is full rather than one item per read() call, as a well-behaved source does.
    read() {
      while (next < sentences.length) {
        if (!this.push(sentences[next++])) return;
      }
      this.push(null);
    },
  });
}

function splitter(): Transform {
  return new Transform({
    objectMode: true,
    transform(sentence: string, _encoding: BufferEncoding, callback: TransformCallback) {
      for (const word of sentence.split(' ')) this.push(word);
      callback();
    },
  });
}

function counter(counts: Map<string, number>): Writable {
  return new Writable({
    objectMode: true,
    write(word: string, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      callback();
    },
  });
}

export const job: BenchJob = {
  id: 'b-streams-word',
  name: 'Node streams, Readable -> Transform (1 object per word) -> Writable',
  async run(sentences) {
    const counts = new Map<string, number>();
    await pipeline(sentenceSource(sentences), splitter(), counter(counts));
    return counts;
  },
};
