import type { AttributeType, ColumnDef, RequiredLevel } from './types';

/**
 * What the reference files leave out and the sync needs, each entry citing where it comes from. Everything else in
 * the table model is read from the reference files (catalog.ts).
 */

function column(
  logicalName: string,
  type: AttributeType,
  source: string,
  extra: Partial<ColumnDef> & { requiredLevel?: RequiredLevel } = {},
): ColumnDef {
  return {
    logicalName,
    schemaName: logicalName,
    type,
    requiredLevel: 'None',
    isValidForCreate: true,
    isValidForUpdate: true,
    isCustom: false,
    source,
    ...extra,
  };
}

const DATAVERSE_MD = 'DATAVERSE.md (Tables)';

/** The address blocks come from CDM's `customerAddressInline`, which is not among the reference files; the column
 * names are those of the contact CSDL (frodata) and the lengths those DATAVERSE.md lists for contact and account. */
function addressColumns(): ColumnDef[] {
  const lengths: [string, number][] = [
    ['line1', 250],
    ['line2', 250],
    ['line3', 250],
    ['city', 80],
    ['stateorprovince', 50],
    ['postalcode', 20],
    ['country', 80],
    ['name', 200],
    ['telephone1', 50],
  ];
  return [1, 2].flatMap((n) => [
    ...lengths.map(([part, maxLength]) => column(`address${n}_${part}`, 'String', DATAVERSE_MD, { maxLength })),
    column(`address${n}_addressid`, 'Uniqueidentifier', 'frodata/metadata_dynamics.xml (contact)'),
    column(`address${n}_latitude`, 'Double', 'frodata/metadata_dynamics.xml (contact)', { precision: 5 }),
    column(`address${n}_longitude`, 'Double', 'frodata/metadata_dynamics.xml (contact)', { precision: 5 }),
  ]);
}

/** Money columns Dynamics computes (system pricing, DATAVERSE.md): not valid for create or update. */
function computed(names: string[]): ColumnDef[] {
  return names.map((name) =>
    column(name, 'Money', DATAVERSE_MD, { isValidForCreate: false, isValidForUpdate: false, precision: 4 }),
  );
}

/** Extra columns per table, added when the reference files do not define them. */
export const SUPPLEMENTS: Record<string, ColumnDef[]> = {
  contact: addressColumns(),
  account: addressColumns(),
  salesorder: [
    // sales_Order.cdm.json names `customerIdAttribute`, an import absent from the reference; DATAVERSE.md gives the
    // binds customerid_contact / customerid_account.
    column('customerid', 'Customer', DATAVERSE_MD, {
      targets: ['account', 'contact'],
      requiredLevel: 'ApplicationRequired',
    }),
  ],
  orderclose: [],
};

/** Overrides applied to columns the reference does define (flags the CDM format cannot express). */
export const COLUMN_RULES: Record<string, Record<string, Partial<ColumnDef>>> = {
  salesorder: {
    // DATAVERSE.md: ordernumber and transactioncurrencyid are not updatable; the totals are computed by the system.
    ordernumber: { isValidForUpdate: false },
    transactioncurrencyid: { isValidForUpdate: false },
    ...Object.fromEntries(
      computed([
        'totalamount',
        'totaltax',
        'totallineitemamount',
        'totaldiscountamount',
        'totalamountlessfreight',
        'totallineitemdiscountamount',
      ]).map((c) => [c.logicalName, { isValidForCreate: false, isValidForUpdate: false }]),
    ),
    discountpercentage: { precision: 2 },
  },
  salesorderdetail: {
    // DATAVERSE.md: quantity is a decimal with 5 places; baseamount and extendedamount are computed.
    quantity: { precision: 5 },
    quantityshipped: { precision: 5 },
    quantitybackordered: { precision: 5 },
    quantitycancelled: { precision: 5 },
    baseamount: { isValidForCreate: false, isValidForUpdate: false },
    extendedamount: { isValidForCreate: false, isValidForUpdate: false },
    salesorderispricelocked: { isValidForCreate: false, isValidForUpdate: false },
    salesorderstatecode: { isValidForCreate: false, isValidForUpdate: false },
    salesorderid: { isValidForUpdate: false },
  },
  orderclose: {
    // The activity subject length is not in the reference CSDL; the batch examples (mslearn-examples) show the
    // activity length error at 200 for task.subject, used here for orderclose too.
    subject: { maxLength: 200 },
  },
  uom: { quantity: { precision: 5 } },
  // The platform composes the full name from the name parts.
  contact: { fullname: { isValidForCreate: false, isValidForUpdate: false } },
};

