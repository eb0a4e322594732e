import { type DayPoint, chartBars } from './overview-view';

const WIDTH = 280;
const HEIGHT = 64;

/**
 * Synced per UTC day as bars, failed stacked on top in the alert colour. The picture is one image with its summary
 * as its name; the numbers themselves are in a table that only screen readers see.
 */
export function ThroughputChart({ series, label, caption }: { series: DayPoint[]; label: string; caption: string }) {
  const bars = chartBars(series, WIDTH, HEIGHT);
  const first = series[0]?.day;
  const last = series.at(-1)?.day;
  return (
    <figure className="throughput-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="none">
        <line className="chart-baseline" x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
        {bars.map((bar) => (
          <g key={bar.day}>
            {bar.syncedHeight > 0 && (
              <rect className="bar-synced" x={bar.x} y={bar.syncedY} width={bar.width} height={bar.syncedHeight} />
            )}
            {bar.failedHeight > 0 && (
              <rect className="bar-failed" x={bar.x} y={bar.failedY} width={bar.width} height={bar.failedHeight} />
            )}
          </g>
        ))}
      </svg>
      <figcaption className="chart-axis" aria-hidden="true">
        <span>{first}</span>
        <span className="chart-legend">
          <span className="swatch swatch-synced" /> synced <span className="swatch swatch-failed" /> failed
        </span>
        <span>{last}</span>
      </figcaption>
      <table className="visually-hidden">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col">Synced</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {series.map((point) => (
            <tr key={point.day}>
              <th scope="row">{point.day}</th>
              <td>{point.synced}</td>
              <td>{point.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
