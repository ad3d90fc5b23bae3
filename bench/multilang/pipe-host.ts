/**
 * The baseline of the multilang bench: a hand-written host driving the same split subprocess over the
 * same protocol with nothing else around it, what a minimal ShellBolt costs. It sends the handshake,
 * then the sentences as tuples with string ids, at most `maxPending` unanswered (as
 * `shellBoltMaxPending`); it counts every emitted word, answers each emit that wants them with a
 * task-id list, and takes an ack as the sentence done. Each chunk read is handled whole and what it
 * produced is written at once. No acker, no grouping, no heartbeats, no timeouts, no restarts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCES, SHELL_ENV } from './multilang-resources.js';
import { processCpuMs } from './subprocess-cpu.js';

const END = '\nend\n';

export interface PipeRun {
  readonly counts: Map<string, number>;
  /** CPU ms of the subprocess over the run. */
  readonly subprocessCpuMs: number;
}

/** Counts the words of `sentences` through the split subprocess `command`. */
export function pipeWordCount(
  command: readonly string[],
  sentences: readonly string[],
  maxPending = 100,
): Promise<PipeRun> {
  const pidDir = mkdtempSync(join(tmpdir(), 'gale-bench-pids-'));
  const child = spawn(command[0]!, command.slice(1), {
    cwd: RESOURCES,
    env: { ...process.env, ...SHELL_ENV },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const counts = new Map<string, number>();
  let buffered = '';
  let pid = 0;
  let next = 0;
  let pending = 0;
  let acked = 0;
  return new Promise<PipeRun>((resolve, reject) => {
    const finish = (err: Error | null): void => {
      child.stdout.removeAllListeners('data');
      const subprocessCpuMs = pid === 0 ? 0 : processCpuMs(pid);
      child.stdin.end();
      child.kill();
      rmSync(pidDir, { recursive: true, force: true });
      if (err === null) resolve({ counts, subprocessCpuMs });
      else reject(err);
    };
    const refill = (out: string[]): void => {
      while (pending < maxPending && next < sentences.length) {
        out.push(
          JSON.stringify({
            id: String(next),
            comp: 'sentences',
            stream: 'default',
            task: 1,
            tuple: [sentences[next]],
          }),
        );
        next++;
        pending++;
      }
    };
    child.on('error', (err) => finish(err));
    child.on('exit', (code) => {
      if (acked < sentences.length)
        finish(new Error(`${command.join(' ')} exited (code ${code}) after ${acked} acks`));
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const out: string[] = [];
      let at: number;
      while ((at = buffered.indexOf(END)) >= 0) {
        const message = JSON.parse(buffered.slice(0, at)) as Record<string, unknown>;
        buffered = buffered.slice(at + END.length);
        if (pid === 0) {
          pid = message['pid'] as number;
          refill(out);
          continue;
        }
        switch (message['command']) {
          case 'emit': {
            const word = (message['tuple'] as string[])[0]!;
            counts.set(word, (counts.get(word) ?? 0) + 1);
            if (message['need_task_ids'] !== false) out.push('[2]');
            break;
          }
          case 'ack':
            pending--;
            acked++;
            refill(out);
            break;
          case 'fail':
            return finish(new Error(`${command.join(' ')} failed tuple ${String(message['id'])}`));
          default:
            break; // log, sync: nothing to do
        }
      }
      if (out.length > 0) child.stdin.write(out.join(END) + END);
      if (acked === sentences.length) finish(null);
    });
    const setup = {
      pidDir,
      conf: {},
      context: {
        taskid: 1,
        componentid: 'split',
        'task->component': { '1': 'split', '2': 'count', '3': 'sentences' },
        'stream->target->grouping': { default: { count: { type: 'FIELDS', fields: ['word'] } } },
        streams: ['default'],
        'stream->outputfields': { default: ['word'] },
        'source->stream->grouping': { sentences: { default: { type: 'SHUFFLE' } } },
      },
    };
    child.stdin.write(JSON.stringify(setup) + END);
  });
}
