import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecretKey, parseSecretKey } from '../secrets';
import { BootstrapError } from './errors';

export interface SecretKeySource {
  /** SHOPVERSE_SECRET_KEY, when set. */
  envKey: string | undefined;
  /** The data folder (`.data`). */
  dataDir: string;
  /** Whether the database is the embedded default, where a local key file is acceptable. */
  embedded: boolean;
}

/**
 * The key that seals secrets at rest, as base64. SHOPVERSE_SECRET_KEY wins; with the embedded database a key file
 * `secret.key` (mode 0600) is made beside it on first start, so a newcomer needs no setup. Against a server of your own
 * (DATABASE_URL) the key must come from the environment: a key file next to a shared database is a key left lying
 * around.
 */
export function loadSecretKey({ envKey, dataDir, embedded }: SecretKeySource): string {
  if (envKey !== undefined && envKey !== '') {
    try {
      parseSecretKey(envKey);
    } catch (error) {
      throw new BootstrapError('SECRET_KEY_INVALID', (error as Error).message);
    }
    return envKey.trim();
  }
  if (!embedded) {
    throw new BootstrapError(
      'SECRET_KEY_MISSING',
      'SHOPVERSE_SECRET_KEY is not set. With DATABASE_URL set, the key that encrypts stored secrets must come from ' +
        'the environment: 32 random bytes in base64 ' +
        `(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"). Keep it: without it the ` +
        'stored tokens cannot be read.',
    );
  }
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) {
    if ((statSync(path).mode & 0o077) !== 0) {
      throw new BootstrapError('SECRET_KEY_INVALID', `${path} can be read by others; run: chmod 600 ${path}`);
    }
    const key = readFileSync(path, 'utf8').trim();
    try {
      parseSecretKey(key, path);
    } catch (error) {
      throw new BootstrapError('SECRET_KEY_INVALID', (error as Error).message);
    }
    return key;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const key = generateSecretKey();
  // 'wx': if another start made the file a moment ago, keep theirs.
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8').trim();
    throw error;
  }
}
