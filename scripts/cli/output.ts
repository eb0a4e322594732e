/** Where a command writes: plain lines, results to `out`, problems to `err`. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** A refusal or a usage mistake the user can fix; the runner prints the message and exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    /** 2 for usage (wrong arguments), 1 for a refusal (nothing found, nothing to do). */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Rows as aligned columns, the first row being the header. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** A duration in the largest unit that keeps it readable: `45s`, `12m`, `3h 5m`, `2d 4h`. */
export function age(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}
