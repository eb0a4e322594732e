import { describe, expect, it } from 'vitest';
import { readmeTable, type ResultsFile, withTable } from './readme-table';

const results: ResultsFile = {
  startedAt: '2026-11-27T10:00:00.000Z',
  finishedAt: '2026-11-27T10:10:00.000Z',
  options: { quick: false, only: null },
  machine: { cpuModel: 'AMD EPYC', cores: 2, memoryBytes: 2 ** 34, node: 'v20.20.2', os: 'Linux x64' },
  scenarios: [
    {
      status: 'passed',
      id: 'intake-burst',
      seconds: 12,
      result: {
        title: 'burst',
        figures: [
          { label: 'acknowledgement p99', value: 84.2, unit: 'ms', target: { max: 100 }, kind: null, met: true },
          { label: 'deliveries/s', value: 2353.4, unit: '1/s', kind: null, met: null },
          { label: 'console peak RSS', value: 302, unit: 'MB', kind: null, met: null },
        ],
      },
    },
    { status: 'failed', id: 'backfill', seconds: 480, error: 'ran past its time limit\nstack' },
  ],
};

describe('the README performance table', () => {
  it('shows the machine, every figure with a target, the headline figures and failed scenarios', () => {
    // Action
    const table = readmeTable(results, 'bench/results/2026-11-27.json');
    // Assertions
    expect(table).toContain('600 s in all, on 2 × AMD EPYC, 16.0 GiB, Node v20.20.2, Linux x64');
    expect(table).toContain('| intake-burst | acknowledgement p99 | 84.20 ms | ≤ 100 | yes |');
    expect(table).toContain('| intake-burst | deliveries/s | 2,353 1/s |  |  |');
    expect(table).not.toContain('console peak RSS');
    expect(table).toContain('| backfill | FAILED: ran past its time limit | | | |');
  });

  it('replaces what follows the marker up to the next heading, and nothing else', () => {
    // Setup
    const readme = '# Title\n\n## Performance\n\nText.\n\n<!-- bench-table -->\n\nold table\n\n## Next\n\nMore.\n';
    // Action
    const updated = withTable(withTable(readme, 'new table'), 'newer table');
    // Assertions
    expect(updated).toBe(
      '# Title\n\n## Performance\n\nText.\n\n<!-- bench-table -->\n\nnewer table\n\n## Next\n\nMore.\n',
    );
    expect(() => withTable('# no marker', 'x')).toThrow('marker');
  });
});
