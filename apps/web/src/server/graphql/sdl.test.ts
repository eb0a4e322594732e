import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSdl, currentSdl, describeDrift, SDL_FILE } from './sdl';

const COMMITTED = join(import.meta.dirname, '..', '..', '..', SDL_FILE);

const BEFORE = `type Query {
  stores: [Store!]!
}

type Store {
  id: ID!
  name: String!
}
`;

describe('the committed SDL', () => {
  it('is the schema the server runs; a breaking difference is listed with how to accept it', async () => {
    // Setup
    const committed = readFileSync(COMMITTED, 'utf8');

    // Action
    const drift = compareSdl(committed, await currentSdl());

    // Assertions
    const message = describeDrift(drift);
    if (message) expect.fail(message);
    expect(drift.kind).toBe('same');
  });

  it('lists a removed field and a changed argument as breaking, and says how to regenerate', () => {
    // Setup
    const after = `type Query {
  stores(first: Int!): [Store!]!
}

type Store {
  id: ID!
}
`;

    // Action
    const drift = compareSdl(BEFORE, after);
    const message = describeDrift(drift);

    // Assertions
    expect(drift.kind).toBe('breaking');
    expect(drift.kind === 'breaking' && drift.changes).toEqual([
      'REQUIRED_ARG_ADDED: A required arg first on Query.stores was added.',
      'FIELD_REMOVED: Store.name was removed.',
    ]);
    expect(message).toContain('Store.name was removed');
    expect(message).toContain('pnpm --filter @shopverse/web sdl');
  });

  it('calls an added field a compatible change that still needs the file regenerated', () => {
    // Setup
    const after = BEFORE.replace('  name: String!\n', '  name: String!\n  key: String\n');

    // Action
    const drift = compareSdl(BEFORE, after);

    // Assertions
    expect(drift).toEqual({ kind: 'compatible' });
    expect(describeDrift(drift)).toContain('out of date');
    expect(describeDrift(compareSdl(BEFORE, BEFORE))).toBeUndefined();
  });
});
