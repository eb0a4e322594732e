import { AuditTrail } from '../../components/audit/audit-trail';

export default function AuditPage() {
  return (
    <main className="page audit-page">
      <header className="page-header">
        <h1>Audit</h1>
        <p className="muted">Who changed what, from the console or the API: connections, settings, tokens, retries.</p>
      </header>
      <AuditTrail />
    </main>
  );
}
