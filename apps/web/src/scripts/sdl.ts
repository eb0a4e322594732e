// Writes apps/web/schema.graphql from the schema the server runs: `pnpm --filter @shopverse/web sdl`, which turns
// introspection on (SHOPVERSE_GRAPHQL_INTROSPECTION=on) whatever NODE_ENV says.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { currentSdl, SDL_FILE } from '../server/graphql/sdl';

const file = join(import.meta.dirname, '..', '..', SDL_FILE);
// Formatted as the repository's format check wants it; the SDL check compares schemas, not formatting.
const options = (await resolveConfig(file)) ?? {};
writeFileSync(file, await format(await currentSdl(), { ...options, filepath: file }));
console.log(`wrote ${file}`);
