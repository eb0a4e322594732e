/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type BulkOperationRootCountQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BulkOperationRootCountQuery = { node?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'rootObjectCount' | 'url'>> };

export type BulkRunQueryMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type BulkRunQueryMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message'>> }> };

export type BulkOperationQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BulkOperationQuery = { node?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'fileSize' | 'url' | 'partialDataUrl' | 'createdAt' | 'completedAt'>> };

export type CompanyFieldsFragment = (
  Pick<AdminTypes.Company, 'id' | 'name' | 'externalId' | 'note' | 'createdAt' | 'updatedAt'>
  & { locations: { nodes: Array<(
      Pick<AdminTypes.CompanyLocation, 'id' | 'name' | 'externalId'>
      & { billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'zoneCode' | 'phone' | 'companyName' | 'recipient'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'zoneCode' | 'phone' | 'companyName' | 'recipient'>> }
    )> }, contacts: { nodes: Array<(
      Pick<AdminTypes.CompanyContact, 'id' | 'isMainContact'>
      & { customer: Pick<AdminTypes.Customer, 'id'> }
    )> } }
);

export type CompanyAddressFieldsFragment = Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'zoneCode' | 'phone' | 'companyName' | 'recipient'>;

export type CompaniesPageQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CompaniesPageQuery = { companies: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Company, 'id' | 'name' | 'externalId' | 'note' | 'createdAt' | 'updatedAt'>
      & { locations: { nodes: Array<(
          Pick<AdminTypes.CompanyLocation, 'id' | 'name' | 'externalId'>
          & { billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'zoneCode' | 'phone' | 'companyName' | 'recipient'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'zoneCode' | 'phone' | 'companyName' | 'recipient'>> }
        )> }, contacts: { nodes: Array<(
          Pick<AdminTypes.CompanyContact, 'id' | 'isMainContact'>
          & { customer: Pick<AdminTypes.Customer, 'id'> }
        )> } }
    )> } };

export type CompanyByIdQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type CompanyByIdQuery = { company?: AdminTypes.Maybe<(
    Pick<AdminTypes.Company, 'id' | 'name' | 'externalId' | 'note' | 'createdAt' | 'updatedAt'>
    & { locations: { nodes: Array<(
        Pick<AdminTypes.CompanyLocation, 'id' | 'name' | 'externalId'>
        & { billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'zoneCode' | 'phone' | 'companyName' | 'recipient'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'zoneCode' | 'phone' | 'companyName' | 'recipient'>> }
      )> }, contacts: { nodes: Array<(
        Pick<AdminTypes.CompanyContact, 'id' | 'isMainContact'>
        & { customer: Pick<AdminTypes.Customer, 'id'> }
      )> } }
  )> };

export type CustomerFieldsFragment = (
  Pick<AdminTypes.Customer, 'id' | 'legacyResourceId' | 'firstName' | 'lastName' | 'displayName' | 'email' | 'phone' | 'state' | 'tags' | 'note' | 'taxExempt' | 'verifiedEmail' | 'createdAt' | 'updatedAt' | 'numberOfOrders'>
  & { amountSpent: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, lastOrder?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'createdAt'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, addresses: Array<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, companyContactProfiles: Array<(
    Pick<AdminTypes.CompanyContact, 'id'>
    & { company: Pick<AdminTypes.Company, 'id'> }
  )> }
);

export type CustomersPageQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CustomersPageQuery = { customers: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Customer, 'id' | 'legacyResourceId' | 'firstName' | 'lastName' | 'displayName' | 'email' | 'phone' | 'state' | 'tags' | 'note' | 'taxExempt' | 'verifiedEmail' | 'createdAt' | 'updatedAt' | 'numberOfOrders'>
      & { amountSpent: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, lastOrder?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'createdAt'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, addresses: Array<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, companyContactProfiles: Array<(
        Pick<AdminTypes.CompanyContact, 'id'>
        & { company: Pick<AdminTypes.Company, 'id'> }
      )> }
    )> } };

export type CustomerByIdQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type CustomerByIdQuery = { customer?: AdminTypes.Maybe<(
    Pick<AdminTypes.Customer, 'id' | 'legacyResourceId' | 'firstName' | 'lastName' | 'displayName' | 'email' | 'phone' | 'state' | 'tags' | 'note' | 'taxExempt' | 'verifiedEmail' | 'createdAt' | 'updatedAt' | 'numberOfOrders'>
    & { amountSpent: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, lastOrder?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'createdAt'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, addresses: Array<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, companyContactProfiles: Array<(
      Pick<AdminTypes.CompanyContact, 'id'>
      & { company: Pick<AdminTypes.Company, 'id'> }
    )> }
  )> };

