import type { ApiCallRow, QueueSummary } from './overview-query';
import { apiTotals, formatDuration } from './overview-view';

/** What every store shares: the job queue, and the calls to Shopify and Dataverse in the hour just past. */
export function SystemStrip({ queue, apiCalls }: { queue: QueueSummary; apiCalls: readonly ApiCallRow[] }) {
  return (
    <section className="panel system-strip" aria-labelledby="system-strip-heading">
      <header className="panel-header">
        <h2 id="system-strip-heading">Queue and API calls</h2>
      </header>
      <dl className="store-facts">
        <div>
          <dt>Queue depth</dt>
          <dd>
            {queue.depth} {queue.depth === 1 ? 'job' : 'jobs'}{' '}
            <span className="muted">
              ({queue.ready} ready, {queue.running} running)
            </span>
          </dd>
        </div>
        <div>
          <dt>Oldest job</dt>
          <dd>{queue.oldestJobAgeSeconds === null ? 'none waiting' : formatDuration(queue.oldestJobAgeSeconds)}</dd>
        </div>
        {apiTotals(apiCalls).map((total) => (
          <div key={total.api}>
            <dt>{total.label}, last hour</dt>
            <dd>
              {total.requests} {total.requests === 1 ? 'call' : 'calls'}{' '}
              <span className={total.throttled > 0 ? 'throttled' : 'muted'}>
                ({total.throttled} throttled (429), {total.errors} {total.errors === 1 ? 'error' : 'errors'})
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
