import { describe, expect, it } from 'vitest';
import { answerCost } from './resync-cost-proxy';

describe('answerCost', () => {
  it("takes the points Shopify's answer says it took from the bucket", () => {
    // Setup
    const answer = {
      data: { customer: { id: 'gid://shopify/Customer/1' } },
      extensions: {
        cost: { requestedQueryCost: 3, actualQueryCost: 2, throttleStatus: { currentlyAvailable: 19998 } },
      },
    };

    // Action
    const cost = answerCost(answer);

    // Assertions
    expect(cost).toEqual({ points: 2, throttled: false });
  });

  it('counts a THROTTLED answer as throttled, with no points taken', () => {
    // Setup
    const answer = {
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
      extensions: { cost: { requestedQueryCost: 752, actualQueryCost: null } },
    };

    // Action
    const cost = answerCost(answer);

    // Assertions
    expect(cost).toEqual({ points: 0, throttled: true });
  });

  it('reads an answer without extensions (a 401 body, say) as costing nothing', () => {
    // Action
    const cost = answerCost({ errors: '[API] Invalid API key or access token' });

    // Assertions
    expect(cost).toEqual({ points: 0, throttled: false });
  });
});
