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
  columns: ColumnDef[];
}[] = [
  {
    logicalName: 'uomschedule',
    entitySetName: 'uomschedules',
    primaryName: 'name',
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
];
