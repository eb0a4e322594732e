'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type BackfillRow, type BackfillStore, startBackfill, SYNC_ENTITIES, type SyncEntity } from './backfills-query';
import { startRefusalText } from './backfills-view';

interface Props {
  stores: BackfillStore[] | undefined;
  storesError: Error | null;
  onStarted: (backfill: BackfillRow) => void;
}

const isEntity = (value: string): value is SyncEntity => SYNC_ENTITIES.some((item) => item.value === value);

const entityLabel = (entity: SyncEntity) => SYNC_ENTITIES.find((item) => item.value === entity)?.label ?? entity;

/**
 * Starts a backfill of one entity of one store: every record read from a Shopify bulk operation and synced. For
 * operators; the API refuses anyone else, and a second backfill of a store and entity while one is under way.
 */
export function StartBackfillForm({ stores, storesError, onStarted }: Props) {
  const [storeId, setStoreId] = useState('');
  const [entity, setEntity] = useState<SyncEntity>('ORDER');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const storeName = (id: string) => stores?.find((store) => store.id === id)?.name ?? 'the store';

  const start = useMutation({
    mutationFn: (input: { storeId: string; entity: SyncEntity }) => startBackfill(input.storeId, input.entity),
    onSuccess: (outcome, input) => {
      if (outcome.kind === 'done') {
        setNotice(
          `Started the ${entityLabel(input.entity).toLowerCase()} backfill of ${storeName(input.storeId)}; ` +
            'it is first in the list below with its progress.',
        );
        onStarted(outcome.data);
        return;
      }
      setProblem(startRefusalText(outcome.code, outcome.message, entityLabel(input.entity), storeName(input.storeId)));
    },
    onError: (error) => setProblem(`The backfill could not be requested: ${error.message}. Try again.`),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setNotice(null);
    if (!storeId) {
      setProblem('Choose the store to backfill.');
      return;
    }
    start.mutate({ storeId, entity });
  };

  return (
    <section className="panel" aria-labelledby="start-backfill-heading">
      <header className="panel-header">
        <h2 id="start-backfill-heading">Start a backfill</h2>
      </header>
      <p className="muted">
        Reads every record of one kind from the store and syncs it; records already up to date cost nothing.
      </p>
      <form className="start-backfill" onSubmit={submit} noValidate>
        <label>
          Store{' '}
          <select
            value={storeId}
            onChange={(event) => {
              setStoreId(event.target.value);
              setProblem(null);
            }}
            aria-invalid={problem === 'Choose the store to backfill.' || undefined}
          >
            <option value="">Choose a store</option>
            {stores?.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name} ({store.shopDomain})
              </option>
            ))}
          </select>
        </label>
        <label>
          Records{' '}
          <select
            value={entity}
            onChange={(event) => {
              const value = event.target.value;
              if (isEntity(value)) setEntity(value);
              setProblem(null);
            }}
          >
            {SYNC_ENTITIES.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start backfill'}
        </button>
      </form>
      {storesError && (
        <p className="alert" role="alert">
          The stores could not be read: {storesError.message}
        </p>
      )}
      {stores?.length === 0 && <p className="muted">No store is connected yet: connect one on Stores and orgs.</p>}
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
    </section>
  );
}
