import { describe, expect, it } from 'vitest';
import { RawNumber, decimal, gidTail, moneySet, sumAmounts, toJsonText } from './rest-json';
import { trimBody } from './include-fields';
import { webhookHmac } from './webhook-headers';

describe('REST JSON text', () => {
  it('writes ids beyond 2^53 digit for digit', () => {
    // Setup
    const id = gidTail('gid://shopify/Order/820982911946154508');

    // Action
    const text = toJsonText({ id, admin_graphql_api_id: 'gid://shopify/Order/820982911946154508' });

    // Assertions
    expect(text).toBe('{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508"}');
    expect(Number.isSafeInteger(Number('820982911946154508'))).toBe(false);
  });

  it('takes the numeric tail of gids with a query string and refuses others', () => {
    // Setup
    const address = 'gid://shopify/MailingAddress/12321?model_name=CustomerAddress';

    // Action
    const tail = gidTail(address);

    // Assertions
    expect(tail.literal).toBe('12321');
    expect(() => gidTail('gid://shopify/Order/abc')).toThrow(/not a numeric/);
    expect(() => new RawNumber('1e5')).toThrow(/not a JSON number/);
  });

  it('writes money as decimal strings with two decimals, summed without floats', () => {
    // Setup
    const amounts = ['0.1', '0.2', '19.99', '-5'];

    // Action
    const sum = sumAmounts(amounts);

    // Assertions
    expect(sum).toBe('15.29');
    expect(decimal('10.0')).toBe('10.00');
    expect(decimal('3.125')).toBe('3.125');
    expect(
      moneySet({
        shopMoney: { amount: '10.5', currencyCode: 'EUR' },
        presentmentMoney: { amount: '11.9', currencyCode: 'USD' },
      }),
    ).toEqual({
      shop_money: { amount: '10.50', currency_code: 'EUR' },
      presentment_money: { amount: '11.90', currency_code: 'USD' },
    });
  });

  it('trims a body to includeFields without touching the raw ids', () => {
    // Setup
    const body = '{"id":820982911946154508,"note":"a, \\"b\\"","line_items":[{"id":1}],"email":null}';

    // Action
    const trimmed = trimBody(body, ['id', 'note']);

    // Assertions
    expect(trimmed).toBe('{"id":820982911946154508,"note":"a, \\"b\\""}');
  });

  it('signs the raw body as base64 HMAC-SHA256', () => {
    // Setup
    const body = '{"id":1}';

    // Action
    const hmac = webhookHmac(body, 'secret');

    // Assertions (value from: printf '{"id":1}' | openssl dgst -sha256 -hmac secret -binary | base64)
    expect(hmac).toBe('A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=');
  });
});
