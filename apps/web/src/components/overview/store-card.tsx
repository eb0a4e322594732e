import Link from 'next/link';
import type { DayStats, OverviewStore } from './overview-query';
import { describeStore } from './overview-view';
import { ThroughputChart } from './throughput-chart';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One store at a glance: is it running, how far behind, how often it fails, how fast, and when it last synced. */
export function StoreCard({
  store,
  stats,
  openFailures,
  now,
}: {
  store: OverviewStore;
  stats: readonly DayStats[];
  openFailures: number;
  now: number;
}) {
  const view = describeStore(store, stats, now);
  const headingId = `store-${store.id}-heading`;
  return (
    <article className="store-card panel" aria-labelledby={headingId}>
      <header className="panel-header">
        <h3 id={headingId}>
          {store.name} <span className="muted">({store.key})</span>
        </h3>
        <p className="badge" data-status={view.status.tone}>
          {view.status.text}
        </p>
      </header>
      <p className="muted store-card-target">
        {store.shopDomain},{' '}
        {store.orgs.length > 0
          ? `writing to ${store.orgs.map((org) => org.name).join(', ')}`
          : 'connected to no org: it writes nowhere'}
      </p>
      <dl className="store-facts">
        <div>
          <dt>Backlog</dt>
          <dd>{plural(store.backlog, 'job waiting', 'jobs waiting')}</dd>
        </div>
        <div>
          <dt>Open failures</dt>
          <dd>
            {openFailures === 0 ? 'none' : <Link href="/failed">{plural(openFailures, 'record', 'records')}</Link>}
          </dd>
        </div>
        <div>
          <dt>Error rate today</dt>
          <dd>{view.errorToday}</dd>
        </div>
        <div>
          <dt>Error rate, 14 days</dt>
          <dd>{view.errorFortnight}</dd>
        </div>
        <div>
          <dt>Latency p95 today</dt>
          <dd>{view.p95Today}</dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd>
            {view.lastSync ? (
              <time dateTime={view.lastSync.iso} title={new Date(view.lastSync.iso).toLocaleString()}>
                {view.lastSync.relative}
              </time>
            ) : (
              'not yet'
            )}
          </dd>
        </div>
      </dl>
      {store.dryRun && (
        <p className="muted footnote">Dry runs write nothing and are left out of the rates and the chart.</p>
      )}
      <ThroughputChart
        series={view.series}
        label={`${store.name}: ${view.chartLabel}`}
        caption={`Synced and failed per day, ${store.name}`}
      />
    </article>
  );
}
