'use client';

/** What an action ended with: a result to read (`status`) or a refusal with the server's reason (`alert`). */
export type Outcome = { kind: 'status'; text: string } | { kind: 'alert'; text: string };

/**
 * The state of one action beside its button: pending, then its result as `role="status"` or its error as
 * `role="alert"`. Nothing before the action is first taken.
 */
export function ActionOutcome({
  pending,
  pendingText,
  outcome,
}: {
  pending: boolean;
  pendingText: string;
  outcome: Outcome | undefined;
}) {
  if (pending) {
    return (
      <p className="muted action-outcome" role="status">
        {pendingText}
      </p>
    );
  }
  if (!outcome) return null;
  return outcome.kind === 'status' ? (
    <p className="action-outcome" role="status">
      {outcome.text}
    </p>
  ) : (
    <p className="alert action-outcome" role="alert">
      {outcome.text}
    </p>
  );
}

/** An error thrown by an action, as the alert shows it. */
export function failure(prefix: string, error: unknown): Outcome {
  return { kind: 'alert', text: `${prefix}: ${error instanceof Error ? error.message : String(error)}` };
}
