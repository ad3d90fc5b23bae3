/**
 * Receiver process of the TCP benchmark, forked by the sender process:
 * `receiver-main.js <plain|gale> <tuples> <times|no-times>`.
 *
 * Listens on 127.0.0.1 (port reported over IPC), decodes and counts every tuple (`Tally`), and once
 * `tuples` are counted acks on the connection (the end of the sender's timed interval) and reports
 * its counts over IPC. With `times` it also stamps each batch as its handler runs
 * (`machineNowMs`, the sender's clock too).
 * Exits when the sender disconnects the IPC channel.
 */
import { performance } from 'node:perf_hooks';
import { machineNowMs } from './clock.js';
import { listenReceiver } from './connect.js';
import { HOST, isTcpImpl, type BatchReceiver } from './endpoints.js';
import type { ReceiverMessage } from './receiver-messages.js';
import { Tally } from './tally.js';

function report(message: ReceiverMessage): void {
  process.send?.(message);
}

async function main(argv: readonly string[]): Promise<void> {
  const [impl, totalArg, timesArg] = argv;
  const total = Number(totalArg);
  if (impl === undefined || !isTcpImpl(impl) || !Number.isInteger(total) || total <= 0)
    throw new Error(`usage: receiver-main.js <plain|gale> <tuples> <times|no-times>, got ${argv.join(' ')}`);
  const recordTimes = timesArg === 'times';
  const tally = new Tally();
  const receivedAt: number[] = [];
  let wallStart = 0;
  let cpuStart: NodeJS.CpuUsage | undefined;
  const finish = (): void => {
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    // `receiver` is set: no batch arrives before its port is reported below.
    receiver.ack();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    report({ type: 'result', ...tally.snapshot(), wallMs, cpuMs, receivedAt });
  };
  const receiver: BatchReceiver = await listenReceiver(impl, HOST, (values) => {
    if (tally.tuples >= total) return; // counted everything already: extra tuples are a mismatch
    if (cpuStart === undefined) {
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
    }
    if (recordTimes) receivedAt.push(machineNowMs());
    try {
      tally.add(values);
    } catch (err) {
      report({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      process.exit(1);
    }
    if (tally.tuples >= total) finish();
  });
  process.on('disconnect', () => {
    void receiver.close().finally(() => process.exit(0));
  });
  report({ type: 'listening', port: receiver.port });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  report({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  console.error(error);
  process.exit(1);
});
