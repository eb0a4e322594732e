import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, parseSearch, planSearch, searchQuery } from './activity-params';

describe('the Activity search in the URL', () => {
  it('round-trips through the query string, empty fields left out', () => {
    // Setup
    const search = {
      find: '#1042',
      storeId: '0b7c2f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      entity: 'order',
      outcomes: ['RETRYING' as const, 'FAILED' as const],
      from: '2026-11-27T08:00',
      to: '',
    };
    // Action
    const query = searchQuery(search);
    const parsed = parseSearch(new URLSearchParams(query));
    // Assertions
    expect(query).toBe(
      'q=%231042&store=0b7c2f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b&entity=order&outcome=FAILED&outcome=RETRYING&from=2026-11-27T08%3A00',
    );
    expect(parsed).toEqual({ ...search, outcomes: ['FAILED', 'RETRYING'] });
    expect(searchQuery(EMPTY_SEARCH)).toBe('');
  });

  it('drops what the page did not write: unknown outcomes and malformed times', () => {
    // Action
    const parsed = parseSearch(new URLSearchParams('outcome=failed&outcome=BOGUS&from=yesterday&to=2026-11-27T09:30'));
    // Assertions
    expect(parsed).toEqual({ ...EMPTY_SEARCH, outcomes: ['FAILED'], to: '2026-11-27T09:30' });
  });
});

describe('planSearch', () => {
  it('narrows every reading of the Find box by store, entity, outcomes and UTC time', () => {
    // Setup: a GUID is read twice, as a correlation id and as a CRM id.
    const id = '4e8c89af-a2ab-4905-86af-d013b06ce878';
    // Action
    const plan = planSearch({
      find: id,
      storeId: 's1',
      entity: 'order',
      outcomes: ['FAILED'],
      from: '2026-11-27T08:00',
      to: '2026-11-27T09:00',
    });
    // Assertions
    const narrowing = {
      storeId: 's1',
      entity: 'order',
      outcomes: ['FAILED'],
      from: '2026-11-27T08:00:00.000Z',
      to: '2026-11-27T09:00:00.000Z',
    };
    expect(plan.filters).toEqual([
      { ...narrowing, correlationId: id },
      { ...narrowing, crmId: id },
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('searches every attempt with no key, and says what to fix for a backwards time range', () => {
    // Action
    const everything = planSearch(EMPTY_SEARCH);
    const backwards = planSearch({ ...EMPTY_SEARCH, from: '2026-11-27T09:00', to: '2026-11-27T08:00' });
    // Assertions
    expect(everything.filters).toEqual([{}]);
    expect(backwards.problems).toEqual(['"From" must be before "To": change one of them, or clear it.']);
  });
});
