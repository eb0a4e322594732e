/**
 * A process's resources from Linux's /proc, for figures about a child (the console under `next start`): its peak
 * resident memory and the CPU time it has used. Elsewhere they are unknown (undefined), never guessed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** `VmHWM` of a /proc/<pid>/status text (the peak resident set), in MB. */
export function parsePeakRssMb(status: string): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** User plus system CPU time of a /proc/<pid>/stat line, in clock ticks (fields 14 and 15, after the name). */
export function parseCpuTicks(stat: string): number | undefined {
  // The name (field 2) is in parentheses and may itself hold spaces or parentheses: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? user + system : undefined;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    ticksPerSecond = Number(answer.stdout?.trim()) || 100;
  }
  return ticksPerSecond;
}

export function peakRssMb(pid: number): number | undefined {
  const status = read(`/proc/${pid}/status`);
  return status === undefined ? undefined : parsePeakRssMb(status);
}

/** CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  const ticks = stat === undefined ? undefined : parseCpuTicks(stat);
  return ticks === undefined ? undefined : ticks / clockTicks();
}

/** Busy time of all of the machine's cores so far, in seconds (every process, this bench's and anyone else's). */
export function machineBusySeconds(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0) / 1000;
}
