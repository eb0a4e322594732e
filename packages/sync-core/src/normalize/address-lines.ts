/** Street lines fitted into a CRM's fixed columns. */
export interface FittedLines {
  lines: string[];
  /** Text that did not fit in any column and was cut: the sync log warns with it. */
  cut: string | null;
}

/**
 * Fits street lines into `columns` columns of at most `maxLength` characters each (Dynamics: address1_line1..3, 250
 * each, from the CDM schemas), moving what overflows a line to the start of the next at a word boundary, so nothing
 * is lost while there is room. What still does not fit is returned in `cut`. Idempotent: fitted lines fit again
 * unchanged.
 */
export function fitAddressLines(input: (string | null | undefined)[], columns: number, maxLength: number): FittedLines {
  const lines: string[] = [];
  let carry = '';
  const queue = input.map((line) => line?.replace(/\s+/g, ' ').trim() ?? '').filter((line) => line !== '');
  for (let index = 0; index < columns; index += 1) {
    const next = queue.shift() ?? '';
    let text = [carry, next].filter(Boolean).join(' ');
    carry = '';
    if (text.length > maxLength) {
      const space = text.lastIndexOf(' ', maxLength);
      const at = space > 0 ? space : maxLength;
      carry = text.slice(at).trim();
      text = text.slice(0, at).trim();
    }
    if (text !== '') lines.push(text);
  }
  const rest = [carry, ...queue].filter(Boolean).join(' ');
  return { lines, cut: rest === '' ? null : rest };
}