export type AddressFieldsFragment = Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>;

export type RefundLineFieldsFragment = (
  Pick<AdminTypes.RefundLineItem, 'quantity' | 'restockType'>
  & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
);

export type FulfillmentLineFieldsFragment = (
  Pick<AdminTypes.FulfillmentLineItem, 'quantity'>
  & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
);

export type OrderEventFieldsFragment = { refunds: Array<(
    Pick<AdminTypes.Refund, 'id' | 'createdAt' | 'note'>
    & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, refundLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.RefundLineItem, 'quantity' | 'restockType'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> } }
  )>, fulfillments: Array<(
    Pick<AdminTypes.Fulfillment, 'id' | 'createdAt' | 'updatedAt' | 'status'>
    & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'company' | 'number' | 'url'>>, fulfillmentLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.FulfillmentLineItem, 'quantity'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
      )> } }
  )> };

export type OrderEventsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderEventsQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'updatedAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus'>
    & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, refunds: Array<(
      Pick<AdminTypes.Refund, 'id' | 'createdAt' | 'note'>
      & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, refundLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
          Pick<AdminTypes.RefundLineItem, 'quantity' | 'restockType'>
          & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> } }
    )>, fulfillments: Array<(
      Pick<AdminTypes.Fulfillment, 'id' | 'createdAt' | 'updatedAt' | 'status'>
      & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'company' | 'number' | 'url'>>, fulfillmentLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
          Pick<AdminTypes.FulfillmentLineItem, 'quantity'>
          & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
        )> } }
    )> }
  )> };

export type RefundLinesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type RefundLinesQuery = { refund?: AdminTypes.Maybe<{ refundLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.RefundLineItem, 'quantity' | 'restockType'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> } }> };

export type FulfillmentLinesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type FulfillmentLinesQuery = { fulfillment?: AdminTypes.Maybe<{ fulfillmentLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.FulfillmentLineItem, 'quantity'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
      )> } }> };

export type OrderFieldsFragment = (
  Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name' | 'email' | 'phone' | 'createdAt' | 'updatedAt' | 'processedAt' | 'cancelledAt' | 'cancelReason' | 'closedAt' | 'test' | 'tags' | 'poNumber' | 'sourceName' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'currencyCode' | 'presentmentCurrencyCode' | 'taxesIncluded'>
  & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, purchasingEntity?: AdminTypes.Maybe<{ company: Pick<AdminTypes.Company, 'id'>, location: Pick<AdminTypes.CompanyLocation, 'id'> }>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalTaxSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalDiscountsSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentSubtotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalDiscountsSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, shippingLines: { nodes: Array<(
      Pick<AdminTypes.ShippingLine, 'id' | 'title' | 'code'>
      & { originalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, discountedPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentDiscountedPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, taxLines: Array<(
        Pick<AdminTypes.TaxLine, 'title' | 'rate'>
        & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> }
    )> }, taxLines: Array<(
    Pick<AdminTypes.TaxLine, 'title' | 'rate'>
    & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
  )>, discountApplications: { nodes: Array<(
      { __typename: 'AutomaticDiscountApplication' }
      & Pick<AdminTypes.AutomaticDiscountApplication, 'title' | 'allocationMethod' | 'targetSelection' | 'targetType'>
      & { value: (
        { __typename: 'MoneyV2' }
        & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
      ) | (
        { __typename: 'PricingPercentageValue' }
        & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
      ) }
    ) | (
      { __typename: 'DiscountCodeApplication' }
      & Pick<AdminTypes.DiscountCodeApplication, 'code' | 'allocationMethod' | 'targetSelection' | 'targetType'>
      & { value: (
        { __typename: 'MoneyV2' }
        & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
      ) | (
        { __typename: 'PricingPercentageValue' }
        & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
      ) }
    ) | (
      { __typename: 'ManualDiscountApplication' }
      & Pick<AdminTypes.ManualDiscountApplication, 'title' | 'allocationMethod' | 'targetSelection' | 'targetType'>
      & { value: (
        { __typename: 'MoneyV2' }
        & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
      ) | (
        { __typename: 'PricingPercentageValue' }
        & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
      ) }
    ) | (
      { __typename: 'ScriptDiscountApplication' }
      & Pick<AdminTypes.ScriptDiscountApplication, 'allocationMethod' | 'targetSelection' | 'targetType'>
      & { value: (
        { __typename: 'MoneyV2' }
        & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
      ) | (
        { __typename: 'PricingPercentageValue' }
        & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
      ) }
    )> } }
);

