/**
 * Documents for reading orders. Line items are paged at 50 so a page of orders stays under 1000 points: one order
 * costs about 425, so `pages` fits two in a page. An order read by id also carries its refunds and fulfillments
 * (about 730 points in all), so that the order and its events describe one moment; a page of orders leaves them out,
 * since with them only one order would fit a page, and its reader asks for them per order (ORDER_EVENTS).
 */

import { ADDRESS_FIELDS } from './fragments';
import { ORDER_EVENT_FIELDS } from './order-events';

export const ORDER_FIELDS = `#graphql
  fragment OrderFields on Order {
    id
    legacyResourceId
    name
    email
    phone
    createdAt
    updatedAt
    processedAt
    cancelledAt
    cancelReason
    closedAt
    test
    tags
    poNumber
    sourceName
    displayFinancialStatus
    displayFulfillmentStatus
    currencyCode
    presentmentCurrencyCode
    taxesIncluded
    customer {
      id
    }
    purchasingEntity {
      ... on PurchasingCompany {
        company {
          id
        }
        location {
          id
        }
      }
    }
    billingAddress {
      ...AddressFields
    }
    shippingAddress {
      ...AddressFields
    }
    totalPriceSet {
      ...MoneyBagFields
    }
    subtotalPriceSet {
      ...MoneyBagFields
    }
    totalTaxSet {
      ...MoneyBagFields
    }
    totalDiscountsSet {
      ...MoneyBagFields
    }
    totalShippingPriceSet {
      ...MoneyBagFields
    }
    totalRefundedSet {
      ...MoneyBagFields
    }
    currentTotalPriceSet {
      ...MoneyBagFields
    }
    currentSubtotalPriceSet {
      ...MoneyBagFields
    }
    currentTotalTaxSet {
      ...MoneyBagFields
    }
    currentTotalDiscountsSet {
      ...MoneyBagFields
    }
    shippingLines(first: 10) {
      nodes {
        id
        title
        code
        originalPriceSet {
          ...MoneyBagFields
        }
        discountedPriceSet {
          ...MoneyBagFields
        }
        currentDiscountedPriceSet {
          ...MoneyBagFields
        }
        taxLines {
          ...TaxLineFields
        }
      }
    }
    taxLines {
      ...TaxLineFields
    }
    discountApplications(first: 10) {
      nodes {
        __typename
        allocationMethod
        targetSelection
        targetType
        value {
          __typename
          ... on MoneyV2 {
            amount
            currencyCode
          }
          ... on PricingPercentageValue {
            percentage
          }
        }
        ... on DiscountCodeApplication {
          code
        }
        ... on AutomaticDiscountApplication {
          title
        }
        ... on ManualDiscountApplication {
          title
        }
      }
    }
  }

  fragment LineItemFields on LineItem {
    id
    sku
    title
    variantTitle
    quantity
    currentQuantity
    taxable
    variant {
      id
    }
    originalUnitPriceSet {
      ...MoneyBagFields
    }
    discountAllocations {
      allocatedAmountSet {
        ...MoneyBagFields
      }
    }
    taxLines {
      ...TaxLineFields
    }
  }

  fragment MoneyBagFields on MoneyBag {
    shopMoney {
      amount
      currencyCode
    }
    presentmentMoney {
      amount
      currencyCode
    }
  }

  fragment TaxLineFields on TaxLine {
    title
    rate
    priceSet {
      ...MoneyBagFields
    }
  }
  ${ADDRESS_FIELDS}
`;

export const ORDERS_PAGE = `#graphql
  query OrdersPage($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...OrderFields
        lineItems(first: 50) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...LineItemFields
          }
        }
      }
    }
  }
  ${ORDER_FIELDS}
`;

/** One order by id with its events; `linesAfter` pages on through its line items (re-reading the events with them). */
export const ORDER_BY_ID = `#graphql
  query OrderById($id: ID!, $linesAfter: String) {
    order(id: $id) {
      ...OrderFields
      ...OrderEventFields
      lineItems(first: 50, after: $linesAfter) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...LineItemFields
        }
      }
    }
  }
  ${ORDER_FIELDS}
  ${ORDER_EVENT_FIELDS}
`;
