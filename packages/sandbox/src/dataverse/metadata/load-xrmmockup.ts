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

/**
 * The lookup targets of annotation's columns from AnnotationMetadata.xml (a real org's annotation EntityMetadata):
 * objectid points at 103 tables there, salesorder among them, where the CDM Note document lists only a few.
 */
export function loadAnnotationTargets(file: string): Record<string, string[]> {
  const xml = readFileSync(file, 'utf8');
  const targets: Record<string, string[]> = {};
  for (const block of xml.split('<b:AttributeMetadata ').slice(1)) {
    const end = block.indexOf('</b:AttributeMetadata>');
    const attribute = end >= 0 ? block.slice(0, end) : block;
    const entity = /<b:EntityLogicalName>([^<]+)<\/b:EntityLogicalName>/.exec(attribute)?.[1];
    const name = /<b:LogicalName>([^<]+)<\/b:LogicalName>/.exec(attribute)?.[1];
    const list = /<b:Targets>([\s\S]*?)<\/b:Targets>/.exec(attribute)?.[1];
    if (entity !== 'annotation' || !name || !list) continue;
    targets[name] = [...list.matchAll(/<a:string>([^<]+)<\/a:string>/g)].map((match) => match[1] ?? '');
  }
  return targets;
}
