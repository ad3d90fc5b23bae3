/** A one-line description of the machine a run happened on, for the report. */
import os from 'node:os';

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGb = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${model}, ${cpus.length} cores, ${memoryGb} GiB RAM, ${os.platform()} ${os.release()}, Node.js ${process.version}`;
}
