/**
 * A subscription's `includeFields` (WebhookSubscription.includeFields in the Admin schema) limits the body to the named
 * fields. Only top-level names are honoured here; nested paths are not simulated.
 */

/** Keeps only the top-level keys a subscription's `includeFields` names (all keys when it names none). */
export function trimBody(body: string, includeFields: string[]): string {
  if (includeFields.length === 0) return body;
  // Re-serialising would lose ids beyond 2^53, so the trimmed body is rebuilt from the raw text of each member.
  const members = splitTopLevel(body).filter(([key]) => includeFields.includes(key));
  return `{${members.map(([key, raw]) => `${JSON.stringify(key)}:${raw}`).join(',')}}`;
}

/** Splits a compact JSON object's text into [key, raw value text] pairs without parsing the values. */
function splitTopLevel(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  let depth = 0;
  let inString = false;
  let start = 1;
  for (let i = 1; i < text.length - 1; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    else if (c === ',' && depth === 0) {
      pairs.push(splitMember(text.slice(start, i)));
      start = i + 1;
    }
  }
  if (text.length > 2) pairs.push(splitMember(text.slice(start, text.length - 1)));
  return pairs;
}

function splitMember(member: string): [string, string] {
  const keyEnd = member.indexOf('":') + 1;
  return [JSON.parse(member.slice(0, keyEnd)) as string, member.slice(keyEnd + 1)];
}
