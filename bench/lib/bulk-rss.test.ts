import { describe, expect, it } from 'vitest';
import { procStatusKb, RssSampler } from './bulk-rss';

const STATUS = [
  'Name:\tnode',
  'VmPeak:\t 1203400 kB',
  'VmHWM:\t  201344 kB',
  'VmRSS:\t  187012 kB',
  'Threads:\t11',
].join('\n');

describe('procStatusKb', () => {
  it('reads a field of /proc/<pid>/status in kB, and nothing for a field that is not there', () => {
    // Setup: STATUS, as Linux writes it (tabs and padding).

    // Action
    const rss = procStatusKb(STATUS, 'VmRSS');
    const peak = procStatusKb(STATUS, 'VmHWM');
    const missing = procStatusKb(STATUS, 'VmSwap');

    // Assertions
    expect(rss).toBe(187_012);
    expect(peak).toBe(201_344);
    expect(missing).toBeUndefined();
  });
});

describe('RssSampler', () => {
  it("reads this process's own resident set, its peak at least as high", () => {
    // Setup
    const sampler = new RssSampler(process.pid, 10);

    // Action
    const reading = sampler.read();
    sampler.stop();

    // Assertions
    expect(reading.currentMb).toBeGreaterThan(10);
    expect(reading.peakMb).toBeGreaterThanOrEqual(reading.currentMb);
    expect(reading.sampledPeakMb).toBe(reading.currentMb);
  });
});
