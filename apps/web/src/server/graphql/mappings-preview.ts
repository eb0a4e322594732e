import { type CrmOrgSummary, findLink, readStoreCredentials, type StoreSummary } from '@shopverse/db';
import { clientForStore, readCustomer, readOrderWithEvents, type ShopifyClient } from '@shopverse/shopify';
import {
  crmOrderState,
  describeCrmStatus,
  guestCustomer,
  mapCustomerToContact,
  mapOrderToSalesOrder,
  OrderTotalsError,
  type ShopifyCustomer,
  type ShopifyOrder,
  type StoreSettings,
} from '@shopverse/sync-core';
import { customTableRows } from './mappings-custom';
import { currencyIdOf, keptColumns, previewRow, productsBySku, readByKey, type PreviewRow } from './mappings-crm';
import { orgClient, secretBox, type AdminContext } from './orgs';
import { checkSettingsAgainstOrg, type SettingsProblem, validateSettingsShape } from './settings';

/** What `mappingPreview` answers: the rows one order would write under the draft settings, or why it cannot. */
export interface MappingPreview {
  orderName: string | null;
  orderGid: string | null;
  /** The settings the preview used, defaults filled; null when they do not validate. */
  settings: StoreSettings | null;
  rows: PreviewRow[];
  problems: SettingsProblem[];
  warnings: string[];
}

/** The preview reads as a person waiting for it would: no long retries. */
const PREVIEW_CLIENT = { maxAttempts: 2, timeoutMs: 20_000 };

const LATEST_ORDER = `query ShopverseMappingPreviewOrder($query: String) {
  orders(first: 1, sortKey: CREATED_AT, reverse: true, query: $query) { nodes { id name } }
}`;

interface LatestOrder {
  orders: { nodes: { id: string; name: string }[] };
}

async function shopClient(context: AdminContext, store: StoreSummary): Promise<ShopifyClient | null> {
  const { accessToken } = await readStoreCredentials(context.db, secretBox(context), store.id);
  return accessToken ? clientForStore(store, accessToken, PREVIEW_CLIENT) : null;
}

