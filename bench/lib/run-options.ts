/** `pnpm bench [--quick] [--only id,id]`: what to run. */
export interface RunOptions {
  quick: boolean;
  /** The scenarios asked for, in the runner's order; null means all of them. */
  only: string[] | null;
}

/** Reads the command line; an unknown flag or scenario id is refused with the ids there are. */
export function parseRunOptions(args: readonly string[], scenarioIds: readonly string[]): RunOptions {
  let quick = false;
  let only: string[] | null = null;
  const known = `known scenarios: ${scenarioIds.join(', ')}`;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--quick') {
      quick = true;
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? args[(index += 1)] : arg.slice('--only='.length);
      const ids = (value ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      if (ids.length === 0) throw new Error(`--only needs scenario ids, e.g. --only intake-burst (${known})`);
      const unknown = ids.filter((id) => !scenarioIds.includes(id));
      if (unknown.length > 0) throw new Error(`--only: no scenario ${unknown.join(', ')} (${known})`);
      only = [...(only ?? []), ...ids];
    } else {
      throw new Error(`unknown option ${arg}: use --quick and --only <id,id> (${known})`);
    }
  }
  // In the runner's order, each once, whatever order they were named in.
  return { quick, only: only ? scenarioIds.filter((id) => only?.includes(id)) : null };
}
