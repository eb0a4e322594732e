/**
 * Where the CPU went during a timed stretch, per part of the system (the console, PostgreSQL, the bench process, the
 * whole machine), as cores busy on average: what bounds a throughput figure, read rather than guessed.
 */
import { cpuSeconds, machineBusySeconds, treeCpuSeconds } from './proc-stats';

export type CpuParts = Record<string, () => number | undefined>;

/** CPU seconds of each part now; a part whose reading is unknown stays undefined. */
function readAll(parts: CpuParts): Map<string, number | undefined> {
  return new Map(Object.entries(parts).map(([name, read]) => [name, read()]));
}

/** Starts measuring; `stop(seconds)` answers each part's average cores busy over those seconds. */
export function startCpuMeter(parts: CpuParts): { stop(seconds: number): Map<string, number> } {
  const before = readAll(parts);
  return {
    stop(seconds) {
      const after = readAll(parts);
      const cores = new Map<string, number>();
      for (const [name, start] of before) {
        const end = after.get(name);
        if (start !== undefined && end !== undefined && seconds > 0) cores.set(name, (end - start) / seconds);
      }
      return cores;
    },
  };
}

/** The usual parts: a child process by pid, a process tree (PostgreSQL) by its root pid, this process, the machine. */
export const cpuOf = {
  process: (pid: number) => () => cpuSeconds(pid),
  tree: (rootPid: number | undefined) => () => (rootPid === undefined ? undefined : treeCpuSeconds(rootPid)),
  self: () => () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  },
  machine: () => () => machineBusySeconds(),
};
