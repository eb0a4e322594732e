import { describe, expect, it } from 'vitest';
import { parseCpuTicks, parseParentPid, parsePeakRssMb } from './proc-stats';

describe('parsing /proc', () => {
  it('reads the peak resident set from status, in MB', () => {
    // Setup
    const status = 'Name:\tnext-server\nVmPeak:\t 1200000 kB\nVmHWM:\t  185344 kB\nVmRSS:\t  170000 kB\n';

    // Assertions
    expect(parsePeakRssMb(status)).toBe(181);
    expect(parsePeakRssMb('Name:\tkthreadd\n')).toBeUndefined();
  });

  it('adds user and system ticks and finds the parent, even when the process name holds spaces and parentheses', () => {
    // Setup
    const stat = '4242 (next-server (v15) x) S 1 4242 4242 0 -1 4194304 99 0 0 0 1234 567 0 0 20 0 11 0 354179';

    // Assertions
    expect(parseCpuTicks(stat)).toBe(1801);
    expect(parseParentPid(stat)).toBe(1);
    expect(parseCpuTicks('garbage')).toBeUndefined();
  });
});