const SECURITY_DOCS = 'learn.microsoft.com, Dataverse table reference';

/**
 * The security tables ownership needs (no CDM file in the reference): businessunit, team and systemuser with the
 * columns, lengths, required levels and choices Microsoft's table references give (reference/entities/businessunit,
 * team and systemuser). All three are BusinessOwned: they carry a business unit, not an owner.
 */
function securityTables(): (typeof DERIVED_TABLES)[number][] {
  const docs = (table: string): string => `${SECURITY_DOCS} (${table})`;
  const readOnly = { isValidForCreate: false, isValidForUpdate: false };
  const id = (name: string, table: string): ColumnDef =>
    column(name, 'Uniqueidentifier', docs(table), { requiredLevel: 'SystemRequired', isValidForUpdate: false });
  return [
    {
      logicalName: 'businessunit',
      entitySetName: 'businessunits',
      primaryName: 'name',
      ownership: 'BusinessOwned',
      columns: [
        id('businessunitid', 'businessunit'),
        column('name', 'String', docs('businessunit'), { maxLength: 160, requiredLevel: 'SystemRequired' }),
        // SystemRequired except on the root business unit, which the platform creates with the org.
        column('parentbusinessunitid', 'Lookup', docs('businessunit'), { targets: ['businessunit'] }),
        column('description', 'Memo', docs('businessunit'), { maxLength: 2000 }),
        // Changed through SetState (disable/enable), not by an update.
        column('isdisabled', 'Boolean', docs('businessunit'), readOnly),
      ],
    },
    {
      logicalName: 'team',
      entitySetName: 'teams',
      primaryName: 'name',
      ownership: 'BusinessOwned',
      columns: [
        id('teamid', 'team'),
        column('name', 'String', docs('team'), { maxLength: 160, requiredLevel: 'SystemRequired' }),
        column('businessunitid', 'Lookup', docs('team'), {
          targets: ['businessunit'],
          requiredLevel: 'SystemRequired',
        }),
        column('administratorid', 'Lookup', docs('team'), {
          targets: ['systemuser'],
          requiredLevel: 'SystemRequired',
        }),
        column('teamtype', 'Picklist', docs('team'), {
          requiredLevel: 'SystemRequired',
          isValidForUpdate: false,
          options: [
            { value: 0, label: 'Owner' },
            { value: 1, label: 'Access' },
            { value: 2, label: 'AAD Security Group' },
            { value: 3, label: 'AAD Office Group' },
          ],
        }),
        // The default team of a business unit is made by the platform with the unit.
        column('isdefault', 'Boolean', docs('team'), readOnly),
        column('description', 'Memo', docs('team'), { maxLength: 2000 }),
        column('emailaddress', 'String', docs('team'), { maxLength: 100 }),
        column('azureactivedirectoryobjectid', 'Uniqueidentifier', docs('team'), { isValidForUpdate: false }),
      ],
    },
    {
      logicalName: 'systemuser',
      entitySetName: 'systemusers',
      primaryName: 'fullname',
      ownership: 'BusinessOwned',
      columns: [
        id('systemuserid', 'systemuser'),
        column('firstname', 'String', docs('systemuser'), { maxLength: 256 }),
        column('lastname', 'String', docs('systemuser'), { maxLength: 256 }),
        // Composed by the platform from the name parts ("# <app name>" for an application user).
        column('fullname', 'String', docs('systemuser'), { maxLength: 200, ...readOnly }),
        column('domainname', 'String', docs('systemuser'), { maxLength: 1024, requiredLevel: 'SystemRequired' }),
        column('internalemailaddress', 'String', docs('systemuser'), { maxLength: 100 }),
        column('businessunitid', 'Lookup', docs('systemuser'), {
          targets: ['businessunit'],
          requiredLevel: 'SystemRequired',
        }),
        column('isdisabled', 'Boolean', docs('systemuser')),
        // The Entra ID application (client) id of an application user; empty for people.
        column('applicationid', 'Uniqueidentifier', docs('systemuser')),
        column('accessmode', 'Picklist', docs('systemuser'), {
          requiredLevel: 'SystemRequired',
          options: [
            { value: 0, label: 'Read-Write' },
            { value: 1, label: 'Administrative' },
            { value: 2, label: 'Read' },
            { value: 3, label: 'Support User' },
            { value: 4, label: 'Non-interactive' },
            { value: 5, label: 'Delegated Admin' },
          ],
        }),
      ],
    },
  ];
}

