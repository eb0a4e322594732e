import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const copy = join(root, 'reference');
const shared = join(root, '..', 'shared', 'reference');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function hashes(dir: string, skip: string[]): Map<string, string> {
  return new Map(
    files(dir)
      .map((path) => `./${relative(dir, path)}`)
      .filter((name) => !skip.includes(name))
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );
}

describe('reference/', () => {
  const manifest = new Map(
    readFileSync(join(copy, 'MANIFEST.sha256'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [hash, name] = line.split(/\s+/);
        return [name ?? '', hash ?? ''];
      }),
  );

  it('holds exactly the files of its manifest, unmodified, and equals shared/reference when that is beside the clone', () => {
    expect(hashes(copy, ['./MANIFEST.sha256', './README.md'])).toEqual(manifest);
    if (existsSync(shared)) expect(hashes(shared, [])).toEqual(manifest);
  });
});
