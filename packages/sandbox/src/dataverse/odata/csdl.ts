import type { ColumnDef, TableDef } from '../metadata/types';
import { singleNavigations, type OrgContext } from '../context';

/**
 * The `$metadata` document of an org, in the shape of the real one (reference/dataverse/frodata/metadata_dynamics.xml):
 * namespace Microsoft.Dynamics.CRM (alias mscrm), entity types deriving from crmbaseentity, lookups as `_x_value`
 * Edm.Guid properties with a navigation property whose ReferentialConstraint names them, one entity set per table.
 */

const EDM: Record<ColumnDef['type'], string> = {
  Uniqueidentifier: 'Edm.Guid',
  String: 'Edm.String',
  Memo: 'Edm.String',
  Integer: 'Edm.Int32',
  BigInt: 'Edm.Int64',
  Decimal: 'Edm.Decimal',
  Double: 'Edm.Double',
  Money: 'Edm.Decimal',
  Boolean: 'Edm.Boolean',
  DateTime: 'Edm.DateTimeOffset',
  Picklist: 'Edm.Int32',
  State: 'Edm.Int32',
  Status: 'Edm.Int32',
  Lookup: 'Edm.Guid',
  Customer: 'Edm.Guid',
  Owner: 'Edm.Guid',
};

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function property(column: ColumnDef): string {
  const isLookup = column.type === 'Lookup' || column.type === 'Customer' || column.type === 'Owner';
  const name = isLookup ? `_${column.logicalName}_value` : column.logicalName;
  const type = column.dateOnly ? 'Edm.Date' : EDM[column.type];
  const facets = type === 'Edm.String' ? ' Unicode="false"' : type === 'Edm.Decimal' ? ' Scale="Variable"' : '';
  return `<Property Name="${escape(name)}" Type="${type}"${facets}/>`;
}

function entityType(context: OrgContext, table: TableDef): string {
  const lines = [
    `<EntityType Name="${table.logicalName}" BaseType="mscrm.crmbaseentity">`,
    `<Key><PropertyRef Name="${table.primaryIdAttribute}"/></Key>`,
  ];
  for (const column of table.columns.values()) lines.push(property(column));
  for (const navigation of singleNavigations(table)) {
    const target = context.tables.get(navigation.target);
    if (!target) continue;
    // The owner points at the abstract principal (a user or a team), as in the contact CSDL.
    const [type, key] =
      navigation.column.type === 'Owner' ? ['principal', 'ownerid'] : [target.logicalName, target.primaryIdAttribute];
    lines.push(
      `<NavigationProperty Name="${escape(navigation.name)}" Type="mscrm.${type}">` +
        `<ReferentialConstraint Property="_${navigation.column.logicalName}_value" ReferencedProperty="${key}"/>` +
        '</NavigationProperty>',
    );
  }
  for (const collection of context.collections.filter((item) => item.from === table.logicalName)) {
    lines.push(`<NavigationProperty Name="${escape(collection.name)}" Type="Collection(mscrm.${collection.to})"/>`);
  }
  lines.push('</EntityType>');
  return lines.join('\n');
}

/** The CSDL XML of the org's tables. */
export function csdlDocument(context: OrgContext): string {
  const tables = [...context.tables.values()];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">',
    '<edmx:DataServices>',
    '<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Microsoft.Dynamics.CRM" Alias="mscrm">',
    '<EntityType Name="crmbaseentity" Abstract="true"/>',
    ...tables.map((table) => entityType(context, table)),
    '<EntityContainer Name="System">',
    ...tables.map(
      (table) => `<EntitySet Name="${table.entitySetName}" EntityType="Microsoft.Dynamics.CRM.${table.logicalName}"/>`,
    ),
    '</EntityContainer>',
    '</Schema>',
    '</edmx:DataServices>',
    '</edmx:Edmx>',
  ].join('\n');
}