const DERIVED =
  'derived: no CDM file; columns named after the lookups CDM and frodata show (uom.uomscheduleid, product.defaultuomscheduleid, salesorderdetail.uomid, product.pricelevelid), Dataverse defaults';

/**
 * uomschedule and productpricelevel have no CDM file in the reference. Their columns are derived from what the
 * reference does show: uom (Unit.cdm.json) points at a UnitGroup through uomscheduleid and product at one through
 * defaultuomscheduleid; a price list item joins pricelevel, product and uom (the lookups order lines carry) and holds
 * an amount in the price list's currency; both tables appear in the reference state map
 * (xrmmockup/default_state_status.derived.json), which gives them statecode/statuscode.
 */
export const DERIVED_TABLES: {
  logicalName: string;
  entitySetName: string;
  primaryName?: string;
  /** OwnershipType: OrganizationOwned tables have no owner; BusinessOwned ones belong to a business unit. */
  ownership: 'OrganizationOwned' | 'BusinessOwned';
  columns: ColumnDef[];
}[] = [
  {
    logicalName: 'uomschedule',
    entitySetName: 'uomschedules',
    primaryName: 'name',
    ownership: 'OrganizationOwned',
    columns: [
      column('uomscheduleid', 'Uniqueidentifier', DERIVED, {
        requiredLevel: 'SystemRequired',
        isValidForUpdate: false,
      }),
      column('name', 'String', DERIVED, { maxLength: 200, requiredLevel: 'SystemRequired' }),
      column('baseuomname', 'String', DERIVED, { maxLength: 100, requiredLevel: 'SystemRequired' }),
      column('description', 'Memo', DERIVED, { maxLength: 2000 }),
    ],
  },
  {
    logicalName: 'productpricelevel',
    entitySetName: 'productpricelevels',
    ownership: 'OrganizationOwned',
    columns: [
      column('productpricelevelid', 'Uniqueidentifier', DERIVED, {
        requiredLevel: 'SystemRequired',
        isValidForUpdate: false,
      }),
      column('pricelevelid', 'Lookup', DERIVED, { targets: ['pricelevel'], requiredLevel: 'SystemRequired' }),
      column('productid', 'Lookup', DERIVED, { targets: ['product'], requiredLevel: 'SystemRequired' }),
      column('uomid', 'Lookup', DERIVED, { targets: ['uom'], requiredLevel: 'SystemRequired' }),
      column('uomscheduleid', 'Lookup', DERIVED, { targets: ['uomschedule'] }),
      column('transactioncurrencyid', 'Lookup', DERIVED, { targets: ['transactioncurrency'], isValidForUpdate: false }),
      column('amount', 'Money', DERIVED, { precision: 4 }),
      column('amount_base', 'Money', DERIVED, { precision: 4, isValidForCreate: false, isValidForUpdate: false }),
      column('percentage', 'Decimal', DERIVED, { precision: 2 }),
      column('exchangerate', 'Decimal', DERIVED, { precision: 10 }),
      column('pricingmethodcode', 'Picklist', DERIVED, {
        options: [
          { value: 1, label: 'Currency Amount' },
          { value: 2, label: 'Percent of List' },
          { value: 3, label: 'Percent Markup - Current Cost' },
          { value: 4, label: 'Percent Margin - Current Cost' },
          { value: 5, label: 'Percent Markup - Standard Cost' },
          { value: 6, label: 'Percent Margin - Standard Cost' },
        ],
      }),
      column('quantitysellingcode', 'Picklist', DERIVED, {
        options: [
          { value: 1, label: 'No Control' },
          { value: 2, label: 'Whole' },
          { value: 3, label: 'Whole and Fractional' },
        ],
      }),
    ],
  },
  ...securityTables(),
];
