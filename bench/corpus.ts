/**
 * The deterministic word-count corpus of shared/reference/peer-baselines.md, and the checksum every
 * run is verified with.
 *
 * Details the spec leaves open were chosen so that N = 2,000,000 reproduces the published oracle
 * `f1ce28c78cfca831` (19,998,644 words), i.e. these match the peer harness:
 * - consonants `bcdfghjklmnprstvwz` (18: no q, x, y), vowels `aeiou`;
 * - per word, draws in this order: syllable count (1 + int(4)), then for each syllable a consonant
 *   then a vowel, then the final-consonant coin (`random() < 0.3`), then the final consonant if taken;
 * - a rejected duplicate still consumed its draws; the 1000 accepted words in order are ranks 1..1000;
 * - Zipf: cdf[k] = H(k+1) / H(1000); a draw u picks the first rank whose cdf exceeds u (binary search);
 * - per sentence: length 5 + int(11), then one Zipf draw per word.
 * The whole vocabulary is drawn before the first sentence, so the corpus for N sentences is a prefix
 * of the corpus for any larger N.
 */
import { createHash } from 'node:crypto';
import { mulberry32, randomInt, type Random } from './mulberry32.js';

const SEED = 42;
const VOCABULARY_SIZE = 1000;
const CONSONANTS = 'bcdfghjklmnprstvwz';
const VOWELS = 'aeiou';
const FINAL_CONSONANT_PROBABILITY = 0.3;
const MIN_SENTENCE_WORDS = 5;
const MAX_SENTENCE_WORDS = 15;

export interface Corpus {
  readonly sentences: string[];
  /** Count per word, tallied from the sampled vocabulary indices, not by splitting the sentences. */
  readonly oracle: Map<string, number>;
  readonly words: number;
}

function pick(random: Random, letters: string): string {
  // charAt never returns undefined, unlike indexing, and the index is always in range.
  return letters.charAt(randomInt(random, letters.length));
}

function makeWord(random: Random): string {
  const syllables = 1 + randomInt(random, 4);
  let word = '';
  for (let i = 0; i < syllables; i++) {
    word += pick(random, CONSONANTS);
    word += pick(random, VOWELS);
  }
  if (random() < FINAL_CONSONANT_PROBABILITY) word += pick(random, CONSONANTS);
  return word;
}

function makeVocabulary(random: Random): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  while (words.length < VOCABULARY_SIZE) {
    const word = makeWord(random);
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

function zipfCdf(size: number): Float64Array {
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let rank = 1; rank <= size; rank++) {
    sum += 1 / rank;
    cdf[rank - 1] = sum;
  }
  for (let i = 0; i < size; i++) cdf[i] = (cdf[i] ?? 0) / sum;
  return cdf;
}

/** Index (rank - 1) of the first cdf entry above u. */
function sampleIndex(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] ?? 1) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function generateCorpus(sentenceCount: number): Corpus {
  const random = mulberry32(SEED);
  const vocabulary = makeVocabulary(random);
  const cdf = zipfCdf(VOCABULARY_SIZE);
  const tally = new Float64Array(VOCABULARY_SIZE);
  const sentences = new Array<string>(sentenceCount);
  const span = MAX_SENTENCE_WORDS - MIN_SENTENCE_WORDS + 1;
  let words = 0;
  for (let s = 0; s < sentenceCount; s++) {
    const length = MIN_SENTENCE_WORDS + randomInt(random, span);
    const parts = new Array<string>(length);
    for (let w = 0; w < length; w++) {
      const index = sampleIndex(cdf, random());
      tally[index] = (tally[index] ?? 0) + 1;
      parts[w] = vocabulary[index] ?? '';
    }
    // Array.join gives a flat string, as the spec requires (a `+=` chain would leave a rope).
    sentences[s] = parts.join(' ');
    words += length;
  }
  const oracle = new Map<string, number>();
  vocabulary.forEach((word, index) => {
    const count = tally[index] ?? 0;
    // Words never sampled do not appear in a pipeline's output, so they are left out here too.
    if (count > 0) oracle.set(word, count);
  });
  return { sentences, oracle, words };
}

/** First 16 hex chars of sha256 over the `word\tcount\n` lines sorted by word (code-unit order). */
export function checksum(counts: ReadonlyMap<string, number>): string {
  const words = [...counts.keys()].sort();
  const hash = createHash('sha256');
  for (const word of words) hash.update(`${word}\t${counts.get(word) ?? 0}\n`);
  return hash.digest('hex').slice(0, 16);
}
