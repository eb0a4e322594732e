'use client';

import { useMutation } from '@tanstack/react-query';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { type MergeDecision, type MergeItem, resolveMerge } from './merge-queue-query';

interface Options<D> {
  item: MergeItem;
  /** How the record is named in what the card says. */
  recordName: string;
  /** Where a decision someone else made first is listed ("Resolved", "Resolved or Dismissed"). */
  decidedUnder: string;
  /** The item as decided, and the decision sent. */
  onDecided: (item: MergeItem, decision: D) => void;
  /** A refusal that means the page is out of date: the page says it and reads the queue again. */
  onStale: (message: string) => void;
}

/** A card's decision as it stands: the one being confirmed, a refusal to show, and what the card's buttons call. */
export interface MergeDecisionState<D> {
  confirming: D | null;
  refusal: string | null;
  confirmRef: RefObject<HTMLButtonElement | null>;
  pending: boolean;
  ask: (decision: D) => void;
  cancel: () => void;
  confirm: () => void;
}

/**
 * The decision plumbing every merge queue card shares: a decision is asked for, confirmed (the confirm button takes
 * the focus), sent, and a refusal is said beside the card, or by the page when it means the page is out of date.
 */
export function useMergeDecision<D extends MergeDecision>({
  item,
  recordName,
  decidedUnder,
  onDecided,
  onStale,
}: Options<D>): MergeDecisionState<D> {
  const [confirming, setConfirming] = useState<D | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const decide = useMutation({
    mutationFn: (decision: D) => resolveMerge(item.id, decision),
    onSuccess: (outcome, decision) => {
      setConfirming(null);
      if (outcome.kind === 'done') {
        setRefusal(null);
        onDecided(outcome.data, decision);
        return;
      }
      const said = `The decision on ${recordName} was not recorded: ${outcome.message}`;
      if (outcome.code === 'MERGE_ALREADY_DECIDED') {
        onStale(`${said} Someone decided first and their decision stands: see it under ${decidedUnder}.`);
      } else if (outcome.code === 'MERGE_NOT_A_CANDIDATE' || outcome.code === 'MERGE_NOT_FOUND') {
        onStale(`${said} The queue changed since the page was read; it is shown again as it is now.`);
      } else {
        setRefusal(said);
      }
    },
    onError: (error) => setRefusal(`The decision could not be sent: ${error.message}. Try again.`),
  });

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return {
    confirming,
    refusal,
    confirmRef,
    pending: decide.isPending,
    /** Asks for the decision's confirmation. */
    ask: (decision: D) => {
      setRefusal(null);
      setConfirming(decision);
    },
    cancel: () => setConfirming(null),
    /** Sends the decision being confirmed. */
    confirm: () => {
      if (confirming) decide.mutate(confirming);
    },
  };
}
