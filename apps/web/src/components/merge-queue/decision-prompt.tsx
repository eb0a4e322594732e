'use client';

import type { MergeDecisionState } from './use-merge-decision';

interface Props<D> {
  state: MergeDecisionState<D>;
  /** The question a decision is confirmed with, saying what it will do. */
  question: (decision: D) => string;
}

/** Below a merge queue card: the decision asked for, to confirm or cancel, and a refusal of the last one sent. */
export function DecisionPrompt<D>({ state, question }: Props<D>) {
  return (
    <>
      {state.confirming && (
        <div className="merge-confirm" role="group" aria-label="Confirm the decision">
          <p>{question(state.confirming)}</p>
          <button type="button" ref={state.confirmRef} disabled={state.pending} onClick={state.confirm}>
            {state.pending ? 'Recording…' : 'Confirm'}
          </button>{' '}
          <button type="button" disabled={state.pending} onClick={state.cancel}>
            Cancel
          </button>
        </div>
      )}
      {state.refusal && (
        <p className="alert" role="alert">
          {state.refusal}
        </p>
      )}
    </>
  );
}