/** The named order's gid (`#1001`, or `1001`), else the store's most recent order's; null when there is none. */
async function findOrder(shopify: ShopifyClient, orderName: string | null): Promise<string | null> {
  const name = orderName?.trim().replace(/"/g, '');
  const query = name ? `name:"${name.startsWith('#') || !/^\d+$/.test(name) ? name : `#${name}`}"` : null;
  const data = await shopify.request<LatestOrder>(LATEST_ORDER, { variables: { query } });
  return data.orders.nodes[0]?.id ?? null;
}

/** The buyer the sync would write the order's contact for: the customer, else the guest checkout's email. */
async function buyerOf(
  shopify: ShopifyClient,
  order: ShopifyOrder,
): Promise<{ customer: ShopifyCustomer; shopifyType: 'customer' | 'guest_checkout' } | null> {
  if (order.customerGid) {
    const customer = await readCustomer(shopify, order.customerGid);
    return customer ? { customer, shopifyType: 'customer' } : null;
  }
  const guest = guestCustomer(order);
  return guest ? { customer: guest, shopifyType: 'guest_checkout' } : null;
}

interface PreviewInput {
  store: StoreSummary;
  org: CrmOrgSummary | undefined;
  /** The draft settings; undefined previews the saved ones. */
  draft: unknown;
  orderName: string | null;
}

/**
 * How the sync would write one real order under draft settings: the order (named, else the store's most recent) read
 * from Shopify, mapped by the sync's own mappers, each row set beside the CRM's row of the same key. Reads only:
 * nothing is written to Shopify, the CRM or our database.
 */
export async function mappingPreview(context: AdminContext, input: PreviewInput): Promise<MappingPreview> {
  const { store, org } = input;
  const empty = { orderName: null, orderGid: null, rows: [], warnings: [] };
  const shape = validateSettingsShape(input.draft === undefined || input.draft === null ? store.settings : input.draft);
  if (!shape.ok) return { ...empty, settings: null, problems: shape.problems };
  const checked = shape.settings;
  if (!org) {
    const message = `store ${store.name} writes to no CRM org yet; connect it to one on the Stores page`;
    return { ...empty, settings: checked, problems: [{ path: '(store)', message }] };
  }
  const crm = await orgClient(context, org);
  const prefix = org.publisherPrefix;
  const problems = await checkSettingsAgainstOrg(checked, crm, prefix);
  const settings = withoutRefusedColumns(checked, problems);
  const shopify = await shopClient(context, store);
  if (!shopify) {
    const message = `store ${store.name} has no Admin API token; connect it again on the Stores page`;
    return { ...empty, settings: checked, problems: [...problems, { path: '(store)', message }] };
  }
  const gid = await findOrder(shopify, input.orderName);
  const read = gid ? await readOrderWithEvents(shopify, gid) : null;
  if (!read) {
    const message = input.orderName
      ? `store ${store.name} has no order named ${input.orderName}`
      : `store ${store.name} has no orders yet`;
    return { ...empty, settings: checked, problems: [...problems, { path: 'orderName', message }] };
  }
  const { order, events } = read;
  const result = { orderName: order.name, orderGid: order.gid, settings: checked };
  const rows: PreviewRow[] = [];
  const warnings: string[] = [];
  const keyColumn = `${prefix}_shopifyid`;
  const bookkeeping = `${prefix}_lastcorrelationid`;
  const correlationId = 'preview';

  const buyer = await buyerOf(shopify, order);
  let orderCustomer: { table: 'contact' | 'account'; id: string } | null = null;
  if (buyer) {
    const mapping = mapCustomerToContact(buyer.customer, {
      storeKey: store.key,
      correlationId,
      countryAs: settings.countryAs,
      prefix,
      rollups: settings.customers.rollups,
      fieldMap: settings.fieldMap.contact,
    });
    warnings.push(...mapping.warnings.map((warning) => `contact: ${warning}`));
    const current = await readByKey(crm, 'contacts', keyColumn, mapping.shopifyId, mapping.row, 'contactid', [
      'modifiedon',
    ]);
    const link = await findLink(context.db, {
      storeId: store.id,
      shopifyType: buyer.shopifyType,
      shopifyGid: buyer.customer.gid,
    });
    // The contact's columns go through the conflict policies, as the customer sync decides them.
    const kept = current
      ? keptColumns({
          row: mapping.row,
          current,
          idColumn: 'contactid',
          keyColumn,
          key: mapping.shopifyId,
          bookkeeping,
          lastWritten: link?.writtenValues ?? null,
          policies: settings.customers.conflictPolicy,
          defaultPolicy: settings.customers.defaultConflictPolicy,
          shopifyUpdatedAt: buyer.customer.updatedAt,
        })
      : new Set<string>();
    rows.push(previewRow('contact', 'contact', mapping.shopifyId, mapping.row, current, bookkeeping, kept));
    const id = link?.crmId ?? (typeof current?.contactid === 'string' ? current.contactid : null);
    // A contact not written yet is bound by its key, as the dry run binds it.
    orderCustomer = { table: 'contact', id: id ?? `${keyColumn}='${mapping.shopifyId}'` };
  } else {
    warnings.push('the order has no customer and no usable email: the sync waits or skips it (guestCheckouts)');
  }

  if (settings.customers.target === 'b2b' && order.companyGid) {
    // A B2B order is the company's: its account, linked, or (not written yet) by its key.
    const link = await findLink(context.db, {
      storeId: store.id,
      shopifyType: 'company',
      shopifyGid: order.companyGid,
    });
    const legacyId = /(\d+)$/.exec(order.companyGid)?.[1] ?? order.companyGid;
    orderCustomer = { table: 'account', id: link?.crmId ?? `${keyColumn}='${store.key}_${legacyId}'` };
  }

  const state = crmOrderState(order, events, { prefix, currency: settings.orders.currency });
  const shopHandle = store.shopDomain.replace(/\.myshopify\.com$/, '');
  if (settings.orders.target === 'custom') {
    const custom = await customTableRows(crm, {
      order,
      events,
      state,
      settings,
      storeKey: store.key,
      shopHandle,
      prefix,
      customer: orderCustomer,
    });
    return {
      ...result,
      rows: [...rows, ...custom.rows],
      problems: [...problems, ...custom.problems],
      warnings: [...warnings, ...custom.warnings],
    };
  }
  const orders = settings.orders;
  const currency = (orders.currency === 'presentment' ? order.presentmentCurrency : order.currency).toUpperCase();
  const currencyId = await currencyIdOf(crm, currency);
  if (!currencyId) {
    problems.push({
      path: 'orders.currency',
      message: `order ${order.name} is in ${currency}, which the CRM has no currency for; add it in Dynamics first`,
    });
  }
  if (Object.keys(orders.priceLists).length > 0 && !orders.priceLists[currency]) {
    problems.push({
      path: `orders.priceLists.${currency}`,
      message: `order ${order.name} is in ${currency} and orders.priceLists names no price list for ${currency}`,
    });
  }
  try {
    const plan = mapOrderToSalesOrder(order, {
      storeKey: store.key,
      shopHandle,
      correlationId,
      prefix,
      countryAs: settings.countryAs,
      settings: orders,
      customer: orderCustomer,
      fieldMap: settings.fieldMap.salesorder,
      ...(currencyId ? { currencyId } : {}),
      ...(orders.products === 'bySku' ? { products: await productsBySku(crm, skusOf(order)) } : {}),
    });
    warnings.push(...plan.warnings.map((warning) => `salesorder: ${warning}`));
    // The header as the order writer sends it: the mapped row and the state columns of the order's current state.
    const header = { ...plan.header.row, ...state.columns };
    const current = await readByKey(crm, 'salesorders', keyColumn, plan.header.key, header, 'salesorderid', [
      'statecode',
      'statuscode',
    ]);
    const headerRow = previewRow('salesorder', 'salesorder', plan.header.key, header, current, bookkeeping);
    rows.push(headerRow);
    const lineRows: PreviewRow[] = [];
    for (const line of plan.lines) {
      const existing = current
        ? await readByKey(crm, 'salesorderdetails', keyColumn, line.key, line.row, 'salesorderdetailid')
        : null;
      lineRows.push(previewRow('line', 'salesorderdetail', line.key, line.row, existing, bookkeeping));
    }
    rows.push(...lineRows);
    const changed = [headerRow, ...lineRows].some((row) => row.columns.some((item) => item.changed));
    if (current && Number(current.statecode) !== 0 && changed) {
      // Dynamics takes edits of an order only while it is Active; the sync logs such an edit as a conflict.
      const status = describeCrmStatus({
        statecode: Number(current.statecode),
        statuscode: Number(current.statuscode),
      });
      problems.push({
        path: 'order',
        message:
          `order ${order.name} is ${status} in the CRM, which takes no more edits: the sync will not write these ` +
          'changes to it (orders synced from now on get them)',
      });
    }
  } catch (error) {
    if (!(error instanceof OrderTotalsError)) throw error;
    problems.push({ path: 'order', message: error.message });
  }
  return { ...result, rows, problems, warnings };
}

/**
 * The settings to map with: the field map without the rows the org refused (a column it lacks cannot even be read),
 * so the rest of the draft still shows; the refusals are among the problems.
 */
function withoutRefusedColumns(settings: StoreSettings, problems: SettingsProblem[]): StoreSettings {
  const refused = new Set(problems.map((problem) => problem.path));
  const fieldMap = Object.fromEntries(
    Object.entries(settings.fieldMap).map(([entity, entries]) => [
      entity,
      entries.filter((_entry, index) => !refused.has(`fieldMap.${entity}.${index}.column`)),
    ]),
  ) as StoreSettings['fieldMap'];
  return { ...settings, fieldMap };
}

function skusOf(order: ShopifyOrder): string[] {
  return order.lineItems.flatMap((item) => (item.sku?.trim() ? [item.sku.trim()] : []));
}
