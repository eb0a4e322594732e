import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttributeType, ColumnDef, OptionDef, RequiredLevel } from './types';

/**
 * Reads Microsoft's CDM schema documents (reference/dataverse/cdm/, microsoft/CDM commit 0c0703c) into column
 * definitions. Each CDM attribute carries its Dataverse logical name as `sourceName`, its `maximumLength`, its
 * `is.requiredAtLevel` trait and, for choices, the option list in a `does.haveDefault` trait; lookups are
 * `entity` members whose foreign key attribute carries the sourceName.
 */

/** CDM entity names (as used in `entityReference`) -> Dataverse logical names, for lookup targets. */
const CDM_ENTITY_TO_LOGICAL: Record<string, string> = {
  Currency: 'transactioncurrency',
  PriceList: 'pricelevel',
  Order: 'salesorder',
  OrderProduct: 'salesorderdetail',
  Unit: 'uom',
  UnitGroup: 'uomschedule',
  User: 'systemuser',
  Case: 'incident',
  Note: 'annotation',
  QuoteProduct: 'quotedetail',
  KnowledgeBaseRecord: 'knowledgebaserecord',
  FacilityEquipment: 'equipment',
  BookableResourceBookingHeader: 'bookableresourcebookingheader',
  BookableResourceBooking: 'bookableresourcebooking',
  QuickCampaign: 'bulkoperation',
  customerAddressInline: 'customeraddress',
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function requiredLevel(traits: unknown): RequiredLevel {
  for (const trait of asArray(traits)) {
    if (isObject(trait) && trait.traitReference === 'is.requiredAtLevel') {
      const argument = asArray(trait.arguments)[0];
      const level = isObject(argument) ? argument.value : undefined;
      if (level === 'systemrequired') return 'SystemRequired';
      if (level === 'required') return 'ApplicationRequired';
      if (level === 'recommended') return 'Recommended';
    }
  }
  return 'None';
}

/** The option rows of a listLookup/listLookupCorrelated data type: [lang, label, value, order, correlated state?]. */
function options(dataType: Json): OptionDef[] {
  for (const trait of asArray(dataType.appliedTraits)) {
    if (!isObject(trait) || trait.traitReference !== 'does.haveDefault') continue;
    const argument = asArray(trait.arguments)[0];
    const reference = isObject(argument) ? argument.entityReference : undefined;
    if (!isObject(reference)) continue;
    return asArray(reference.constantValues).map((row) => {
      const cells = asArray(row).map(String);
      const option: OptionDef = { value: Number(cells[2]), label: cells[1] ?? '' };
      if (cells[4] !== undefined) option.state = Number(cells[4]);
      return option;
    });
  }
  return [];
}

/** Maps a CDM data type to Dataverse's AttributeType. Text types over 4000 characters are Memo columns. */
function attributeType(member: Json, dataTypeName: string, maxLength: number | undefined): AttributeType {
  switch (dataTypeName) {
    case 'entityId':
      return member.purpose === 'identifiedBy' ? 'Uniqueidentifier' : 'Lookup';
    case 'guid':
      return 'Uniqueidentifier';
    case 'currency':
    case 'baseCurrency':
      return 'Money';
    case 'decimal':
      return 'Decimal';
    case 'double':
      return 'Double';
    case 'integer':
      return 'Integer';
    case 'bigInteger':
      return 'BigInt';
    case 'boolean':
      return 'Boolean';
    case 'dateTime':
      return 'DateTime';
    case 'listLookup':
      return member.purpose === 'representsStateWith' ? 'State' : 'Picklist';
    case 'listLookupCorrelated':
      return 'Status';
    default:
      return maxLength !== undefined && maxLength > 4000 ? 'Memo' : 'String';
  }
}

function targetsOf(entity: unknown): string[] {
  if (!isObject(entity)) return [];
  const reference = entity.entityReference;
  if (typeof reference === 'string') return [CDM_ENTITY_TO_LOGICAL[reference] ?? reference.toLowerCase()];
  if (isObject(reference)) {
    // A polymorphic lookup (Customer, Regarding): one option per target entity.
    return asArray(reference.hasAttributes).flatMap((option) => (isObject(option) ? targetsOf(option.entity) : []));
  }
  return [];
}

/** Columns the CDM document of one table defines, in document order. Members that only name an unresolved import
 * (`customerIdAttribute`, `ownerIdAttribute`) are returned in `unresolved`. */
export function loadCdmColumns(file: string): { entitySource: string; columns: ColumnDef[]; unresolved: string[] } {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const definition = asArray(document.definitions)[0];
  if (!isObject(definition)) throw new Error(`${file}: no entity definition`);
  const columns: ColumnDef[] = [];
  const unresolved: string[] = [];
  const source = `cdm/${file.split('/').pop() ?? file}`;
  for (const group of asArray(definition.hasAttributes)) {
    const reference = isObject(group) ? group.attributeGroupReference : undefined;
    for (const member of asArray(isObject(reference) ? reference.members : undefined)) {
      if (typeof member === 'string') {
        unresolved.push(member);
        continue;
      }
      if (!isObject(member)) continue;
      if (member.entity !== undefined) {
        const guidance = isObject(member.resolutionGuidance) ? member.resolutionGuidance : {};
        const byReference = isObject(guidance.entityByReference) ? guidance.entityByReference : {};
        const foreignKey = isObject(byReference.foreignKeyAttribute) ? byReference.foreignKeyAttribute : undefined;
        // The inline address entity expands to address1_*..address3_* columns whose definitions are not in these
        // files; they are added from DATAVERSE.md's lengths elsewhere.
        if (!foreignKey || typeof foreignKey.sourceName !== 'string' || guidance.expansion !== undefined) continue;
        const targets = targetsOf(member.entity);
        columns.push({
          logicalName: foreignKey.sourceName,
          schemaName: foreignKey.sourceName,
          // Customer is the type of lookups to account and contact; other polymorphic ones (Regarding) are Lookup.
          type:
            targets.length === 2 && targets.includes('account') && targets.includes('contact') ? 'Customer' : 'Lookup',
          requiredLevel: requiredLevel(foreignKey.appliedTraits),
          targets,
          isValidForCreate: true,
          isValidForUpdate: true,
          isCustom: false,
          source,
        });
        continue;
      }
      if (typeof member.sourceName !== 'string') continue;
      const dataType = member.dataType;
      const dataTypeName = isObject(dataType) ? String(dataType.dataTypeReference) : String(dataType);
      const maxLength = typeof member.maximumLength === 'number' ? member.maximumLength : undefined;
      const type = attributeType(member, dataTypeName, maxLength);
      const column: ColumnDef = {
        logicalName: member.sourceName,
        schemaName: member.sourceName,
        type,
        requiredLevel: requiredLevel(member.appliedTraits),
        isValidForCreate: true,
        isValidForUpdate: true,
        isCustom: false,
        source,
      };
      if (maxLength !== undefined) column.maxLength = maxLength;
      if (typeof member.minimumValue === 'string') column.minValue = member.minimumValue;
      if (typeof member.maximumValue === 'string') column.maxValue = member.maximumValue;
      if (isObject(dataType) && (type === 'Picklist' || type === 'State' || type === 'Status')) {
        column.options = options(dataType);
      }
      if (type === 'Money') column.precision = 4;
      if (type === 'Decimal') column.precision = 10;
      columns.push(column);
    }
  }
  return { entitySource: String(definition.sourceName ?? definition.entityName), columns, unresolved };
}

/** Reads one CDM file of the reference folder. */
export function loadCdmFile(cdmDir: string, name: string): ReturnType<typeof loadCdmColumns> {
  return loadCdmColumns(join(cdmDir, name));
}
