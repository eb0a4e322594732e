/** What a redacted value reads as in the sync log. */
export const REDACTED = '[redacted]';

/**
 * Field and column names that hold personal data, compared in lower case against the whole name and against its last
 * `_` segment, so Dynamics' composite columns (`address1_line1`, `billto_contactname`, `sv_name`) and Shopify's
 * fields (`firstName`, `zip`, `address1`) are both covered. Ids, keys (`sv_shopifyid`), amounts, states, order
 * names (`sv_ordername`) and error text are not in it: they are what makes an attempt findable and understandable.
 */
const PERSONAL = new Set([
  'name',
  'firstname',
  'lastname',
  'middlename',
  'fullname',
  'nickname',
  'contactname',
  'company',
  'email',
  'emailaddress',
  'emailaddress1',
  'emailaddress2',
  'emailaddress3',
  'phone',
  'telephone1',
  'telephone2',
  'telephone3',
  'mobilephone',
  'fax',
  'address1',
  'address2',
  'line1',
  'line2',
  'line3',
  'street',
  'city',
  'postalcode',
  'zip',
  'note',
  'notetext',
  // A merge candidate's label is "First Last <email>".
  'label',
]);

/** An email address anywhere in a text (a warning, a reason, a filter): redacted whatever field it is in. */
const EMAIL = /[^\s"'<>()[\]@,;:]+@[^\s"'<>()[\]@,;:]+\.[a-z]{2,}/gi;

/** Warnings quote the value they are about (`phone "555" is not a valid number`): the quote is the personal part. */
const QUOTED = /"[^"]*"/g;

/** Whether a field or column name holds personal data. */
export function isPersonalField(field: string): boolean {
  const name = field.toLowerCase().replace(/@.*$/, '');
  if (PERSONAL.has(name)) return true;
  const last = name.slice(name.lastIndexOf('_') + 1);
  return PERSONAL.has(last);
}

function scrubText(text: string, quoted: boolean): string {
  const withoutEmails = text.replace(EMAIL, REDACTED);
  return quoted ? withoutEmails.replace(QUOTED, `"${REDACTED}"`) : withoutEmails;
}

/** Every value under a personal field: scalars replaced, nulls kept (an empty field tells nothing about a person). */
function redactAll(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map(redactAll);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactAll(inner)]));
  }
  return REDACTED;
}

function walk(value: unknown, inWarnings: boolean): unknown {
  if (typeof value === 'string') return scrubText(value, inWarnings);
  if (Array.isArray(value)) return value.map((item) => walk(item, inWarnings));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      isPersonalField(key) ? redactAll(inner) : walk(inner, inWarnings || key.toLowerCase() === 'warnings'),
    ]),
  );
}

/**
 * A request or response document of the sync log with personal data replaced by `"[redacted]"` (store setting
 * `pipeline.redactPersonalData`): the values of personal fields at any depth (a diff's `{before, after}` under
 * `firstname` loses both), email addresses in any text, and the quoted values in warnings. Ids, keys, amounts,
 * states and error text stay, so the attempt can still be found and understood. Pure; the input is not changed.
 */
export function redactPersonalData<T>(document: T): T {
  return walk(document, false) as T;
}