export type LineItemFieldsFragment = (
  Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'quantity' | 'currentQuantity' | 'taxable'>
  & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }>, taxLines: Array<(
    Pick<AdminTypes.TaxLine, 'title' | 'rate'>
    & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
  )> }
);

export type MoneyBagFieldsFragment = { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> };

export type TaxLineFieldsFragment = (
  Pick<AdminTypes.TaxLine, 'title' | 'rate'>
  & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
);

export type OrdersPageQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrdersPageQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name' | 'email' | 'phone' | 'createdAt' | 'updatedAt' | 'processedAt' | 'cancelledAt' | 'cancelReason' | 'closedAt' | 'test' | 'tags' | 'poNumber' | 'sourceName' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'currencyCode' | 'presentmentCurrencyCode' | 'taxesIncluded'>
      & { lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
          Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'quantity' | 'currentQuantity' | 'taxable'>
          & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }>, taxLines: Array<(
            Pick<AdminTypes.TaxLine, 'title' | 'rate'>
            & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
          )> }
        )> }, customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, purchasingEntity?: AdminTypes.Maybe<{ company: Pick<AdminTypes.Company, 'id'>, location: Pick<AdminTypes.CompanyLocation, 'id'> }>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalTaxSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalDiscountsSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentSubtotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalDiscountsSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, shippingLines: { nodes: Array<(
          Pick<AdminTypes.ShippingLine, 'id' | 'title' | 'code'>
          & { originalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, discountedPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentDiscountedPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, taxLines: Array<(
            Pick<AdminTypes.TaxLine, 'title' | 'rate'>
            & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
          )> }
        )> }, taxLines: Array<(
        Pick<AdminTypes.TaxLine, 'title' | 'rate'>
        & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )>, discountApplications: { nodes: Array<(
          { __typename: 'AutomaticDiscountApplication' }
          & Pick<AdminTypes.AutomaticDiscountApplication, 'title' | 'allocationMethod' | 'targetSelection' | 'targetType'>
          & { value: (
            { __typename: 'MoneyV2' }
            & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
          ) | (
            { __typename: 'PricingPercentageValue' }
            & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
          ) }
        ) | (
          { __typename: 'DiscountCodeApplication' }
          & Pick<AdminTypes.DiscountCodeApplication, 'code' | 'allocationMethod' | 'targetSelection' | 'targetType'>
          & { value: (
            { __typename: 'MoneyV2' }
            & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
          ) | (
            { __typename: 'PricingPercentageValue' }
            & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
          ) }
        ) | (
          { __typename: 'ManualDiscountApplication' }
          & Pick<AdminTypes.ManualDiscountApplication, 'title' | 'allocationMethod' | 'targetSelection' | 'targetType'>
          & { value: (
            { __typename: 'MoneyV2' }
            & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
          ) | (
            { __typename: 'PricingPercentageValue' }
            & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
          ) }
        ) | (
          { __typename: 'ScriptDiscountApplication' }
          & Pick<AdminTypes.ScriptDiscountApplication, 'allocationMethod' | 'targetSelection' | 'targetType'>
          & { value: (
            { __typename: 'MoneyV2' }
            & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
          ) | (
            { __typename: 'PricingPercentageValue' }
            & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
          ) }
        )> } }
    )> } };

