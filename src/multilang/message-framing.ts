/**
 * The multilang framing (docs/multilang.md): each message is one JSON value followed by a line
 * `end`. Written compact with `\n` line ends (storm.py cuts exactly one character off each line);
 * read as lines ending in `\n`, `\r\n` or `\r` until a line that is exactly `end`, as Storm's host
 * reads them. JSON never holds a raw newline inside a string, so a value cannot fake an `end`.
 */
import { StringDecoder } from 'node:string_decoder';

/** The bytes of one message. */
export function frame(message: unknown): string {
  return `${JSON.stringify(message)}\nend\n`;
}

/** Raised for input that is not a message: invalid JSON, or a message over the size limit. */
export class FramingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FramingError';
  }
}

/** Splits a byte stream into parsed messages. */
export class MessageReader {
  readonly #decoder = new StringDecoder('utf8');
  /** Text after the last line end. */
  #rest = '';
  /** Lines of the message being read. */
  #lines: string[] = [];
  #size = 0;
  #lastWasCr = false;

  /** @param maxBytes - longest message accepted (characters, roughly bytes) */
  constructor(private readonly maxBytes = 16 * 1024 * 1024) {}

  /** Feeds `chunk`; returns every message it completes, in order. Throws {@link FramingError}. */
  push(chunk: Buffer | string): unknown[] {
    let text = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    // A `\r\n` split across chunks: the `\n` ends nothing new.
    if (this.#lastWasCr && text.startsWith('\n')) text = text.slice(1);
    this.#lastWasCr = text.endsWith('\r');
    const out: unknown[] = [];
    let start = 0;
    const all = this.#rest + text;
    this.#rest = '';
    for (let i = 0; i < all.length; i++) {
      const c = all.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.#line(all.slice(start, i), out);
      if (c === 13 && all.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.#rest = all.slice(start);
    if (this.#size + this.#rest.length > this.maxBytes) this.#tooLong();
    return out;
  }

  /** Text read since the last complete message (for an error when the stream ends early). */
  pending(): string {
    return [...this.#lines, this.#rest].join('\n');
  }

  #line(line: string, out: unknown[]): void {
    if (line !== 'end') {
      this.#lines.push(line);
      this.#size += line.length + 1;
      if (this.#size > this.maxBytes) this.#tooLong();
      return;
    }
    // Most messages are one line: no join.
    const text = this.#lines.length === 1 ? this.#lines[0]! : this.#lines.join('\n');
    this.#lines.length = 0;
    this.#size = 0;
    try {
      out.push(JSON.parse(text) as unknown);
    } catch {
      throw new FramingError(
        `not JSON: ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text)}`,
      );
    }
  }

  #tooLong(): never {
    throw new FramingError(`a message over ${this.maxBytes} characters without an 'end' line`);
  }
}
