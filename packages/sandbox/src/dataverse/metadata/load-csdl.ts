import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import type { AttributeType, ColumnDef } from './types';

/**
 * Reads entity types from the trimmed real CSDL (reference/dataverse/frodata/metadata_dynamics.xml, a Dynamics 365
 * org's `$metadata`): the columns a table carries that its CDM document leaves to a base entity (CdsStandard,
 * ActivitySystem): createdon, versionnumber, ownerid, the address1_* block, the activity columns of orderclose.
 */

/** One `<Property>` or lookup of an entity type. */
export interface CsdlProperty {
  /** Logical name: `_x_value` properties are reported as `x`. */
  name: string;
  edmType: string;
  isLookup: boolean;
  /** Logical names of the lookup's targets, from the navigation properties whose constraint names it. */
  targets: string[];
}

type Node = Record<string, unknown>;

function list(value: unknown): Node[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as Node[];
}

/** Parses the CSDL file into property lists per entity type name. */
export function loadCsdl(file: string): Map<string, CsdlProperty[]> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const document = parser.parse(readFileSync(file, 'utf8')) as Node;
  const edmx = document['edmx:Edmx'] as Node;
  const services = edmx['edmx:DataServices'] as Node;
  const result = new Map<string, CsdlProperty[]>();
  for (const schema of list(services.Schema)) {
    for (const entityType of list(schema.EntityType)) {
      const targetsByProperty = new Map<string, string[]>();
      for (const navigation of list(entityType.NavigationProperty)) {
        const constraint = list(navigation.ReferentialConstraint)[0];
        const type = String(navigation.Type);
        if (!constraint || type.startsWith('Collection(')) continue;
        const property = String(constraint.Property);
        const targets = targetsByProperty.get(property) ?? [];
        targets.push(type.replace(/^mscrm\./, ''));
        targetsByProperty.set(property, targets);
      }
      const properties = list(entityType.Property).map((property): CsdlProperty => {
        const name = String(property.Name);
        const lookup = /^_(.+)_value$/.exec(name);
        return {
          name: lookup?.[1] ?? name,
          edmType: String(property.Type),
          isLookup: lookup !== null,
          targets: targetsByProperty.get(name) ?? [],
        };
      });
      result.set(String(entityType.Name), properties);
    }
  }
  return result;
}

const EDM_TO_ATTRIBUTE: Record<string, AttributeType> = {
  'Edm.String': 'String',
  'Edm.Guid': 'Uniqueidentifier',
  'Edm.Int32': 'Integer',
  'Edm.Int64': 'BigInt',
  'Edm.Decimal': 'Decimal',
  'Edm.Double': 'Double',
  'Edm.Boolean': 'Boolean',
  'Edm.DateTimeOffset': 'DateTime',
  'Edm.Date': 'DateTime',
};

/** A column definition for a CSDL property. The CSDL carries no lengths or required levels: callers add those. */
export function csdlColumn(property: CsdlProperty, source: string): ColumnDef | undefined {
  const type: AttributeType | undefined = property.isLookup
    ? property.name === 'ownerid'
      ? 'Owner'
      : 'Lookup'
    : EDM_TO_ATTRIBUTE[property.edmType];
  if (type === undefined) return undefined;
  const column: ColumnDef = {
    logicalName: property.name,
    schemaName: property.name,
    type,
    requiredLevel: 'None',
    isValidForCreate: true,
    isValidForUpdate: true,
    isCustom: false,
    source,
  };
  if (property.isLookup) column.targets = property.targets;
  return column;
}
