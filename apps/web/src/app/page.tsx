import { Overview } from '../components/overview/overview';
import { SystemHealth } from '../components/system-health/system-health';

export default function HomePage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Shopverse</h1>
        <p className="muted">
          Shopify and Dynamics 365, kept in step: each store&apos;s health, backlog and throughput.
        </p>
      </header>
      <SystemHealth />
      <Overview />
    </main>
  );
}