export type OrderByIdQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  linesAfter?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderByIdQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name' | 'email' | 'phone' | 'createdAt' | 'updatedAt' | 'processedAt' | 'cancelledAt' | 'cancelReason' | 'closedAt' | 'test' | 'tags' | 'poNumber' | 'sourceName' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'currencyCode' | 'presentmentCurrencyCode' | 'taxesIncluded'>
    & { lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'quantity' | 'currentQuantity' | 'taxable'>
        & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }>, taxLines: Array<(
          Pick<AdminTypes.TaxLine, 'title' | 'rate'>
          & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> }
      )> }, customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, purchasingEntity?: AdminTypes.Maybe<{ company: Pick<AdminTypes.Company, 'id'>, location: Pick<AdminTypes.CompanyLocation, 'id'> }>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'zip' | 'country' | 'countryCodeV2' | 'phone'>>, totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalTaxSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalDiscountsSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, totalShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentSubtotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentTotalDiscountsSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, shippingLines: { nodes: Array<(
        Pick<AdminTypes.ShippingLine, 'id' | 'title' | 'code'>
        & { originalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, discountedPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, currentDiscountedPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, taxLines: Array<(
          Pick<AdminTypes.TaxLine, 'title' | 'rate'>
          & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> }
      )> }, taxLines: Array<(
      Pick<AdminTypes.TaxLine, 'title' | 'rate'>
      & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
    )>, discountApplications: { nodes: Array<(
        { __typename: 'AutomaticDiscountApplication' }
        & Pick<AdminTypes.AutomaticDiscountApplication, 'title' | 'allocationMethod' | 'targetSelection' | 'targetType'>
        & { value: (
          { __typename: 'MoneyV2' }
          & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
        ) | (
          { __typename: 'PricingPercentageValue' }
          & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
        ) }
      ) | (
        { __typename: 'DiscountCodeApplication' }
        & Pick<AdminTypes.DiscountCodeApplication, 'code' | 'allocationMethod' | 'targetSelection' | 'targetType'>
        & { value: (
          { __typename: 'MoneyV2' }
          & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
        ) | (
          { __typename: 'PricingPercentageValue' }
          & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
        ) }
      ) | (
        { __typename: 'ManualDiscountApplication' }
        & Pick<AdminTypes.ManualDiscountApplication, 'title' | 'allocationMethod' | 'targetSelection' | 'targetType'>
        & { value: (
          { __typename: 'MoneyV2' }
          & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
        ) | (
          { __typename: 'PricingPercentageValue' }
          & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
        ) }
      ) | (
        { __typename: 'ScriptDiscountApplication' }
        & Pick<AdminTypes.ScriptDiscountApplication, 'allocationMethod' | 'targetSelection' | 'targetType'>
        & { value: (
          { __typename: 'MoneyV2' }
          & Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>
        ) | (
          { __typename: 'PricingPercentageValue' }
          & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
        ) }
      )> }, refunds: Array<(
      Pick<AdminTypes.Refund, 'id' | 'createdAt' | 'note'>
      & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, refundLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
          Pick<AdminTypes.RefundLineItem, 'quantity' | 'restockType'>
          & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> } }
    )>, fulfillments: Array<(
      Pick<AdminTypes.Fulfillment, 'id' | 'createdAt' | 'updatedAt' | 'status'>
      & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'company' | 'number' | 'url'>>, fulfillmentLineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
          Pick<AdminTypes.FulfillmentLineItem, 'quantity'>
          & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
        )> } }
    )> }
  )> };

export type CustomersPollQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CustomersPollQuery = { customers: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.Customer, 'id' | 'updatedAt'>> } };

export type CompaniesPollQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CompaniesPollQuery = { companies: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.Company, 'id' | 'updatedAt'>> } };

export type OrdersPollQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrdersPollQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.Order, 'id' | 'updatedAt'>> } };

export type WebhookSubscriptionsQueryVariables = AdminTypes.Exact<{
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type WebhookSubscriptionsQuery = { webhookSubscriptions: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.WebhookSubscription, 'id' | 'topic' | 'format'>
      & { endpoint: { __typename: 'WebhookEventBridgeEndpoint' | 'WebhookPubSubEndpoint' } | (
        { __typename: 'WebhookHttpEndpoint' }
        & Pick<AdminTypes.WebhookHttpEndpoint, 'callbackUrl'>
      ) }
    )> } };

export type WebhookSubscriptionCreateMutationVariables = AdminTypes.Exact<{
  topic: AdminTypes.WebhookSubscriptionTopic;
  callbackUrl: AdminTypes.Scalars['URL']['input'];
}>;


