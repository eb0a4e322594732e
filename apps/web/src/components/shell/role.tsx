'use client';

import { createContext, useContext, type ReactNode } from 'react';

/** The signed-in user's role, as the server's `requireRole` ranks it; the API checks again on every mutation. */
export type ConsoleRole = 'viewer' | 'operator' | 'admin';

const RANK: Record<ConsoleRole, number> = { viewer: 0, operator: 1, admin: 2 };

const RoleContext = createContext<ConsoleRole>('viewer');

export function RoleProvider({ role, children }: { role: ConsoleRole; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

/** True when the signed-in user holds `needed` or a higher role: pages hide the actions a user may not take. */
export function useCan(needed: ConsoleRole): boolean {
  return RANK[useContext(RoleContext)] >= RANK[needed];
}
