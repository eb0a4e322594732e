import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE_DIR, loadReferenceMetadata } from './catalog';
import type { AttributeType, TableDef } from './types';

/**
 * Conformance of the table model with the reference files, read here straight from the JSON/XML rather than
 * through the loaders: every column the CDM files define exists with the CDM's type and max length, and the
 * state/status pairs equal the reference org's map.
 */

const CDM_FILES: Record<string, string[]> = {
  contact: ['Contact.cdm.json', 'crmCommon_Contact.cdm.json'],
  account: ['Account.cdm.json', 'crmCommon_Account.cdm.json'],
  salesorder: ['sales_Order.cdm.json'],
  salesorderdetail: ['sales_OrderProduct.cdm.json'],
  orderclose: ['sales_OrderClose.cdm.json'],
  transactioncurrency: ['Currency.cdm.json'],
  annotation: ['Note.cdm.json'],
  pricelevel: ['foundationCommon_PriceList.cdm.json'],
  product: ['foundationCommon_Product.cdm.json'],
  uom: ['foundationCommon_Unit.cdm.json'],
};

/** The AttributeTypes a CDM data type may become in Dataverse. */
const EXPECTED_TYPES: Record<string, AttributeType[]> = {
  currency: ['Money'],
  baseCurrency: ['Money'],
  decimal: ['Decimal'],
  integer: ['Integer'],
  bigInteger: ['BigInt'],
  boolean: ['Boolean'],
  dateTime: ['DateTime'],
  guid: ['Uniqueidentifier'],
  listLookup: ['Picklist', 'State'],
  listLookupCorrelated: ['Status'],
  entityId: ['Uniqueidentifier', 'Lookup'],
};

interface CdmColumn {
  name: string;
  dataType: string;
  maxLength?: number;
}

/** The columns of a CDM document, found by walking it for `sourceName` members and lookup foreign keys. */
function cdmColumns(file: string): CdmColumn[] {
  const document = JSON.parse(readFileSync(join(DEFAULT_REFERENCE_DIR, 'cdm', file), 'utf8')) as {
    definitions: { hasAttributes: { attributeGroupReference: { members: unknown[] } }[] }[];
  };
  const columns: CdmColumn[] = [];
  for (const group of document.definitions[0]?.hasAttributes ?? []) {
    for (const member of group.attributeGroupReference.members) {
      if (typeof member !== 'object' || member === null) continue;
      const item = member as Record<string, unknown>;
      const guidance = item.resolutionGuidance as
        { entityByReference?: { foreignKeyAttribute?: { sourceName?: string } }; expansion?: unknown } | undefined;
      if (item.entity !== undefined) {
        const sourceName = guidance?.entityByReference?.foreignKeyAttribute?.sourceName;
        if (sourceName && guidance.expansion === undefined) columns.push({ name: sourceName, dataType: 'lookup' });
        continue;
      }
      if (typeof item.sourceName !== 'string') continue;
      const dataType = item.dataType as string | { dataTypeReference: string };
      const column: CdmColumn = {
        name: item.sourceName,
        dataType: typeof dataType === 'string' ? dataType : dataType.dataTypeReference,
      };
      if (typeof item.maximumLength === 'number') column.maxLength = item.maximumLength;
      columns.push(column);
    }
  }
  return columns;
}

const metadata = loadReferenceMetadata();
const tables = new Map(metadata.tables.map((table) => [table.logicalName, table]));

