import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, graphileLogger } from './logger';

describe("graphile-worker's log lines", () => {
  it("name the job but never carry its payload (a webhook body is a customer's personal data)", () => {
    // Setup
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = graphileLogger(createLogger('info', sink));
    const job = {
      id: '295',
      task_identifier: 'shopify_order__sync',
      key: 'order:s:gid://shopify/Order/1',
      attempts: 1,
      max_attempts: 25,
      run_at: '2026-11-27T09:16:27.201Z',
      last_error: null,
      payload: { body: { email: 'buyer@example.com', shipping_address: { address1: '68 Linking Road' } } },
    };
    // Action
    logger.scope({ taskIdentifier: 'shopify_order__sync', jobId: '295' }).info('Completed task 295', {
      job,
      duration: 34.8,
      success: true,
    });
    // Assertions
    const line = lines.join('');
    expect(line).toContain('"msg":"Completed task 295"');
    expect(line).toContain('"key":"order:s:gid://shopify/Order/1"');
    expect(line).toContain('"duration":34.8');
    expect(line).not.toContain('buyer@example.com');
    expect(line).not.toContain('Linking Road');
  });
});
