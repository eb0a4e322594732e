/**
 * The Activity page's searches (issue 9), as a scenario: each search timed on a large sync log in a database of its
 * own on the run's embedded PostgreSQL (bench/sync-log-search.ts).
 */
import { benchSyncLogSearch } from '../sync-log-search';
import type { Figure, Scenario } from '../scenario';

export const scenario: Scenario = {
  id: 'sync-log-search',
  async run({ quick, database }) {
    const attempts = quick ? 10_000 : 100_000;
    const runs = quick ? 5 : 20;
    const handle = await database('sync-log-search');
    const result = await benchSyncLogSearch({ attempts, runs, databaseUrl: handle.url }).finally(() => handle.drop());
    const figures: Figure[] = [
      { label: 'sample inserted in', value: result.insertSeconds, unit: 's' },
      ...result.timings.flatMap((timing): Figure[] => [
        { label: `${timing.search}, median`, value: timing.medianMs, unit: 'ms', note: `${timing.rows} rows` },
        { label: `${timing.search}, max`, value: timing.maxMs, unit: 'ms' },
      ]),
    ];
    return {
      id: 'sync-log-search',
      title: `the Activity page's searches on ${attempts.toLocaleString('en-US')} attempts`,
      figures,
      notes: [
        `Each search run once to warm the cache, then ${runs} timed runs.`,
        'Sample: one INSERT … SELECT generate_series, then ANALYZE.',
      ],
    };
  },
};
