'use client';

import { signOut } from 'next-auth/react';

/** Ends the session (next-auth's POST with its CSRF token) and goes back to the sign-in page. */
export function SignOutButton() {
  return (
    <button type="button" className="user-bar-sign-out" onClick={() => void signOut({ callbackUrl: '/' })}>
      Sign out
    </button>
  );
}
