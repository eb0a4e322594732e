'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { failure, type Outcome } from './action-outcome';

/**
 * One action of a store or org: its mutation, and the outcome to show beside its button (`describe` turns a result
 * into one; an error becomes an alert starting with `prefix` and the server's reason).
 */
export function useAction<A, R>(run: (input: A) => Promise<R>, describe: (result: R) => Outcome, prefix: string) {
  const [outcome, setOutcome] = useState<Outcome>();
  const mutation = useMutation({
    mutationFn: run,
    onMutate: () => setOutcome(undefined),
    onSuccess: (result) => setOutcome(describe(result)),
    onError: (error) => setOutcome(failure(prefix, error)),
  });
  return { mutation, outcome };
}
