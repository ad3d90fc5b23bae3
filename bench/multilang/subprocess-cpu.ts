/**
 * CPU time of the subprocesses a multilang job runs, which `process.cpuUsage()` leaves out: read from
 * `/proc/<pid>/stat` (utime + stime, in clock ticks) while they are still alive. Gale's shell
 * components are found through the worker's pid directory (`<tmp>/gale-pids/<this pid>/`), where
 * every subprocess writes a file named after its pid, as Storm's libraries do.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let ticksPerSec: number | undefined;

function clockTicks(): number {
  if (ticksPerSec === undefined) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim();
    ticksPerSec = Number(out) > 0 ? Number(out) : 100;
  }
  return ticksPerSec;
}

/** User + system CPU ms of process `pid` so far; 0 if it is gone. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // Fields after the command (which may hold spaces) start after its closing parenthesis: utime and
  // stime are fields 14 and 15 of the line, 12 and 13 of what follows ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

/** CPU ms of every shell subprocess this process runs now (those with a pid file). */
export function shellSubprocessCpuMs(): number {
  let names: string[];
  try {
    names = readdirSync(join(tmpdir(), 'gale-pids', String(process.pid)));
  } catch {
    return 0;
  }
  let ms = 0;
  for (const name of names) if (/^\d+$/.test(name)) ms += processCpuMs(Number(name));
  return ms;
}