export type WebhookSubscriptionCreateMutation = { webhookSubscriptionCreate?: AdminTypes.Maybe<{ webhookSubscription?: AdminTypes.Maybe<Pick<AdminTypes.WebhookSubscription, 'id' | 'topic'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type WebhookSubscriptionDeleteMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type WebhookSubscriptionDeleteMutation = { webhookSubscriptionDelete?: AdminTypes.Maybe<(
    Pick<AdminTypes.WebhookSubscriptionDeletePayload, 'deletedWebhookSubscriptionId'>
    & { userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }
  )> };

interface GeneratedQueryTypes {
  "#graphql\n  query BulkOperationRootCount($id: ID!) {\n    node(id: $id) {\n      ... on BulkOperation {\n        id\n        status\n        errorCode\n        rootObjectCount\n        url\n      }\n    }\n  }\n": {return: BulkOperationRootCountQuery, variables: BulkOperationRootCountQueryVariables},
  "#graphql\n  query BulkOperation($id: ID!) {\n    node(id: $id) {\n      ... on BulkOperation {\n        id\n        status\n        errorCode\n        objectCount\n        fileSize\n        url\n        partialDataUrl\n        createdAt\n        completedAt\n      }\n    }\n  }\n": {return: BulkOperationQuery, variables: BulkOperationQueryVariables},
  "#graphql\n  query CompaniesPage($first: Int!, $after: String, $query: String) {\n    companies(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...CompanyFields\n      }\n    }\n  }\n  #graphql\n  fragment CompanyFields on Company {\n    id\n    name\n    externalId\n    note\n    createdAt\n    updatedAt\n    locations(first: 20) {\n      nodes {\n        id\n        name\n        externalId\n        billingAddress {\n          ...CompanyAddressFields\n        }\n        shippingAddress {\n          ...CompanyAddressFields\n        }\n      }\n    }\n    contacts(first: 50) {\n      nodes {\n        id\n        isMainContact\n        customer {\n          id\n        }\n      }\n    }\n  }\n\n  fragment CompanyAddressFields on CompanyAddress {\n    address1\n    address2\n    city\n    province\n    zip\n    countryCode\n    zoneCode\n    phone\n    companyName\n    recipient\n  }\n\n": {return: CompaniesPageQuery, variables: CompaniesPageQueryVariables},
  "#graphql\n  query CompanyById($id: ID!) {\n    company(id: $id) {\n      ...CompanyFields\n    }\n  }\n  #graphql\n  fragment CompanyFields on Company {\n    id\n    name\n    externalId\n    note\n    createdAt\n    updatedAt\n    locations(first: 20) {\n      nodes {\n        id\n        name\n        externalId\n        billingAddress {\n          ...CompanyAddressFields\n        }\n        shippingAddress {\n          ...CompanyAddressFields\n        }\n      }\n    }\n    contacts(first: 50) {\n      nodes {\n        id\n        isMainContact\n        customer {\n          id\n        }\n      }\n    }\n  }\n\n  fragment CompanyAddressFields on CompanyAddress {\n    address1\n    address2\n    city\n    province\n    zip\n    countryCode\n    zoneCode\n    phone\n    companyName\n    recipient\n  }\n\n": {return: CompanyByIdQuery, variables: CompanyByIdQueryVariables},
  "#graphql\n  query CustomersPage($first: Int!, $after: String, $query: String) {\n    customers(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...CustomerFields\n      }\n    }\n  }\n  #graphql\n  fragment CustomerFields on Customer {\n    id\n    legacyResourceId\n    firstName\n    lastName\n    displayName\n    email\n    phone\n    state\n    tags\n    note\n    taxExempt\n    verifiedEmail\n    createdAt\n    updatedAt\n    numberOfOrders\n    amountSpent {\n      amount\n      currencyCode\n    }\n    lastOrder {\n      createdAt\n    }\n    defaultAddress {\n      id\n      ...AddressFields\n    }\n    addresses(first: 10) {\n      id\n      ...AddressFields\n    }\n    companyContactProfiles {\n      id\n      company {\n        id\n      }\n    }\n  }\n  #graphql\n  fragment AddressFields on MailingAddress {\n    firstName\n    lastName\n    company\n    address1\n    address2\n    city\n    province\n    provinceCode\n    zip\n    country\n    countryCodeV2\n    phone\n  }\n\n\n": {return: CustomersPageQuery, variables: CustomersPageQueryVariables},
  "#graphql\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      ...CustomerFields\n    }\n  }\n  #graphql\n  fragment CustomerFields on Customer {\n    id\n    legacyResourceId\n    firstName\n    lastName\n    displayName\n    email\n    phone\n    state\n    tags\n    note\n    taxExempt\n    verifiedEmail\n    createdAt\n    updatedAt\n    numberOfOrders\n    amountSpent {\n      amount\n      currencyCode\n    }\n    lastOrder {\n      createdAt\n    }\n    defaultAddress {\n      id\n      ...AddressFields\n    }\n    addresses(first: 10) {\n      id\n      ...AddressFields\n    }\n    companyContactProfiles {\n      id\n      company {\n        id\n      }\n    }\n  }\n  #graphql\n  fragment AddressFields on MailingAddress {\n    firstName\n    lastName\n    company\n    address1\n    address2\n    city\n    province\n    provinceCode\n    zip\n    country\n    countryCodeV2\n    phone\n  }\n\n\n": {return: CustomerByIdQuery, variables: CustomerByIdQueryVariables},
  "#graphql\n  query OrderEvents($id: ID!) {\n    order(id: $id) {\n      updatedAt\n      displayFinancialStatus\n      displayFulfillmentStatus\n      totalRefundedSet {\n        shopMoney {\n          amount\n        }\n      }\n      currentTotalPriceSet {\n        shopMoney {\n          amount\n        }\n      }\n      ...OrderEventFields\n    }\n  }\n  #graphql\n  fragment OrderEventFields on Order {\n    refunds {\n      id\n      createdAt\n      note\n      totalRefundedSet {\n        shopMoney {\n          amount\n          currencyCode\n        }\n        presentmentMoney {\n          amount\n          currencyCode\n        }\n      }\n      refundLineItems(first: 50) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...RefundLineFields\n        }\n      }\n    }\n    fulfillments {\n      id\n      createdAt\n      updatedAt\n      status\n      trackingInfo {\n        company\n        number\n        url\n      }\n      fulfillmentLineItems(first: 50) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...FulfillmentLineFields\n        }\n      }\n    }\n  }\n  #graphql\n  fragment RefundLineFields on RefundLineItem {\n    lineItem {\n      id\n    }\n    quantity\n    restockType\n    subtotalSet {\n      shopMoney {\n        amount\n        currencyCode\n      }\n      presentmentMoney {\n        amount\n        currencyCode\n      }\n    }\n    totalTaxSet {\n      shopMoney {\n        amount\n        currencyCode\n      }\n      presentmentMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n\n  #graphql\n  fragment FulfillmentLineFields on FulfillmentLineItem {\n    lineItem {\n      id\n    }\n    quantity\n  }\n\n\n": {return: OrderEventsQuery, variables: OrderEventsQueryVariables},
  "#graphql\n  query RefundLines($id: ID!, $after: String) {\n    refund(id: $id) {\n      refundLineItems(first: 200, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...RefundLineFields\n        }\n      }\n    }\n  }\n  #graphql\n  fragment RefundLineFields on RefundLineItem {\n    lineItem {\n      id\n    }\n    quantity\n    restockType\n    subtotalSet {\n      shopMoney {\n        amount\n        currencyCode\n      }\n      presentmentMoney {\n        amount\n        currencyCode\n      }\n    }\n    totalTaxSet {\n      shopMoney {\n        amount\n        currencyCode\n      }\n      presentmentMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n\n": {return: RefundLinesQuery, variables: RefundLinesQueryVariables},
  "#graphql\n  query FulfillmentLines($id: ID!, $after: String) {\n    fulfillment(id: $id) {\n      fulfillmentLineItems(first: 250, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...FulfillmentLineFields\n        }\n      }\n    }\n  }\n  #graphql\n  fragment FulfillmentLineFields on FulfillmentLineItem {\n    lineItem {\n      id\n    }\n    quantity\n  }\n\n": {return: FulfillmentLinesQuery, variables: FulfillmentLinesQueryVariables},
  "#graphql\n  query OrdersPage($first: Int!, $after: String, $query: String) {\n    orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...OrderFields\n        lineItems(first: 50) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            ...LineItemFields\n          }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment OrderFields on Order {\n    id\n    legacyResourceId\n    name\n    email\n    phone\n    createdAt\n    updatedAt\n    processedAt\n    cancelledAt\n    cancelReason\n    closedAt\n    test\n    tags\n    poNumber\n    sourceName\n    displayFinancialStatus\n    displayFulfillmentStatus\n    currencyCode\n    presentmentCurrencyCode\n    taxesIncluded\n    customer {\n      id\n    }\n    purchasingEntity {\n      ... on PurchasingCompany {\n        company {\n          id\n        }\n        location {\n          id\n        }\n      }\n    }\n    billingAddress {\n      ...AddressFields\n    }\n    shippingAddress {\n      ...AddressFields\n    }\n    totalPriceSet {\n      ...MoneyBagFields\n    }\n    subtotalPriceSet {\n      ...MoneyBagFields\n    }\n    totalTaxSet {\n      ...MoneyBagFields\n    }\n    totalDiscountsSet {\n      ...MoneyBagFields\n    }\n    totalShippingPriceSet {\n      ...MoneyBagFields\n    }\n    totalRefundedSet {\n      ...MoneyBagFields\n    }\n    currentTotalPriceSet {\n      ...MoneyBagFields\n    }\n    currentSubtotalPriceSet {\n      ...MoneyBagFields\n    }\n    currentTotalTaxSet {\n      ...MoneyBagFields\n    }\n    currentTotalDiscountsSet {\n      ...MoneyBagFields\n    }\n    shippingLines(first: 10) {\n      nodes {\n        id\n        title\n        code\n        originalPriceSet {\n          ...MoneyBagFields\n        }\n        discountedPriceSet {\n          ...MoneyBagFields\n        }\n        currentDiscountedPriceSet {\n          ...MoneyBagFields\n        }\n        taxLines {\n          ...TaxLineFields\n        }\n      }\n    }\n    taxLines {\n      ...TaxLineFields\n    }\n    discountApplications(first: 10) {\n      nodes {\n        __typename\n        allocationMethod\n        targetSelection\n        targetType\n        value {\n          __typename\n          ... on MoneyV2 {\n            amount\n            currencyCode\n          }\n          ... on PricingPercentageValue {\n            percentage\n          }\n        }\n        ... on DiscountCodeApplication {\n          code\n        }\n        ... on AutomaticDiscountApplication {\n          title\n        }\n        ... on ManualDiscountApplication {\n          title\n        }\n      }\n    }\n  }\n\n  fragment LineItemFields on LineItem {\n    id\n    sku\n    title\n    variantTitle\n    quantity\n    currentQuantity\n    taxable\n    variant {\n      id\n    }\n    originalUnitPriceSet {\n      ...MoneyBagFields\n    }\n    discountAllocations {\n      allocatedAmountSet {\n        ...MoneyBagFields\n      }\n    }\n    taxLines {\n      ...TaxLineFields\n    }\n  }\n\n  fragment MoneyBagFields on MoneyBag {\n    shopMoney {\n      amount\n      currencyCode\n    }\n    presentmentMoney {\n      amount\n      currencyCode\n    }\n  }\n\n  fragment TaxLineFields on TaxLine {\n    title\n    rate\n    priceSet {\n      ...MoneyBagFields\n    }\n  }\n  #graphql\n  fragment AddressFields on MailingAddress {\n    firstName\n    lastName\n    company\n    address1\n    address2\n    city\n    province\n    provinceCode\n    zip\n    country\n    countryCodeV2\n    phone\n  }\n\n\n": {return: OrdersPageQuery, variables: OrdersPageQueryVariables},
  "#graphql\n  query OrderById($id: ID!, $linesAfter: String) {\n    order(id: $id) {\n      ...OrderFields\n      ...OrderEventFields\n      lineItems(first: 50, after: $linesAfter) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...LineItemFields\n        }\n      }\n    }\n  }\n  #graphql\n  fragment OrderFields on Order {\n    id\n    legacyResourceId\n    name\n    email\n    phone\n    createdAt\n    updatedAt\n    processedAt\n    cancelledAt\n    cancelReason\n    closedAt\n    test\n    tags\n    poNumber\n    sourceName\n    displayFinancialStatus\n    displayFulfillmentStatus\n    currencyCode\n    presentmentCurrencyCode\n    taxesIncluded\n    customer {\n      id\n    }\n    purchasingEntity {\n      ... on PurchasingCompany {\n        company {\n          id\n        }\n        location {\n          id\n        }\n      }\n    }\n    billingAddress {\n      ...AddressFields\n    }\n    shippingAddress {\n      ...AddressFields\n    }\n    totalPriceSet {\n      ...MoneyBagFields\n    }\n    subtotalPriceSet {\n      ...MoneyBagFields\n    }\n    totalTaxSet {\n      ...MoneyBagFields\n    }\n    totalDiscountsSet {\n      ...MoneyBagFields\n    }\n    totalShippingPriceSet {\n      ...MoneyBagFields\n    }\n    totalRefundedSet {\n      ...MoneyBagFields\n    }\n    currentTotalPriceSet {\n      ...MoneyBagFields\n    }\n    currentSubtotalPriceSet {\n      ...MoneyBagFields\n    }\n    currentTotalTaxSet {\n      ...MoneyBagFields\n    }\n    currentTotalDiscountsSet {\n      ...MoneyBagFields\n    }\n    shippingLines(first: 10) {\n      nodes {\n        id\n        title\n        code\n        originalPriceSet {\n          ...MoneyBagFields\n        }\n        discountedPriceSet {\n          ...MoneyBagFields\n        }\n        currentDiscountedPriceSet {\n          ...MoneyBagFields\n        }\n        taxLines {\n          ...TaxLineFields\n        }\n      }\n    }\n    taxLines {\n      ...TaxLineFields\n    }\n    discountApplications(first: 10) {\n      nodes {\n        __typename\n        allocationMethod\n        targetSelection\n        targetType\n        value {\n          __typename\n          ... on MoneyV2 {\n            amount\n            currencyCode\n          }\n          ... on PricingPercentageValue {\n            percentage\n          }\n        }\n        ... on DiscountCodeApplication {\n          code\n        }\n        ... on AutomaticDiscountApplication {\n          title\n        }\n        ... on ManualDiscountApplication {\n          title\n        }\n      }\n    }\n  }\n\n  fragment LineItemFields on LineItem {\n    id\n    sku\n    title\n    variantTitle\n    quantity\n    currentQuantity\n    taxable\n    variant {\n      id\n    }\n    originalUnitPriceSet {\n      ...MoneyBagFields\n    }\n    discountAllocations {\n      allocatedAmountSet {\n        ...MoneyBagFields\n      }\n    }\n    taxLines {\n      ...TaxLineFields\n    }\n  }\n\n  fragment MoneyBagFields on MoneyBag {\n    shopMoney {\n      amount\n      currencyCode\n    }\n    presentmentMoney {\n      amount\n      currencyCode\n    }\n  }\n\n  fragment TaxLineFields on TaxLine {\n    title\n    rate\n    priceSet {\n      ...MoneyBagFields\n    }\n  }\n  #graphql\n  fragment AddressFields on MailingAddress {\n    firstName\n    lastName\n    company\n    address1\n    address2\n    city\n    province\n    provinceCode\n    zip\n    country\n    countryCodeV2\n    phone\n  }\n\n\n  #graphql\n  fragment OrderEventFields on Order {\n    refunds {\n      id\n      createdAt\n      note\n      totalRefundedSet {\n        shopMoney {\n          amount\n          currencyCode\n        }\n        presentmentMoney {\n          amount\n          currencyCode\n        }\n      }\n      refundLineItems(first: 50) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...RefundLineFields\n        }\n      }\n    }\n    fulfillments {\n      id\n      createdAt\n      updatedAt\n      status\n      trackingInfo {\n        company\n        number\n        url\n      }\n      fulfillmentLineItems(first: 50) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...FulfillmentLineFields\n        }\n      }\n    }\n  }\n  #graphql\n  fragment RefundLineFields on RefundLineItem {\n    lineItem {\n      id\n    }\n    quantity\n    restockType\n    subtotalSet {\n      shopMoney {\n        amount\n        currencyCode\n      }\n      presentmentMoney {\n        amount\n        currencyCode\n      }\n    }\n    totalTaxSet {\n      shopMoney {\n        amount\n        currencyCode\n      }\n      presentmentMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n\n  #graphql\n  fragment FulfillmentLineFields on FulfillmentLineItem {\n    lineItem {\n      id\n    }\n    quantity\n  }\n\n\n": {return: OrderByIdQuery, variables: OrderByIdQueryVariables},
  "#graphql\n  query CustomersPoll($first: Int!, $after: String, $query: String) {\n    customers(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        updatedAt\n      }\n    }\n  }\n": {return: CustomersPollQuery, variables: CustomersPollQueryVariables},
  "#graphql\n  query CompaniesPoll($first: Int!, $after: String, $query: String) {\n    companies(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        updatedAt\n      }\n    }\n  }\n": {return: CompaniesPollQuery, variables: CompaniesPollQueryVariables},
  "#graphql\n  query OrdersPoll($first: Int!, $after: String, $query: String) {\n    orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        updatedAt\n      }\n    }\n  }\n": {return: OrdersPollQuery, variables: OrdersPollQueryVariables},
  "#graphql\n  query WebhookSubscriptions($after: String) {\n    webhookSubscriptions(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        topic\n        format\n        endpoint {\n          __typename\n          ... on WebhookHttpEndpoint {\n            callbackUrl\n          }\n        }\n      }\n    }\n  }\n": {return: WebhookSubscriptionsQuery, variables: WebhookSubscriptionsQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation BulkRunQuery($query: String!) {\n    bulkOperationRunQuery(query: $query) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: BulkRunQueryMutation, variables: BulkRunQueryMutationVariables},
  "#graphql\n  mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $callbackUrl: URL!) {\n    webhookSubscriptionCreate(topic: $topic, webhookSubscription: { callbackUrl: $callbackUrl, format: JSON }) {\n      webhookSubscription {\n        id\n        topic\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: WebhookSubscriptionCreateMutation, variables: WebhookSubscriptionCreateMutationVariables},
  "#graphql\n  mutation WebhookSubscriptionDelete($id: ID!) {\n    webhookSubscriptionDelete(id: $id) {\n      deletedWebhookSubscriptionId\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: WebhookSubscriptionDeleteMutation, variables: WebhookSubscriptionDeleteMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
