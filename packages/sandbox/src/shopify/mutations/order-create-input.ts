/** OrderCreateOrderInput and the pieces of it the simulator reads (the schema's names and nesting). */
import type { TransactionRecord } from '../records';
import type { MailingAddressInput } from './address-input';
import type { CustomerInput, UserError } from './customer-mutations';
import type { MoneyBagInput } from './money-input';

/** OrderCreateTaxLineInput */
export interface TaxLineInput {
  title: string;
  rate: string | number;
  priceSet?: MoneyBagInput | null;
  channelLiable?: boolean | null;
}

/** OrderCreateOrderInput (the fields the simulator honours). */
export interface OrderCreateInput {
  currency?: string | null;
  presentmentCurrency?: string | null;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  note?: string | null;
  poNumber?: string | null;
  tags?: string[] | null;
  test?: boolean | null;
  sourceName?: string | null;
  sourceIdentifier?: string | null;
  processedAt?: string | null;
  closedAt?: string | null;
  taxesIncluded?: boolean | null;
  buyerAcceptsMarketing?: boolean | null;
  financialStatus?: string | null;
  fulfillmentStatus?: string | null;
  fulfillment?: { trackingNumber?: string | null; trackingCompany?: string | null; locationId?: string } | null;
  customAttributes?: { key: string; value: string }[] | null;
  billingAddress?: MailingAddressInput | null;
  shippingAddress?: MailingAddressInput | null;
  companyLocationId?: string | null;
  customer?: {
    toAssociate?: { id?: string | null; email?: string | null } | null;
    toUpsert?: CustomerInput | null;
  } | null;
  lineItems?:
    | {
        title?: string | null;
        variantTitle?: string | null;
        sku?: string | null;
        vendor?: string | null;
        quantity: number;
        priceSet?: MoneyBagInput | null;
        taxable?: boolean | null;
        requiresShipping?: boolean | null;
        giftCard?: boolean | null;
        productId?: string | null;
        variantId?: string | null;
        taxLines?: TaxLineInput[] | null;
        properties?: { name: string; value: string }[] | null;
      }[]
    | null;
  shippingLines?:
    | {
        title: string;
        code?: string | null;
        source?: string | null;
        priceSet: MoneyBagInput;
        taxLines?: TaxLineInput[] | null;
      }[]
    | null;
  discountCode?: {
    itemPercentageDiscountCode?: { code: string; percentage?: number | null } | null;
    itemFixedDiscountCode?: { code: string; amountSet?: MoneyBagInput | null } | null;
    freeShippingDiscountCode?: { code: string } | null;
  } | null;
  transactions?:
    | {
        amountSet: MoneyBagInput;
        kind?: TransactionRecord['kind'] | null;
        status?: TransactionRecord['status'] | null;
        gateway?: string | null;
        authorizationCode?: string | null;
        processedAt?: string | null;
        test?: boolean | null;
      }[]
    | null;
}

/** OrderCreateUserError */
export type OrderCreateUserError = UserError & { code: string | null };
