/**
 * Compares two JSON values by shape: the same keys at every level and the same value types (string, number,
 * boolean, null, array, object). Values themselves are not compared. Returns one line per difference.
 */

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function shapeDiff(reference: unknown, actual: unknown, path = '$'): string[] {
  const expected = kind(reference);
  const got = kind(actual);
  if (expected !== got) return [`${path}: reference has ${expected}, simulator has ${got}`];
  if (expected === 'array') {
    const ref = reference as unknown[];
    const act = actual as unknown[];
    if (ref.length > 0 && act.length === 0) return [`${path}: reference array has elements, simulator array is empty`];
    if (ref.length === 0) return [];
    // Each simulator element against the reference element at the same index, or the reference's first one.
    return act.flatMap((item, i) => shapeDiff(ref[Math.min(i, ref.length - 1)], item, `${path}[${i}]`));
  }
  if (expected === 'object') {
    const ref = reference as Record<string, unknown>;
    const act = actual as Record<string, unknown>;
    const diffs: string[] = [];
    for (const key of Object.keys(ref))
      if (!(key in act)) diffs.push(`${path}.${key}: missing in simulator`);
      else diffs.push(...shapeDiff(ref[key], act[key], `${path}.${key}`));
    for (const key of Object.keys(act)) if (!(key in ref)) diffs.push(`${path}.${key}: only in simulator`);
    return diffs;
  }
  return [];
}
