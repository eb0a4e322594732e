import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import type { KeyDef } from './types';

/**
 * Reads the real org metadata XrmMockup serialised (reference/dataverse/xrmmockup/): the statecode -> default
 * statuscode map of every table (default_state_status.derived.json, derived from AnnotationMetadata.xml's
 * DefaultStateStatus) and the alternate keys of UniqueKeyMetadata.xml (EntityKeyMetadata).
 */

/** statecode -> default statuscode, per table logical name. */
export function loadDefaultStateStatus(file: string): Record<string, Record<string, number>> {
  const document = JSON.parse(readFileSync(file, 'utf8')) as {
    defaultStatusByState: Record<string, Record<string, number>>;
  };
  return document.defaultStatusByState;
}

/** An alternate key with the table it belongs to. */
export interface ReferenceKey extends KeyDef {
  entityLogicalName: string;
}

type Node = Record<string, unknown>;

function text(value: unknown): string {
  if (typeof value === 'object' && value !== null && '#text' in value) return String((value as Node)['#text']);
  return String(value);
}

/** Every EntityKeyMetadata in the file, with its status, key attributes and table. */
export function loadReferenceKeys(file: string): ReferenceKey[] {
  const xml = readFileSync(file, 'utf8');
  // The file holds a whole org skeleton (1.8 MB); only the EntityKeyMetadata elements matter here, so each one is
  // cut out and parsed alone, with namespace prefixes removed.
  const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, isArray: (name) => name === 'string' });
  const keys: ReferenceKey[] = [];
  for (const match of xml.matchAll(/<c:EntityKeyMetadata>[\s\S]*?<\/c:EntityKeyMetadata>/g)) {
    const parsed = parser.parse(match[0]) as { EntityKeyMetadata: Node };
    const key = parsed.EntityKeyMetadata;
    const attributes = key.KeyAttributes as { string?: unknown[] } | undefined;
    keys.push({
      entityLogicalName: text(key.EntityLogicalName),
      logicalName: text(key.LogicalName),
      schemaName: text(key.SchemaName),
      keyAttributes: (attributes?.string ?? []).map(text),
      status: text(key.EntityKeyIndexStatus) as KeyDef['status'],
      metadataId: text(key.MetadataId),
    });
  }
  return keys;
}
