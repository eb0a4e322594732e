import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentUser } from '../auth/session';
import { SignOutButton } from '../auth/sign-out-button';
import { ConsoleNav } from '../components/shell/console-nav';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Shopverse',
  description: 'Keeps Shopify stores and Dynamics 365 in step: the operations console.',
};

const USER_BAR_STYLE = {
  display: 'flex',
  gap: '0.75rem',
  justifyContent: 'flex-end',
  alignItems: 'center',
  padding: '0.5rem 1rem',
} as const;

// Every console page depends on who is signed in.
export const dynamic = 'force-dynamic';

/**
 * Every console page is for signed-in users only: this check runs on the server for each of them, so no page
 * renders (nor calls the API) for a visitor. The API routes are not pages and check for themselves.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const { configured, user } = await currentUser();
  if (configured && !user) redirect('/api/auth/signin?callbackUrl=%2F');
  return (
    <html lang="en">
      <body>
        {user ? (
          <nav className="user-bar" aria-label="Signed in user" style={USER_BAR_STYLE}>
            <span data-testid="user-name">{user.name}</span>
            <span className="user-bar-role" data-testid="user-role">
              {user.role}
            </span>
            <SignOutButton />
          </nav>
        ) : (
          <p role="alert" className="user-bar" style={USER_BAR_STYLE}>
            Sign-in is not configured: set NEXTAUTH_URL, NEXTAUTH_SECRET, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and
            ENTRA_ISSUER (see the README), or use an API token.
          </p>
        )}
        {user ? (
          <Providers role={user.role}>
            <div className="console">
              <ConsoleNav />
              <div className="console-main">{children}</div>
            </div>
          </Providers>
        ) : null}
      </body>
    </html>
  );
}
