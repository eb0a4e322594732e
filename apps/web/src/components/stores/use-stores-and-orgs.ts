'use client';

import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { fetchStoresAndOrgs } from './stores-query';
import { defaultCallbackUrl } from './stores-view';

export const STORES_AND_ORGS_KEY = ['stores-and-orgs'] as const;

/**
 * The stores and orgs. Not refreshed on a timer: each read asks every shop for its webhooks, so the list is read
 * again only after a change made here.
 */
export function useStoresAndOrgs() {
  return useQuery({
    queryKey: STORES_AND_ORGS_KEY,
    queryFn: ({ signal }) => fetchStoresAndOrgs(signal),
    retry: false,
    refetchOnWindowFocus: false,
  });
}

const noSubscription = () => () => undefined;

/** The console's own webhook URL, from the address the browser reached it at; empty while rendered on the server. */
export function useConsoleCallbackUrl(): string {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  return origin ? defaultCallbackUrl(origin) : '';
}
