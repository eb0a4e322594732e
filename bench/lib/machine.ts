import { arch, cpus, release, totalmem, type } from 'node:os';
import type { MachineInfo } from '../report';

/** The machine this run is on, from `node:os`. */
export function describeMachine(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()} ${arch()}`,
  };
}
