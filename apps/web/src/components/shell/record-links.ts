/**
 * Links from a log row to the record where people work on it: the Shopify admin and the Dynamics 365 form. A
 * sandbox store has no admin, so its links go to the simulator's REST-like read of the record instead.
 */

const ADMIN_PATHS: Record<string, string> = {
  Customer: 'customers',
  Order: 'orders',
  Company: 'companies',
  DraftOrder: 'draft_orders',
};

/** `gid://shopify/Order/1042` → `{ type: 'Order', id: '1042' }`; undefined for anything else. */
export function parseShopifyGid(gid: string): { type: string; id: string } | undefined {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)/.exec(gid);
  return match?.[1] && match[2] ? { type: match[1], id: match[2] } : undefined;
}

/** The record's page in the Shopify admin (`https://<shop>.myshopify.com/admin/orders/1042`), when it has one. */
export function shopifyAdminUrl(shopDomain: string, gid: string): string | undefined {
  const parsed = parseShopifyGid(gid);
  const path = parsed && ADMIN_PATHS[parsed.type];
  if (!parsed || !path) return undefined;
  return `https://${shopDomain}/admin/${path}/${parsed.id}`;
}

/** The row's form in Dynamics 365 (`<org>/main.aspx?pagetype=entityrecord&etn=contact&id=<guid>`). */
export function dynamicsRecordUrl(orgUrl: string, table: string, id: string): string {
  const base = orgUrl.replace(/\/+$/, '');
  const query = new URLSearchParams({ pagetype: 'entityrecord', etn: table, id });
  return `${base}/main.aspx?${query.toString()}`;
}
