import type { OrgReportData } from './store-report-query';
import { describeOrgReport, type MoneyLine, type ReportRow } from './store-report-view';

function Money({ lines }: { lines: readonly MoneyLine[] }) {
  if (lines.length === 0) return <span className="muted">no orders</span>;
  return (
    <>
      {lines.map((line) => (
        <div key={line.currency}>
          {line.net} <span className="muted">({line.detail})</span>
        </div>
      ))}
    </>
  );
}

function Row({ row }: { row: ReportRow }) {
  return (
    <tr>
      <th scope="row">{row.label}</th>
      <td>{row.orders}</td>
      <td>
        <Money lines={row.revenue} />
      </td>
      <td>{row.customers}</td>
      <td>{row.sharedCustomers}</td>
      <td>{row.locales}</td>
    </tr>
  );
}

/**
 * The stores writing into one org side by side: orders, net revenue in each currency (never converted), customers and
 * the customers also linked from another store; the org's total below, and the overlap of every pair of stores.
 */
export function StoreReport({ report }: { report: OrgReportData }) {
  const view = describeOrgReport(report);
  const headingId = `org-${view.orgId}-report-heading`;
  return (
    <article className="panel store-report" aria-labelledby={headingId}>
      <header className="panel-header">
        <h3 id={headingId}>{report.org.name}</h3>
      </header>
      <div className="activity-table-wrap">
        <table className="activity-table">
          <caption>{view.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Orders</th>
              <th scope="col">Net revenue</th>
              <th scope="col">Customers</th>
              <th scope="col">Shared with other stores</th>
              <th scope="col">Locales</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <Row key={row.key} row={row} />
            ))}
          </tbody>
          <tfoot>
            <Row row={view.total} />
          </tfoot>
        </table>
      </div>
      {view.pairs.length > 0 && (
        <div className="activity-table-wrap">
          <table className="activity-table">
            <caption>{view.pairsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">Stores</th>
                <th scope="col">Customers in both</th>
              </tr>
            </thead>
            <tbody>
              {view.pairs.map((pair) => (
                <tr key={pair.key}>
                  <th scope="row">{pair.label}</th>
                  <td>{pair.customers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted footnote">
        Every order synced, cancelled ones left out of the revenue; amounts as written to the CRM, each in its own
        currency. A customer is a CRM contact or account linked from a store&apos;s customers or guest checkouts,
        counted once however many stores link to it.
      </p>
    </article>
  );
}
