// Writes apps/web/schema.graphql from the schema the server runs: `pnpm --filter @shopverse/web sdl`, which turns
// introspection on (SHOPVERSE_GRAPHQL_INTROSPECTION=on) whatever NODE_ENV says.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentSdl, SDL_FILE } from '../server/graphql/sdl';

const file = join(import.meta.dirname, '..', '..', SDL_FILE);
writeFileSync(file, await currentSdl());
console.log(`wrote ${file}`);
