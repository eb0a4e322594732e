/**
 * Compares the shape of a body we send with Shopify's docs sample of the same topic: the same keys at every path
 * (every extra and every missing key is listed) and the same JSON value types. Two things the sample alone cannot
 * settle are decided by Gadget's inferred JSON Schema of the topic (reference/shopify/webhooks/inferred-json-schemas-
 * 2026-04/, inferred from the docs samples plus production payloads):
 * - null against a value: accepted only where the inferred schema lists both types at that path;
 * - a non-empty array where the sample's is empty: our elements are checked against an element the caller borrows
 *   from another docs sample of the same REST object (an order's `refunds[]` is the refunds/create body), else
 *   against the schema's `items`. Against the schema alone a null is accepted anywhere: inferred from a handful of
 *   payloads, it misses nullability that the samples show elsewhere (`address2`, `company`);
 * - a key the sample lacks: accepted only where the inferred schema lists it (seen in production payloads), and held
 *   to the schema there. Every other key is compared strictly.
 */

type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | boolean;
}

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'object';
}

/** The JSON types a schema node allows ("integer" counts as number). */
function schemaTypes(schema: JsonSchema | undefined): Set<string> {
  const types = new Set<string>();
  if (!schema) return types;
  const list = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const t of list) types.add(t === 'integer' ? 'number' : t);
  for (const option of schema.anyOf ?? []) for (const t of schemaTypes(option)) types.add(t);
  return types;
}

function objectSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.properties) return schema;
  return schema.anyOf?.find((option) => option.properties);
}

function itemsSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  const items = schema?.items ?? schema?.anyOf?.find((o) => o.items)?.items;
  return typeof items === 'object' ? items : undefined;
}

/** Our value against the inferred schema alone (used below empty sample arrays). */
function compareToSchema(
  ours: unknown,
  schema: JsonSchema | undefined,
  path: string,
  out: string[],
  lend: (arrayPath: string) => JsonSchema | undefined,
): void {
  if (!schema) {
    out.push(`${path}: no element shape in the sample or the inferred schema to check ${jsonType(ours)} against`);
    return;
  }
  const type = jsonType(ours);
  const allowed = schemaTypes(schema);
  if (type !== 'null' && allowed.size > 0 && !allowed.has(type))
    out.push(`${path}: ${type}, inferred schema allows ${[...allowed].join('|')}`);
  if (type === 'object') {
    const object = objectSchema(schema);
    const properties = object?.properties ?? {};
    const record = ours as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in properties)) out.push(`${path}.${key}: extra (not in the inferred schema)`);
      else compareToSchema(record[key], properties[key], `${path}.${key}`, out, lend);
    }
    for (const key of object?.required ?? []) if (!(key in record)) out.push(`${path}.${key}: missing`);
  } else if (type === 'array') {
    const items = itemsSchema(schema) ?? lend(path);
    (ours as unknown[]).forEach((item, i) => compareToSchema(item, items, `${path}[${i}]`, out, lend));
  }
}

/** Compares `ours` with `sample` at `path`, appending one line per difference to `out`. */
/** A sample element (and the inferred schema of its own topic, when it has one) lent to an empty sample array. */
type Borrowed = Record<string, { sample: unknown; schema?: unknown }>;

/** How a null against a value is judged: by the inferred schema (strict), or accepted anywhere (another state). */
export type NullRule = 'inferred' | 'any';

interface Options {
  borrowed: Borrowed;
  nulls: NullRule;
}

/** `$.refunds[0].line_items[3]` -> `$.refunds[].line_items[]`: the key under which an element is borrowed. */
function arrayKey(path: string): string {
  return `${path.replace(/\[\d+\]/g, '[]')}[]`;
}

/** Element schemas lent for arrays that the inferred schema itself leaves without `items`. */
function lenderOf(options: Options): (arrayPath: string) => JsonSchema | undefined {
  return (arrayPath) => options.borrowed[arrayKey(arrayPath)]?.schema as JsonSchema | undefined;
}

function compare(
  sample: unknown,
  ours: unknown,
  schema: JsonSchema | undefined,
  path: string,
  out: string[],
  options: Options,
): void {
  const sampleType = jsonType(sample);
  const ourType = jsonType(ours);
  if (sampleType !== ourType) {
    const allowed = schemaTypes(schema);
    const eitherNull = sampleType === 'null' || ourType === 'null';
    const nullable = eitherNull && (options.nulls === 'any' || (allowed.has(sampleType) && allowed.has(ourType)));
    if (!nullable) out.push(`${path}: ${ourType}, sample has ${sampleType}`);
    // A value where the sample has null: the inferred schema is the only shape to check it against.
    if (sampleType === 'null' && nullable && (ourType === 'object' || ourType === 'array')) {
      compareToSchema(ours, schema, path, out, lenderOf(options));
    }
    return;
  }
  if (sampleType === 'object') {
    const s = sample as Record<string, unknown>;
    const o = ours as Record<string, unknown>;
    const properties = objectSchema(schema)?.properties ?? {};
    for (const key of Object.keys(s)) if (!(key in o)) out.push(`${path}.${key}: missing`);
    for (const key of Object.keys(o)) {
      if (key in s) continue;
      // A key the docs sample lacks but production payloads carry (the inferred schema lists it, as the top-level
      // `company` of an order) is held to the schema instead.
      const seen = properties[key];
      if (seen) compareToSchema(o[key], seen, `${path}.${key}`, out, lenderOf(options));
      else out.push(`${path}.${key}: extra`);
    }
    for (const key of Object.keys(s)) {
      if (key in o) compare(s[key], o[key], properties[key], `${path}.${key}`, out, options);
    }
  } else if (sampleType === 'array') {
    const s = sample as unknown[];
    const o = ours as unknown[];
    const items = itemsSchema(schema);
    o.forEach((item, i) => {
      if (s.length === 0) {
        // A borrowed element is another object than the sample's (an order's refund): its nulls are not the
        // sample's state, so a null stands for any type there.
        const lent = options.borrowed[arrayKey(path)];
        const schema = (lent?.schema as JsonSchema | undefined) ?? items;
        const lentOptions: Options = { ...options, nulls: 'any' };
        if (lent?.sample !== undefined) return compare(lent.sample, item, schema, `${path}[${i}]`, out, lentOptions);
        return compareToSchema(item, schema, `${path}[${i}]`, out, lenderOf(options));
      }
      // Sample elements differ among themselves (a null product_id beside a number): ours is held to the closest.
      let best: string[] | undefined;
      for (const candidate of s) {
        const found: string[] = [];
        compare(candidate, item, items, `${path}[${i}]`, found, options);
        if (!best || found.length < best.length) best = found;
      }
      out.push(...(best ?? []));
    });
  }
}

/**
 * Every difference in key set or value type between the docs sample and our body; empty when they agree. `borrowed`
 * maps an array path with its indexes as `[]` (`$.refunds[]`) to a sample element for arrays the sample leaves empty.
 * `nulls: 'any'` is for bodies of objects in another state than the sample's (a customer with no email): a null
 * then stands for any type, keys are still compared strictly.
 */
export function shapeDifferences(
  sample: unknown,
  ours: unknown,
  inferred: unknown,
  borrowed: Borrowed = {},
  nulls: NullRule = 'inferred',
): string[] {
  const out: string[] = [];
  compare(sample, ours, inferred as JsonSchema, '$', out, { borrowed, nulls });
  return out;
}
