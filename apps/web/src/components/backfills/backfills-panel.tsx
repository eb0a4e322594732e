'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../shell/role';
import { BackfillsList } from './backfills-list';
import { type BackfillRow, fetchBackfillStores } from './backfills-query';
import { StartBackfillForm } from './start-backfill-form';

/** The Backfills page: the start form for operators, and every backfill with its progress. */
export function BackfillsPanel() {
  const client = useQueryClient();
  const canStart = useCan('operator');
  const [startedId, setStartedId] = useState<string | null>(null);
  const stores = useQuery({
    queryKey: ['backfill-stores'],
    queryFn: ({ signal }) => fetchBackfillStores(signal),
    retry: false,
  });

  const started = (backfill: BackfillRow) => {
    setStartedId(backfill.id);
    // Shown at once, first (the list is newest first), before the next refresh reads it back.
    client.setQueryData<BackfillRow[]>(['backfills'], (current) => [
      backfill,
      ...(current ?? []).filter((row) => row.id !== backfill.id),
    ]);
    void client.invalidateQueries({ queryKey: ['backfills'] });
  };

  return (
    <>
      {canStart ? (
        <StartBackfillForm stores={stores.data} storesError={stores.error} onStarted={started} />
      ) : (
        <p className="muted">Starting a backfill needs the operator role; you can follow every backfill below.</p>
      )}
      <BackfillsList stores={stores.data} startedId={startedId} />
    </>
  );
}
