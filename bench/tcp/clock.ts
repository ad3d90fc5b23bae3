/**
 * The clock both processes of a latency run stamp with: CLOCK_MONOTONIC (`process.hrtime`), one
 * clock for every process of the machine, in milliseconds. Adding `performance.timeOrigin` to
 * `performance.now()` would do too, but each process converts its own start time to wall-clock
 * time, and two processes were seen to disagree by tens of microseconds.
 */
export function machineNowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
