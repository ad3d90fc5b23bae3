/**
 * The sender process's handle on the receiver process it forks (`receiver-main.ts`): a fresh
 * process per run, on the same `node` flags (a `--cpu-prof` of the sender profiles both).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TcpImpl } from './endpoints.js';
import { ReceiverMessageSchema, type ReceiverMessage, type ReceiverResult } from './receiver-messages.js';

const RECEIVER_MAIN = fileURLToPath(new URL('./receiver-main.js', import.meta.url));

export class ReceiverProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<number>;
  readonly #listening: Promise<number>;
  readonly #result: Promise<ReceiverResult>;

  private constructor(impl: TcpImpl, tuples: number, recordTimes: boolean) {
    const args = [impl, String(tuples), recordTimes ? 'times' : 'no-times'];
    this.#child = fork(RECEIVER_MAIN, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.#exited = new Promise((resolve) => this.#child.once('exit', (code) => resolve(code ?? -1)));
    const next = <T extends ReceiverMessage['type']>(
      type: T,
    ): Promise<Extract<ReceiverMessage, { type: T }>> =>
      new Promise((resolve, reject) => {
        const onMessage = (raw: unknown): void => {
          const parsed = ReceiverMessageSchema.safeParse(raw);
          if (!parsed.success) return reject(new Error(`receiver: malformed message ${JSON.stringify(raw)}`));
          const message = parsed.data;
          if (message.type === 'error') return reject(new Error(`receiver: ${message.message}`));
          if (message.type === type) resolve(message as Extract<ReceiverMessage, { type: T }>);
        };
        this.#child.on('message', onMessage);
        void this.#exited.then((code) => reject(new Error(`the receiver exited (${code}) before '${type}'`)));
      });
    this.#listening = next('listening').then((m) => m.port);
    this.#result = next('result');
    this.#result.catch(() => {}); // awaited later; a failure before then must not be unhandled
  }

  /** Forks the receiver and waits until it listens. */
  static async start(impl: TcpImpl, tuples: number, recordTimes: boolean): Promise<ReceiverProcess> {
    const receiver = new ReceiverProcess(impl, tuples, recordTimes);
    try {
      await receiver.port();
    } catch (err) {
      receiver.#child.kill();
      throw err;
    }
    return receiver;
  }

  port(): Promise<number> {
    return this.#listening;
  }

  /** What it counted, reported once every tuple was. */
  result(): Promise<ReceiverResult> {
    return this.#result;
  }

  /** Disconnects (the receiver then closes its end and exits) and waits for the exit. */
  async stop(): Promise<void> {
    if (this.#child.connected) this.#child.disconnect();
    await this.#exited;
  }

  /** Kills the receiver if it still runs (after a failure). */
  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }
}
