import { describe, expect, it } from 'vitest';
import { changeLatencies } from './system-latency';
import { drawDelayMs, meterAnswer } from './system-latency-proxy';
import { statusBytes } from './system-worker';

describe('changeLatencies', () => {
  it('measures each change to the first write of its record that started after it', () => {
    // Setup: order 1 changed twice, order 2 once; a write of order 1 started before its first change.
    const changes = [
      { gid: 'o1', at: 1_000 },
      { gid: 'o2', at: 1_050 },
      { gid: 'o1', at: 5_000 },
    ];
    const writes = [
      { gid: 'o1', startedAt: 900, finishedAt: 1_100 },
      { gid: 'o1', startedAt: 3_000, finishedAt: 3_400 },
      { gid: 'o2', startedAt: 3_050, finishedAt: 3_300 },
      { gid: 'o1', startedAt: 7_000, finishedAt: 7_250 },
    ];
    // Action
    const result = changeLatencies(changes, writes);
    // Assertions
    expect(result.latenciesMs).toEqual([2_400, 2_250, 2_250]);
    expect(result.parts).toEqual([
      { waitMs: 2_000, syncMs: 400 },
      { waitMs: 2_000, syncMs: 250 },
      { waitMs: 2_000, syncMs: 250 },
    ]);
    expect(result.unwritten).toEqual([]);
    expect(result.straddled).toBe(0);
  });

  it('falls back to a write that was running when the change was made, and counts it', () => {
    // Action: the only write after the change started 100 ms before it.
    const result = changeLatencies([{ gid: 'o1', at: 2_000 }], [{ gid: 'o1', startedAt: 1_900, finishedAt: 2_600 }]);
    // Assertions
    expect(result.latenciesMs).toEqual([600]);
    expect(result.parts).toEqual([{ waitMs: 0, syncMs: 600 }]);
    expect(result.straddled).toBe(1);
  });

  it('lists a change that no write followed', () => {
    // Action
    const result = changeLatencies([{ gid: 'o1', at: 2_000 }], [{ gid: 'o1', startedAt: 1_000, finishedAt: 1_500 }]);
    // Assertions
    expect(result.latenciesMs).toEqual([]);
    expect(result.unwritten).toEqual([{ gid: 'o1', at: 2_000 }]);
  });
});

describe('drawDelayMs', () => {
  it('spans the range from min to max', () => {
    expect(drawDelayMs({ minMs: 30, maxMs: 80 }, 0)).toBe(30);
    expect(drawDelayMs({ minMs: 30, maxMs: 80 }, 0.5)).toBe(55);
    expect(() => drawDelayMs({ minMs: 80, maxMs: 30 }, 0.5)).toThrow(/max below min/);
  });
});

describe('statusBytes', () => {
  it('reads a kB line of /proc/<pid>/status in bytes', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
    expect(statusBytes(status, 'VmRSS')).toBe(102_400 * 1024);
    expect(statusBytes(status, 'VmHWM')).toBe(204_800 * 1024);
    expect(statusBytes('Name:\tnode\n', 'VmRSS')).toBeUndefined();
  });
});

describe('meterAnswer', () => {
  it("adds a GraphQL answer's actual cost and counts THROTTLED answers", () => {
    // Setup
    const meter = { requests: 0, costPoints: 0, throttled: 0 };
    // Action
    meterAnswer(meter, JSON.stringify({ data: {}, extensions: { cost: { actualQueryCost: 12 } } }));
    meterAnswer(meter, JSON.stringify({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] }));
    meterAnswer(meter, 'not json');
    // Assertions
    expect(meter).toEqual({ requests: 0, costPoints: 12, throttled: 1 });
  });
});
