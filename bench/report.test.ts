import { describe, expect, it } from 'vitest';
import { type Figure, figureKind } from './scenario';
import {
  formatTarget,
  formatValue,
  type RunReport,
  resultsFileName,
  resultsJson,
  runFailures,
  scenarioMarkdown,
  summaryMarkdown,
} from './report';

const MACHINE = { cpuModel: 'Test CPU', cores: 2, memoryBytes: 8 * 2 ** 30, node: 'v20.19.0', os: 'linux 6.1 x64' };

function report(): RunReport {
  return {
    startedAt: new Date('2026-11-27T06:00:00.000Z'),
    finishedAt: new Date('2026-11-27T06:01:30.000Z'),
    options: { quick: false, only: null },
    machine: MACHINE,
    scenarios: [
      {
        status: 'passed',
        id: 'intake-burst',
        seconds: 61.25,
        result: {
          id: 'intake-burst',
          title: '5,000 signed deliveries, 64 concurrent',
          figures: [
            {
              label: 'acknowledgement p99',
              value: 141.5,
              unit: 'ms',
              target: { max: 100 },
              note: 'bounded by the disk',
            },
            { label: 'deliveries/s', value: 1234.56, unit: '1/s' },
            { label: 'ratio | baseline', value: 0.5, unit: '', target: { min: 0.5 } },
            { label: 'not stored exactly once', value: 0, unit: 'deliveries', target: { max: 0 } },
          ],
          notes: ['worker not running'],
        },
      },
      { status: 'failed', id: 'bulk-ingest', seconds: 2, error: 'the simulator did not start' },
    ],
  };
}

describe('formatValue and formatTarget', () => {
  it('shows whole numbers grouped, others with a few significant digits', () => {
    // Assertions
    expect(formatValue(4812)).toBe('4,812');
    expect(formatValue(4812.7)).toBe('4,813');
    expect(formatValue(41.268)).toBe('41.27');
    expect(formatValue(0.47291)).toBe('0.473');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatTarget({ max: 100 })).toBe('≤ 100');
    expect(formatTarget({ min: 0.5 })).toBe('≥ 0.500');
    expect(formatTarget({ min: 1, max: 2 })).toBe('1 – 2');
    expect(formatTarget(undefined)).toBe('');
  });
});

describe('scenarioMarkdown', () => {
  it('prints every figure with its target and whether it was met, and the notes', () => {
    // Setup
    const [passed] = report().scenarios;

    // Action
    const markdown = scenarioMarkdown(passed!);

    // Assertions
    expect(markdown.split('\n')).toEqual([
      '### intake-burst: 5,000 signed deliveries, 64 concurrent (61.3 s)',
      '',
      '| figure | value | unit | target | met |',
      '| --- | ---: | --- | --- | --- |',
      '| acknowledgement p99 (bounded by the disk) | 141.50 | ms | ≤ 100 | NO |',
      '| deliveries/s | 1,235 | 1/s |  |  |',
      '| ratio \\| baseline | 0.500 |  | ≥ 0.500 | yes |',
      '| not stored exactly once | 0 | deliveries | ≤ 0 | yes |',
      '',
      '- worker not running',
      '',
    ]);
  });

  it('reports a scenario that threw as failed, with its error', () => {
    // Setup
    const failed = report().scenarios[1];

    // Action
    const markdown = scenarioMarkdown(failed!);

    // Assertions
    expect(markdown).toContain('### bulk-ingest: FAILED after 2.0 s');
    expect(markdown).toContain('| (scenario failed) |  |  |  | NO |');
    expect(markdown).toContain('Error: the simulator did not start');
  });
});

