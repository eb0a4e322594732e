/**
 * The Dataverse connector's writes (issue 5), as a scenario: orders with 3 lines each into a simulated org with the
 * default service protection limits, on a virtual clock (bench/dataverse-writes.ts).
 */
import { benchDataverseWrites } from '../dataverse-writes';
import type { Scenario } from '../scenario';

const WRITE_MS = 100;

export const scenario: Scenario = {
  id: 'dataverse-writes',
  async run({ quick }) {
    const orders = quick ? 500 : 5000;
    const result = await benchDataverseWrites({ orders, linesPerOrder: 3, writeMs: WRITE_MS, parallel: 50 });
    return {
      id: 'dataverse-writes',
      title: `writing ${orders.toLocaleString('en-US')} orders with 3 lines each, default limits, ${WRITE_MS} ms modelled per write`,
      figures: [
        { label: 'orders written', value: result.written, unit: 'orders' },
        { label: 'orders failed', value: result.failed, unit: 'orders' },
        { label: 'requests', value: result.requests, unit: 'requests' },
        { label: 'batches', value: result.batches, unit: 'batches' },
        { label: '429s', value: result.throttled, unit: 'responses' },
        { label: '429s share of requests', value: result.throttledShare * 100, unit: '%' },
        { label: '429s not waited out', value: result.shortWaits, unit: 'responses' },
        { label: 'simulated time', value: result.elapsedSeconds, unit: 's' },
        { label: 'fastest the limits allow', value: result.fastestSeconds, unit: 's' },
        { label: 'share of the allowed throughput', value: result.throughputShare * 100, unit: '%' },
      ],
      notes: [
        'Limits: 1,200,000 ms of execution per 300 s, 52 concurrent requests; times are simulated (virtual clock).',
        `${WRITE_MS} ms per write is an assumption of the bench: Microsoft publishes none.`,
      ],
    };
  },
};
