import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Bytes in an AES-256 key. */
export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Format tag of a sealed value; a new format gets a new tag so old rows stay readable. */
const FORMAT = 'v1';

/**
 * Seals and opens the secrets we keep at rest (Shopify tokens, webhook secrets, Dataverse client secrets) with
 * AES-256-GCM. The `context` names the column a value belongs to (`stores.access_token`) and is bound in as
 * additional authenticated data, so a ciphertext copied into another column or table fails to open instead of
 * leaking under the wrong name.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) {
      throw new Error(`A secret key must be ${SECRET_KEY_BYTES} bytes; this one has ${key.length}.`);
    }
    this.#key = Buffer.from(key);
  }

  /** Builds a box from the base64 text of SHOPVERSE_SECRET_KEY. */
  static fromBase64(text: string): SecretBox {
    return new SecretBox(parseSecretKey(text));
  }

  /** Encrypts `plaintext`; the result is `v1:<iv>:<tag>:<ciphertext>`, each part base64. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
  }

  /** Decrypts a value written by `seal` under the same context; throws if it was altered or sealed elsewhere. */
  open(sealed: string, context: string): string {
    const [format, iv, tag, ciphertext, ...rest] = sealed.split(':');
    if (format !== FORMAT || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
      throw new SecretError(`The stored value for ${context} is not a sealed secret (expected ${FORMAT}:iv:tag:data).`);
    }
    const ivBytes = Buffer.from(iv, 'base64');
    const tagBytes = Buffer.from(tag, 'base64');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
      throw new SecretError(`The stored value for ${context} is damaged (bad iv or tag length).`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, ivBytes);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tagBytes);
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretError(
        `The stored value for ${context} cannot be decrypted: it was sealed under another key or for another column. ` +
          'Check that SHOPVERSE_SECRET_KEY is the key this database was written with.',
      );
    }
  }
}

/** A secret that cannot be opened; the message never contains the secret. */
export class SecretError extends Error {
  readonly code = 'SECRET_UNREADABLE';
  override readonly name = 'SecretError';
}

/** Parses a base64 key and checks its length, naming the variable in the error. */
export function parseSecretKey(text: string, name = 'SHOPVERSE_SECRET_KEY'): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== SECRET_KEY_BYTES) {
    throw new Error(
      `${name} must be ${SECRET_KEY_BYTES} random bytes in base64 (44 characters); it decodes to ${key.length} bytes. ` +
        `Make one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  return key;
}

/** A fresh random key, base64. */
export function generateSecretKey(): string {
  return randomBytes(SECRET_KEY_BYTES).toString('base64');
}
