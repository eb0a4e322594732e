import { StoresAndOrgs } from '../../components/stores/stores-page';

export default function StoresPage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Stores and orgs</h1>
        <p className="muted">
          The Shopify stores the sync reads and the Dynamics 365 orgs it writes to: connect them, test them, provision
          the org, register the webhooks.
        </p>
      </header>
      <StoresAndOrgs />
    </main>
  );
}
