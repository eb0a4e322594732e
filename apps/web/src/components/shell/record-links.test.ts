import { describe, expect, it } from 'vitest';
import { dynamicsRecordUrl, parseShopifyGid, shopifyAdminUrl } from './record-links';

describe('record links', () => {
  it('opens an order and a customer in the Shopify admin', () => {
    // Setup
    const shop = 'demo.myshopify.com';
    // Action
    const order = shopifyAdminUrl(shop, 'gid://shopify/Order/1042');
    const customer = shopifyAdminUrl(shop, 'gid://shopify/Customer/7');
    // Assertions
    expect(order).toBe('https://demo.myshopify.com/admin/orders/1042');
    expect(customer).toBe('https://demo.myshopify.com/admin/customers/7');
  });

  it('has no admin link for a kind the admin has no page for, nor for a malformed id', () => {
    // Setup
    const shop = 'demo.myshopify.com';
    // Action
    const lineItem = shopifyAdminUrl(shop, 'gid://shopify/LineItem/5');
    const malformed = shopifyAdminUrl(shop, 'Order/5');
    // Assertions
    expect(lineItem).toBeUndefined();
    expect(malformed).toBeUndefined();
    expect(parseShopifyGid('gid://shopify/Order/5?x=1')).toEqual({ type: 'Order', id: '5' });
  });

  it('opens a row in the Dynamics 365 form, whatever the org URL ends with', () => {
    // Setup
    const id = '0b7c2f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    // Action
    const url = dynamicsRecordUrl('https://contoso.crm4.dynamics.com/', 'salesorder', id);
    // Assertions
    expect(url).toBe(`https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=salesorder&id=${id}`);
  });
});
