/** `pnpm bench [--quick] [--only id,id] [--results file]`: what to run, and where its results file goes. */
export interface RunOptions {
  quick: boolean;
  /** The scenarios asked for, in the runner's order; null means all of them. */
  only: string[] | null;
  /** Where to write the results file instead of `bench/results/` (the test command keeps its own under `.data`). */
  results: string | null;
}

/** The value of `--name value` or `--name=value`, and the index of the last argument it used. */
function valueOf(args: readonly string[], index: number, name: string): { value: string; index: number } {
  const arg = args[index] as string;
  if (arg !== name) return { value: arg.slice(name.length + 1), index };
  return { value: args[index + 1] ?? '', index: index + 1 };
}

/** Reads the command line; an unknown flag or scenario id is refused with the ids there are. */
export function parseRunOptions(args: readonly string[], scenarioIds: readonly string[]): RunOptions {
  let quick = false;
  let only: string[] | null = null;
  let results: string | null = null;
  const known = `known scenarios: ${scenarioIds.join(', ')}`;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--quick') {
      quick = true;
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const next = valueOf(args, index, '--only');
      index = next.index;
      const ids = next.value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      if (ids.length === 0) throw new Error(`--only needs scenario ids, e.g. --only intake-burst (${known})`);
      const unknown = ids.filter((id) => !scenarioIds.includes(id));
      if (unknown.length > 0) throw new Error(`--only: no scenario ${unknown.join(', ')} (${known})`);
      only = [...(only ?? []), ...ids];
    } else if (arg === '--results' || arg.startsWith('--results=')) {
      const next = valueOf(args, index, '--results');
      index = next.index;
      if (next.value === '' || next.value.startsWith('--')) {
        throw new Error('--results needs a file, e.g. --results .data/bench.json');
      }
      results = next.value;
    } else {
      throw new Error(`unknown option ${arg}: use --quick, --only <id,id> and --results <file> (${known})`);
    }
  }
  // In the runner's order, each once, whatever order they were named in.
  return { quick, only: only ? scenarioIds.filter((id) => only?.includes(id)) : null, results };
}