function table(name: string): TableDef {
  const found = tables.get(name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

describe('table model against the CDM reference', () => {
  for (const [logicalName, files] of Object.entries(CDM_FILES)) {
    it(`${logicalName}: every CDM column exists with its type and max length`, () => {
      // Setup
      const expected = files.flatMap(cdmColumns);

      // Action
      const model = table(logicalName);

      // Assertions
      expect(expected.length).toBeGreaterThan(2);
      for (const cdm of expected) {
        const column = model.columns.get(cdm.name);
        expect(column, `${logicalName}.${cdm.name}`).toBeDefined();
        if (!column) continue;
        if (cdm.dataType === 'lookup') {
          expect(['Lookup', 'Customer', 'Owner'], `${logicalName}.${cdm.name}`).toContain(column.type);
        } else if (EXPECTED_TYPES[cdm.dataType]) {
          expect(EXPECTED_TYPES[cdm.dataType], `${logicalName}.${cdm.name}`).toContain(column.type);
        } else {
          // Every other CDM data type (string, name, email, phone, addressLine, ...) is text.
          expect(['String', 'Memo'], `${logicalName}.${cdm.name}`).toContain(column.type);
        }
        expect(column.maxLength, `${logicalName}.${cdm.name} max length`).toBe(cdm.maxLength);
      }
    });
  }

  it('has the tables the sync uses, including the derived ones', () => {
    // Setup
    const derived = ['uomschedule', 'productpricelevel', 'businessunit', 'team', 'systemuser'];
    const wanted = [...Object.keys(CDM_FILES), ...derived];

    // Action
    const names = metadata.tables.map((item) => item.logicalName);

    // Assertions
    expect(names.sort()).toEqual(wanted.sort());
    expect(table('salesorder').entitySetName).toBe('salesorders');
    expect(table('transactioncurrency').entitySetName).toBe('transactioncurrencies');
  });
});

describe('ownership', () => {
  it('gives user-owned tables an owner and its columns, and organization-owned ones none', () => {
    // Setup
    const userOwned = ['contact', 'account', 'salesorder', 'salesorderdetail', 'orderclose', 'annotation'];
    const owner = ['ownerid', 'owningbusinessunit', 'owninguser', 'owningteam'];

    // Action
    const columns = (name: string): string[] => owner.filter((column) => table(name).columns.has(column));

    // Assertions
    for (const name of userOwned) expect(columns(name), name).toEqual(owner);
    for (const name of ['transactioncurrency', 'pricelevel', 'product', 'uom', 'businessunit', 'team', 'systemuser'])
      expect(columns(name), name).toEqual([]);
    expect(table('contact').columns.get('ownerid')?.targets).toEqual(['systemuser', 'team']);
    expect(table('contact').columns.get('owningteam')?.isValidForCreate).toBe(false);
    expect(table('contact').columns.get('owningbusinessunit')?.isValidForCreate).toBe(true);
  });
});

describe('state/status pairs against the reference map', () => {
  const map = JSON.parse(
    readFileSync(join(DEFAULT_REFERENCE_DIR, 'xrmmockup', 'default_state_status.derived.json'), 'utf8'),
  ) as {
    defaultStatusByState: Record<string, Record<string, number>>;
  };

  for (const model of metadata.tables) {
    const reference = map.defaultStatusByState[model.logicalName];
    if (!reference) continue;
    it(`${model.logicalName}: default status per state equals the reference and each is a status of that state`, () => {
      // Setup
      const statuses = model.columns.get('statuscode')?.options ?? [];

      // Action
      const defaults = model.defaultStatusByState;

      // Assertions
      expect(defaults).toEqual(reference);
      for (const [state, status] of Object.entries(reference)) {
        expect(
          statuses.find((option) => option.value === status)?.state,
          `${model.logicalName} ${state}->${status}`,
        ).toBe(Number(state));
      }
    });
  }

  it('salesorder has exactly the documented pairs', () => {
    // Setup
    const statuses = table('salesorder').columns.get('statuscode')?.options ?? [];

    // Action
    const pairs = statuses.map((option) => [option.state, option.value]).sort((a, b) => Number(a[1]) - Number(b[1]));

    // Assertions
    expect(pairs).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 4],
      [3, 100001],
      [3, 100002],
      [4, 100003],
    ]);
  });
});

describe('alternate keys of the reference', () => {
  it('reads every EntityKeyMetadata of UniqueKeyMetadata.xml with its status and attributes', () => {
    // Setup
    const xml = readFileSync(join(DEFAULT_REFERENCE_DIR, 'xrmmockup', 'UniqueKeyMetadata.xml'), 'utf8');
    const count = xml.match(/<c:EntityKeyMetadata>/g)?.length ?? 0;

    // Action
    const keys = metadata.referenceKeys;

    // Assertions
    expect(keys).toHaveLength(count);
    expect(
      keys.find((key) => key.entityLogicalName === 'mock_uniquesinglekeyonnameandintvalue')?.keyAttributes,
    ).toEqual(['mock_intvalue', 'mock_name']);
    expect(keys.find((key) => key.entityLogicalName === 'mock_uniquesinglekeyonlookup')?.status).toBe('Pending');
    // None of them belongs to a table the sync uses, so no standard table starts with a key.
    expect(metadata.tables.every((model) => model.keys.length === 0)).toBe(true);
  });
});
