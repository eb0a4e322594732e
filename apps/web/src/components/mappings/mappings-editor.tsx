'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../shell/role';
import { FieldMapEditor } from './field-map-editor';
import {
  fetchMappingsPage,
  fetchOrgDirectory,
  fetchPreview,
  type FieldSourceOption,
  type MappingPreviewData,
  type MappingStore,
  saveSettings,
} from './mappings-query';
import {
  type Entity,
  type FieldMapRow,
  parseSettingsText,
  type Problem,
  type Settings,
  settingsText,
  withFieldMapRows,
  withValue,
} from './mappings-view';
import type { DirectoryState } from './org-fields';
import { PreviewPanel } from './preview-panel';
import { SettingsForm } from './settings-form';

/**
 * The Mappings page: pick a store, edit its settings (the common ones as a form, the field map per entity, all of it
 * as JSON), check a draft against a real order (nothing is written), and save it (admins). Problems are shown beside
 * the field they are about.
 */
export function MappingsEditor() {
  const query = useQuery({ queryKey: ['mappings'], queryFn: ({ signal }) => fetchMappingsPage(signal), retry: false });
  const [storeId, setStoreId] = useState<string>();
  if (query.isPending) {
    return (
      <section className="panel" aria-busy="true">
        <p role="status">Loading the stores…</p>
      </section>
    );
  }
  if (query.isError) {
    return (
      <section className="panel">
        <p role="alert" className="alert">
          The stores could not be loaded: {query.error.message}
        </p>
      </section>
    );
  }
  const { stores, fieldMapSources } = query.data;
  if (stores.length === 0) {
    return (
      <section className="panel">
        <p className="muted">No stores yet: connect one on the Stores and orgs page first.</p>
      </section>
    );
  }
  const store = stores.find((item) => item.id === storeId) ?? stores[0];
  if (!store) return null;
  return (
    <>
      <div className="mappings-store-picker">
        <label htmlFor="mappings-store">Store</label>
        <select id="mappings-store" value={store.id} onChange={(event) => setStoreId(event.target.value)}>
          {stores.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name} ({item.key})
            </option>
          ))}
        </select>
      </div>
      <StoreMappings key={store.id} store={store} sources={fieldMapSources} />
    </>
  );
}

