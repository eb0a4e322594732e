'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { type ConsoleRole, RoleProvider } from '../components/shell/role';

/** Client-side state shared by the console's pages. */
export function Providers({ role, children }: { role: ConsoleRole; children: ReactNode }) {
  // One client per browser tab, made once: a module-level client would be shared between requests on the server.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <RoleProvider role={role}>{children}</RoleProvider>
    </QueryClientProvider>
  );
}
