import type { DefaultSession } from 'next-auth';
import type { Role } from '../server/graphql/authorize';

// What our callbacks (options.ts) add to next-auth's session and JWT: the role from the ID token's `roles` claim.
declare module 'next-auth' {
  interface Session {
    user?: DefaultSession['user'] & { role?: Role };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: Role | undefined;
  }
}
