/** The Mutation fields the simulator implements; each returns its payload type with Shopify's userErrors. */
import { gid, type ShopStore } from './store';
import { shopView } from './views/shop-view';
import { nodeByGid } from './views/node-lookup';
import {
  customerCreate,
  customerDelete,
  customerUpdate,
  customerUpdateDefaultAddress,
  type CustomerInput,
} from './mutations/customer-mutations';
import { createOrder, type OrderCreateInput } from './mutations/order-create';
import {
  orderCancel,
  orderClose,
  orderMarkAsPaid,
  orderUpdate,
  type OrderUpdateInput,
  refundCreate,
  type RefundInput,
} from './mutations/order-mutations';
import {
  fulfillmentCreate,
  type FulfillmentInput,
  returnCreate,
  type ReturnInput,
} from './mutations/fulfillment-mutations';
import {
  companyCreate,
  type CompanyCreateInput,
  webhookSubscriptionCreate,
  webhookSubscriptionDelete,
  type WebhookSubscriptionInput,
} from './mutations/company-mutations';

/** Starts a bulk query; returns the payload (bulk.ts). */
export type BulkStarter = (query: string) => unknown;

/** The root value of mutations: one method per implemented Mutation field. */
export class MutationRoot {
  constructor(
    private readonly store: ShopStore,
    private readonly apiVersion: string,
    private readonly startBulk: BulkStarter,
  ) {}

  private node(type: string, id: number | null): unknown {
    return id === null ? null : nodeByGid(this.store, gid(type, id), this.apiVersion);
  }

  customerCreate(args: { input: CustomerInput }): unknown {
    const r = customerCreate(this.store, args.input);
    return { customer: this.node('Customer', r.customerId), userErrors: r.userErrors };
  }
  customerUpdate(args: { input: CustomerInput }): unknown {
    const r = customerUpdate(this.store, args.input);
    return { customer: this.node('Customer', r.customerId), userErrors: r.userErrors };
  }
  customerUpdateDefaultAddress(args: { customerId: string; addressId: string }): unknown {
    const r = customerUpdateDefaultAddress(this.store, args);
    return { customer: this.node('Customer', r.customerId), userErrors: r.userErrors };
  }
  customerDelete(args: { input: { id: string } }): unknown {
    const r = customerDelete(this.store, args.input);
    return { deletedCustomerId: r.deletedId, shop: shopView(this.store), userErrors: r.userErrors };
  }
  orderCreate(args: { order: OrderCreateInput }): unknown {
    const r = createOrder(this.store, args.order);
    return { order: this.node('Order', r.orderId), userErrors: r.userErrors };
  }
  orderUpdate(args: { input: OrderUpdateInput }): unknown {
    const r = orderUpdate(this.store, args.input);
    return { order: this.node('Order', r.orderId), userErrors: r.userErrors };
  }
  orderCancel(args: {
    orderId: string;
    refund: boolean;
    restock: boolean;
    reason: string;
    staffNote?: string | null;
  }): unknown {
    const r = orderCancel(this.store, args);
    return {
      job: r.job,
      orderCancelUserErrors: r.userErrors,
      userErrors: r.userErrors.map(({ field, message }) => ({ field, message })),
    };
  }
  orderClose(args: { input: { id: string } }): unknown {
    const r = orderClose(this.store, args.input);
    return { order: this.node('Order', r.orderId), userErrors: r.userErrors };
  }
  orderMarkAsPaid(args: { input: { id: string } }): unknown {
    const r = orderMarkAsPaid(this.store, args.input);
    return { order: this.node('Order', r.orderId), userErrors: r.userErrors };
  }
  refundCreate(args: { input: RefundInput }): unknown {
    const r = refundCreate(this.store, args.input);
    return { refund: this.node('Refund', r.refundId), order: this.node('Order', r.orderId), userErrors: r.userErrors };
  }
  fulfillmentCreate(args: { fulfillment: FulfillmentInput }): unknown {
    const r = fulfillmentCreate(this.store, args.fulfillment);
    return { fulfillment: this.node('Fulfillment', r.fulfillmentId), userErrors: r.userErrors };
  }
  returnCreate(args: { returnInput: ReturnInput }): unknown {
    const r = returnCreate(this.store, args.returnInput);
    return { return: this.node('Return', r.returnId), userErrors: r.userErrors };
  }
  companyCreate(args: { input: CompanyCreateInput }): unknown {
    const r = companyCreate(this.store, args.input);
    return { company: this.node('Company', r.companyId), userErrors: r.userErrors };
  }
  webhookSubscriptionCreate(args: { topic: string; webhookSubscription: WebhookSubscriptionInput }): unknown {
    const r = webhookSubscriptionCreate(this.store, args.topic, args.webhookSubscription);
    return { webhookSubscription: this.node('WebhookSubscription', r.id), userErrors: r.userErrors };
  }
  webhookSubscriptionDelete(args: { id: string }): unknown {
    const r = webhookSubscriptionDelete(this.store, args.id);
    return { deletedWebhookSubscriptionId: r.deletedId, userErrors: r.userErrors };
  }
  bulkOperationRunQuery(args: { query: string }): unknown {
    return this.startBulk(args.query);
  }
}
