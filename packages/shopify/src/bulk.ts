/** A line of a bulk operation's JSONL result: an object, with `__parentId` when it is a child of a connection. */
export interface BulkLine {
  id?: string;
  __parentId?: string;
  [field: string]: unknown;
}

/** A top-level object of a bulk result with its children, grouped by their type (the gid's type: `LineItem`). */
export interface BulkRecord {
  node: BulkLine;
  children: Record<string, BulkLine[]>;
}

/** Reads a JSONL stream line by line without holding more than one line's text at a time. */
export async function* jsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<BulkLine> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield JSON.parse(line) as BulkLine;
      newline = buffered.indexOf('\n');
    }
  }
  buffered += decoder.decode();
  if (buffered.trim()) yield JSON.parse(buffered.trim()) as BulkLine;
}

function typeOf(gid: string | undefined): string {
  return /^gid:\/\/shopify\/([^/]+)\//.exec(gid ?? '')?.[1] ?? 'Unknown';
}

/**
 * Puts children back under their parents. Shopify writes a child after its parent but not necessarily right after
 * it (SHOPIFY.md, "Bulk operations"), so parents wait in a window of `maxPending`; the oldest leaves (complete, we
 * assume) when the window is full. A child whose parent already left means the window was too small for this file:
 * that is an error, never a silently orphaned line. Nested children (depth 2) hang under their own parent.
 */
export async function* reassemble(lines: AsyncIterable<BulkLine>, maxPending = 2000): AsyncGenerator<BulkRecord> {
  const pending = new Map<string, BulkRecord>();
  /** Which top-level record a child (at any depth) belongs to. */
  const ownerOf = new Map<string, string>();
  const emitted = new Set<string>();
  for await (const line of lines) {
    if (line.__parentId === undefined) {
      const id = line.id ?? `line-${pending.size}`;
      pending.set(id, { node: line, children: {} });
      ownerOf.set(id, id);
      if (pending.size > maxPending) {
        const [oldestId, oldest] = pending.entries().next().value as [string, BulkRecord];
        pending.delete(oldestId);
        emitted.add(oldestId);
        yield oldest;
      }
      continue;
    }
    const owner = ownerOf.get(line.__parentId);
    const record = owner ? pending.get(owner) : undefined;
    if (!record) {
      const why = emitted.has(owner ?? line.__parentId)
        ? `its parent ${line.__parentId} was already passed on; raise maxPending above ${maxPending}`
        : `no line before it has the id ${line.__parentId}`;
      throw new Error(`Bulk result line ${line.id ?? '(no id)'} cannot be placed: ${why}.`);
    }
    const type = typeOf(line.id);
    (record.children[type] ??= []).push(line);
    if (line.id) ownerOf.set(line.id, owner ?? line.__parentId);
  }
  yield* pending.values();
}