function StoreMappings({
  store,
  sources,
}: {
  store: MappingStore;
  sources: { entity: string; sources: FieldSourceOption[] }[];
}) {
  const client = useQueryClient();
  const canSave = useCan('admin');
  const [draft, setDraft] = useState<Settings>(store.settings);
  const [jsonText, setJsonText] = useState(settingsText(store.settings));
  const [jsonError, setJsonError] = useState<string>();
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [notice, setNotice] = useState<{ text: string; failed: boolean }>();
  const [orderName, setOrderName] = useState('');
  const [preview, setPreview] = useState<MappingPreviewData>();
  const directoryQuery = useQuery({
    queryKey: ['org-directory', store.id],
    queryFn: ({ signal }) => fetchOrgDirectory(store.id, signal),
    retry: false,
  });
  const directory: DirectoryState = directoryQuery.isPending
    ? { status: 'loading' }
    : directoryQuery.isError
      ? { status: 'unavailable', reason: directoryQuery.error.message }
      : directoryQuery.data.problem
        ? { status: 'unavailable', reason: directoryQuery.data.problem }
        : { status: 'ready', directory: directoryQuery.data };

  const change = (next: Settings) => {
    setDraft(next);
    setJsonText(settingsText(next));
    setJsonError(undefined);
  };
  const check = useMutation({
    mutationFn: () => fetchPreview(store.id, draft, orderName),
    onSuccess: (answer) => {
      setPreview(answer);
      setProblems(answer.problems);
      setNotice(
        answer.problems.length > 0
          ? {
              text: `The check found ${answer.problems.length} problem(s); see them beside their fields.`,
              failed: true,
            }
          : { text: 'The check found no problems.', failed: false },
      );
    },
    onError: (error) => setNotice({ text: `The check failed: ${error.message}`, failed: true }),
  });
  const save = useMutation({
    mutationFn: () => saveSettings(store.id, draft),
    onSuccess: (answer) => {
      if (answer.ok) {
        setProblems([]);
        setNotice({ text: `The settings of ${store.name} were saved.`, failed: false });
        void client.invalidateQueries({ queryKey: ['mappings'] });
      } else {
        setProblems(answer.problems);
        setNotice({
          text:
            answer.problems.length > 0
              ? `Not saved: fix the ${answer.problems.length} problem(s) shown.`
              : answer.message,
          failed: true,
        });
      }
    },
    onError: (error) => setNotice({ text: `Not saved: ${error.message}`, failed: true }),
  });
  const busy = check.isPending || save.isPending;

  return (
    <>
      <section className="panel" aria-labelledby="mappings-settings-heading">
        <header className="panel-header">
          <h2 id="mappings-settings-heading">Settings of {store.name}</h2>
          {!canSave && <p className="muted">Read only: only admins change settings. You can still check a draft.</p>}
        </header>
        {!store.settingsValid && (
          <p className="alert" role="alert">
            The saved settings do not validate; the sync refuses this store until they are fixed.
          </p>
        )}
        {notice && (
          <p role={notice.failed ? 'alert' : 'status'} className={notice.failed ? 'alert' : 'muted'}>
            {notice.text}
          </p>
        )}
        {problems.length > 0 && (
          <ul className="mappings-problems" aria-label="Problems">
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                <code>{problem.path}</code>: {problem.message}
              </li>
            ))}
          </ul>
        )}
        <fieldset className="mappings-editable" disabled={!canSave}>
          <legend className="visually-hidden">Settings</legend>
          <SettingsForm
            storeId={store.id}
            directory={directory}
            settings={draft}
            problems={problems}
            set={(path, value) => change(withValue(draft, path, value))}
          />
          <section aria-labelledby="field-map-heading">
            <h3 id="field-map-heading">Field map</h3>
            <p className="muted">
              More columns to write, each from a Shopify field. The column must exist in the CRM, take the field&apos;s
              kind of value and hold its longest value.
            </p>
            <FieldMapEditor
              settings={draft}
              sources={sources}
              problems={problems}
              setRows={(entity: Entity, rows: FieldMapRow[]) => change(withFieldMapRows(draft, entity, rows))}
            />
          </section>
          <details className="mappings-advanced">
            <summary>Advanced (JSON)</summary>
            <label htmlFor="mappings-json">All settings of {store.name} as JSON</label>
            <textarea
              id="mappings-json"
              rows={18}
              spellCheck={false}
              value={jsonText}
              aria-describedby="mappings-json-error"
              onChange={(event) => {
                setJsonText(event.target.value);
                const parsed = parseSettingsText(event.target.value);
                if (parsed.ok) {
                  setDraft(parsed.settings);
                  setJsonError(undefined);
                } else {
                  setJsonError(parsed.message);
                }
              }}
            />
            {jsonError && (
              <p id="mappings-json-error" role="alert" className="alert">
                The JSON is not used until it is fixed: {jsonError}
              </p>
            )}
          </details>
        </fieldset>
        <div className="mappings-actions">
          <label htmlFor="mappings-order">Order to preview</label>
          <input
            id="mappings-order"
            value={orderName}
            placeholder="#1001 (empty: the latest)"
            onChange={(event) => setOrderName(event.target.value)}
          />
          <button type="button" onClick={() => check.mutate()} disabled={busy || jsonError !== undefined}>
            {check.isPending ? 'Checking…' : 'Check'}
          </button>
          {canSave && (
            <button type="button" onClick={() => save.mutate()} disabled={busy || jsonError !== undefined}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              change(store.settings);
              setProblems([]);
              setNotice(undefined);
            }}
            disabled={busy}
          >
            Undo changes
          </button>
        </div>
      </section>
      <section className="panel" aria-labelledby="mappings-preview-heading" aria-busy={check.isPending}>
        <header className="panel-header">
          <h2 id="mappings-preview-heading">Preview</h2>
        </header>
        {preview ? (
          <PreviewPanel preview={preview} />
        ) : (
          <p className="muted">Check the draft to see how an order would be written with it: nothing is written.</p>
        )}
      </section>
    </>
  );
}