describe('summaryMarkdown, resultsJson, resultsFileName', () => {
  it('sums up each scenario and the machine, correctness apart from performance, and what fails the run', () => {
    // Action
    const markdown = summaryMarkdown(report());

    // Assertions
    expect(markdown).toContain('| scenario | status | seconds | correctness targets met | performance targets met |');
    expect(markdown).toContain('| intake-burst | ran | 61.3 | 1 of 1 | 1 of 2 |');
    expect(markdown).toContain('| bulk-ingest | FAILED | 2.0 |  |  |');
    expect(markdown).toContain('2 × Test CPU, 8 GiB, Node v20.19.0, linux 6.1 x64; 90.0 s in all.');
    expect(markdown).toContain('The run fails:\n- bulk-ingest failed: the simulator did not start');
  });

  it('writes each figure with met computed from its target, null without one', () => {
    // Action
    const json = JSON.parse(resultsJson(report())) as {
      startedAt: string;
      scenarios: {
        status: string;
        result?: { figures: { label: string; kind: string | null; met: boolean | null }[] };
        error?: string;
      }[];
    };

    // Assertions
    expect(json.startedAt).toBe('2026-11-27T06:00:00.000Z');
    expect(json.scenarios[0]?.result?.figures.map((figure) => figure.met)).toEqual([false, null, true, true]);
    expect(json.scenarios[0]?.result?.figures.map((figure) => figure.kind)).toEqual([
      'performance',
      null,
      'performance',
      'correctness',
    ]);
    expect(json.scenarios[1]).toEqual({
      status: 'failed',
      id: 'bulk-ingest',
      seconds: 2,
      error: 'the simulator did not start',
    });
  });

  it('names the file by the day the run started; a quick or partial run apart', () => {
    // Setup
    const started = new Date('2026-11-27T23:59:00Z');

    // Assertions
    expect(resultsFileName(started, { quick: false, only: null })).toBe('2026-11-27.json');
    expect(resultsFileName(started, { quick: true, only: null })).toBe('2026-11-27-quick.json');
    expect(resultsFileName(started, { quick: false, only: ['intake-burst', 'backfill'] })).toBe(
      '2026-11-27-only-intake-burst+backfill.json',
    );
  });
});

describe('what fails a run', () => {
  const passed = (figures: Figure[]): RunReport => ({
    ...report(),
    scenarios: [
      {
        status: 'passed',
        id: 'steady-state',
        seconds: 20,
        result: { id: 'steady-state', title: 't', figures, notes: [] },
      },
    ],
  });

  it('takes a target of exactly max 0 as correctness unless the figure says otherwise, any other as performance', () => {
    // Assertions
    expect(figureKind({ label: 'lost', value: 0, unit: 'changes', target: { max: 0 } })).toBe('correctness');
    expect(figureKind({ label: '429s', value: 0, unit: 'share', target: { max: 0.01 } })).toBe('performance');
    expect(figureKind({ label: 'p99', value: 90, unit: 'ms', target: { max: 100 } })).toBe('performance');
    expect(figureKind({ label: 'ratio', value: 1, unit: 'x', target: { min: 0, max: 0 } })).toBe('performance');
    expect(figureKind({ label: 'rss', value: 1, unit: 'MB', target: { max: 300 }, kind: 'correctness' })).toBe(
      'correctness',
    );
    expect(figureKind({ label: 'idle', value: 0, unit: 's', target: { max: 0 }, kind: 'performance' })).toBe(
      'performance',
    );
    expect(figureKind({ label: 'orders/s', value: 3, unit: '1/s' })).toBeUndefined();
  });

  it('never fails for a performance target missed, however far', () => {
    // Setup
    const slow = passed([
      { label: 'latency p95', value: 27_808, unit: 'ms', target: { max: 2000 } },
      { label: 'ratio to the baseline', value: 0.19, unit: 'x', target: { min: 0.5 } },
      { label: 'changes not in the CRM', value: 0, unit: 'changes', target: { max: 0 } },
    ]);

    // Assertions
    expect(runFailures(slow)).toEqual([]);
    expect(summaryMarkdown(slow)).toContain('Every scenario ran and met its correctness targets');
  });

  it('fails for a correctness target missed and for a scenario that failed, one line each', () => {
    // Setup
    const wrong = passed([
      { label: 'latency p95', value: 27_808, unit: 'ms', target: { max: 2000 } },
      { label: 'changes not in the CRM', value: 2, unit: 'changes', target: { max: 0 } },
      { label: 'stored twice', value: 1, unit: 'deliveries', target: { max: 0 }, kind: 'performance' },
    ]);
    wrong.scenarios.push({
      status: 'failed',
      id: 'backfill',
      seconds: 180,
      error: 'scenario backfill took over 3 min',
    });

    // Assertions
    expect(runFailures(wrong)).toEqual([
      'steady-state: changes not in the CRM is 2 changes, its target ≤ 0',
      'backfill failed: scenario backfill took over 3 min',
    ]);
  });
});
