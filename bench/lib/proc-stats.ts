/**
 * A process's resources from Linux's /proc, for figures about a child (the console's server): its peak
 * resident memory and the CPU time it has used. Elsewhere they are unknown (undefined), never guessed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** `VmHWM` of a /proc/<pid>/status text (the peak resident set), in MB. */
export function parsePeakRssMb(status: string): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** The fields of a /proc/<pid>/stat line after the name, so that index 0 is field 3 (the state). */
function statFields(stat: string): string[] {
  // The name (field 2) is in parentheses and may itself hold spaces or parentheses: count from the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User plus system CPU time of a /proc/<pid>/stat line, in clock ticks (fields 14 and 15). */
export function parseCpuTicks(stat: string): number | undefined {
  const fields = statFields(stat);
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? user + system : undefined;
}

/** The parent's process id of a /proc/<pid>/stat line (field 4). */
export function parseParentPid(stat: string): number | undefined {
  const parent = Number(statFields(stat)[1]);
  return Number.isInteger(parent) ? parent : undefined;
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

/**
 * CPU seconds used so far by a process and its children, e.g. PostgreSQL's postmaster and its backends (one per
 * connection). Children that have already exited are not counted; a pool's connections live through a burst.
 */
export function treeCpuSeconds(rootPid: number): number | undefined {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return undefined;
  }
  const stats = new Map<number, string>();
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    if (stat !== undefined) stats.set(pid, stat);
  }
  if (!stats.has(rootPid)) return undefined;
  let ticks = 0;
  for (const [pid, stat] of stats) {
    if (pid === rootPid || parseParentPid(stat) === rootPid) ticks += parseCpuTicks(stat) ?? 0;
  }
  return ticks / clockTicks();
}

/** Busy time of all of the machine's cores so far, in seconds (every process, this bench's and anyone else's). */
export function machineBusySeconds(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0) / 1000;
}
