'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ActionOutcome, type Outcome } from './action-outcome';
import { disconnectStore, reconnectStore, type StoreRow } from './stores-query';
import { describeConnectionSwitch, disconnectQuestion } from './stores-view';
import { useAction } from './use-action';
import { STORES_AND_ORGS_KEY } from './use-stores-and-orgs';

/**
 * Disconnects a store, after a confirmation that says what stops and what is kept, or reconnects a disconnected one
 * (issue 11). A paused store offers neither: pausing is not this switch's business.
 */
export function StoreConnectionSwitch({ store }: { store: StoreRow }) {
  const client = useQueryClient();
  const ids = useId();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [last, setLast] = useState<'disconnect' | 'reconnect'>();
  const switched = (result: { status: StoreRow['status'] }): Outcome => {
    void client.invalidateQueries({ queryKey: STORES_AND_ORGS_KEY });
    return { kind: 'status', text: describeConnectionSwitch(store.name, result.status) };
  };
  const disconnect = useAction(
    (why: string) => disconnectStore(store.id, why),
    switched,
    'The store was not disconnected',
  );
  const reconnect = useAction(() => reconnectStore(store.id), switched, 'The store was not reconnected');
  const pending = disconnect.mutation.isPending || reconnect.mutation.isPending;
  const question = disconnectQuestion(store.name);

  if (store.status === 'PAUSED') return null;
  return (
    <div className="connection-action">
      {store.status === 'DISCONNECTED' ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            setLast('reconnect');
            reconnect.mutation.mutate(undefined);
          }}
        >
          Reconnect
        </button>
      ) : confirming ? (
        <div role="group" aria-label="Confirm disconnect" className="dry-run-confirm">
          <p>{question.stops}</p>
          <p>{question.keeps}</p>
          <label htmlFor={`${ids}-reason`}>Reason (optional, kept in the audit log)</label>
          <input id={`${ids}-reason`} value={reason} onChange={(event) => setReason(event.target.value)} />
          <button
            type="button"
            disabled={pending}
            onClick={() => {
              setConfirming(false);
              setLast('disconnect');
              disconnect.mutation.mutate(reason);
            }}
          >
            Yes, disconnect
          </button>{' '}
          {/* The button that opened the question is gone: focus goes to the safe answer. */}
          <button type="button" autoFocus onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" disabled={pending} onClick={() => setConfirming(true)}>
          Disconnect
        </button>
      )}
      <ActionOutcome
        pending={pending}
        pendingText={last === 'disconnect' ? 'Disconnecting…' : 'Reconnecting…'}
        outcome={last === 'disconnect' ? disconnect.outcome : reconnect.outcome}
      />
    </div>
  );
}
