import { MappingsEditor } from '../../components/mappings/mappings-editor';

export default function MappingsPage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Mappings</h1>
        <p className="muted">
          How each store&apos;s records are written to the CRM: its settings, the extra columns of its field map, and a
          preview of a real order under a draft before it is saved.
        </p>
      </header>
      <MappingsEditor />
    </main>
  );
}
