import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The outside truth the simulators follow: the repository's verbatim copy of the workplace's `shared/reference`
 * (see reference/README.md), so a clone runs on its own.
 */
export const REFERENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'reference');

/** Absolute path of a reference file, e.g. `referencePath('dataverse', 'cdm', 'Contact.cdm.json')`. */
export function referencePath(...segments: string[]): string {
  return join(REFERENCE_DIR, ...segments);
}

/** A reference file's text. */
export function readReference(...segments: string[]): string {
  return readFileSync(referencePath(...segments), 'utf8');
}
