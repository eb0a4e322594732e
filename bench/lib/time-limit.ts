/** A scenario that exceeded its time: the runner reports it as failed and goes on to the next. */
export class TimeLimitError extends Error {
  override readonly name = 'TimeLimitError';
}

/**
 * The promise's outcome, or a TimeLimitError once `ms` have passed. The work itself is not stopped (a scenario has no
 * way to be cancelled): it may go on in the background, which the error message says.
 */
export function withinTimeLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new TimeLimitError(
            `${what} did not finish within ${ms / 1000} s; it was left running and what it started may still run`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
