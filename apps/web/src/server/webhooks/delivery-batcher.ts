import { type DbClient, type DeliveryInput, storeDeliveries } from '@shopverse/db';

type Stored = Awaited<ReturnType<typeof storeDeliveries>>[number];

interface Waiting {
  input: DeliveryInput;
  resolve(result: Stored): void;
  reject(error: unknown): void;
}

/**
 * Stores webhook deliveries in groups: while a group is being committed, the deliveries that arrive wait and go
 * together in the next statement. Every commit waits for the disk (as it must: a delivery is acknowledged only once
 * it is durable), so one commit per delivery caps a burst at the disk's flush rate; a group commit does not. A lone
 * delivery is stored at once, without waiting for company.
 */
export class DeliveryBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly client: DbClient,
    private readonly options: { maxBatch: number; maxInFlight: number } = { maxBatch: 250, maxInFlight: 2 },
  ) {}

  store(input: DeliveryInput): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.flush();
    });
  }

  /**
   * Resolves once every delivery handed in so far is committed (or has failed): a server that stops taking requests
   * waits for this before it closes its pool, so no acknowledged-to-be delivery is cut off half-way.
   */
  drained(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      const inputs = group.map((waiting) => waiting.input);
      storeDeliveries(this.client.sql, inputs)
        // A deadlock with another process's group (Postgres picks a victim) is worth one more try.
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '40P01') return storeDeliveries(this.client.sql, inputs);
          throw error;
        })
        .then(
          (results) => group.forEach((waiting, index) => waiting.resolve(results[index] ?? { kind: 'duplicate' })),
          (error: unknown) => group.forEach((waiting) => waiting.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.flush();
          if (this.queue.length === 0 && this.inFlight === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}

const batchers = new WeakMap<DbClient, DeliveryBatcher>();

/** The batcher of a database client (one per pool: the web app has one, each test database its own). */
export function deliveryBatcher(client: DbClient): DeliveryBatcher {
  let batcher = batchers.get(client);
  if (!batcher) batchers.set(client, (batcher = new DeliveryBatcher(client)));
  return batcher;
}
