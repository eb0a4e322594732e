import { getServerSession } from 'next-auth';
import { roleFromClaim } from '../server/graphql/authorize';
import { authOptions, type SignedInUser, signInEnv } from './options';

/**
 * The signed-in user of the page being rendered, or undefined; `configured` false when the deployment has no sign-in
 * settings at all (then nobody can sign in, and the page says what to set).
 */
export async function currentUser(): Promise<{ configured: boolean; user?: SignedInUser }> {
  if (!signInEnv()) return { configured: false };
  const session = await getServerSession(authOptions());
  const user = session?.user;
  const role = roleFromClaim(user?.role);
  if (!user?.email || !role) return { configured: true };
  return { configured: true, user: { email: user.email, name: user.name ?? user.email, role } };
}
