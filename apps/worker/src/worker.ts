import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  addApiCallStats,
  beat,
  createDbClient,
  forgetStaleWorkers,
  parseSecretKey,
  releaseJobsOfDeadWorkers,
  SecretBox,
} from '@shopverse/db';
import { run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import { graphileLogger, type AppLogger } from './logger';
import { ApiCallRecorder } from './metrics/api-call-recorder';
import { RecordLocks } from './sync/record-locks';
import { StoreContexts } from './sync/store-context';
import { createTaskList, type TaskDeps } from './tasks';

/** The crontab beside src/, in graphile-worker's format. */
export const CRONTAB = readFileSync(new URL('../crontab', import.meta.url), 'utf8');

export interface WorkerOptions {
  databaseUrl: string;
  concurrency: number;
  heartbeatSeconds: number;
  syncAttemptsRetentionDays: number;
  /** SHOPVERSE_SECRET_KEY: opens the stores' and orgs' sealed credentials. */
  secretKey: string;
  logger: AppLogger;
  now?: () => Date;
  /** The tasks to run; the registry of src/tasks unless given. */
  taskList?: (deps: TaskDeps) => TaskList;
  crontab?: string;
}

export interface RunningWorker {
  workerId: string;
  /** Stops taking jobs, lets the jobs in hand finish, then closes its connections. */
  shutdown(): Promise<void>;
  /** Settles when the runner stops on its own (a fatal error). */
  promise: Promise<void>;
}

/**
 * Runs graphile-worker in library mode with our task registry and crontab, and records a heartbeat so the console
 * can tell whether any worker is alive.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const now = options.now ?? (() => new Date());
  const client = createDbClient(options.databaseUrl, {
    // The syncs' record locks share one connection (record-locks.ts); queries take one each for a moment, so a slot's
    // many syncs (a backfill's batch) need no connection each.
    max: Math.min(options.concurrency * 2 + 2, 40),
    applicationName: 'shopverse-worker',
  });
  const apiCalls = new ApiCallRecorder({
    write: (deltas) => addApiCallStats(client.db, deltas),
    now,
    logger: options.logger,
  });
  const deps: TaskDeps = {
    db: client.db,
    sql: client.sql,
    logger: options.logger,
    now,
    settings: { syncAttemptsRetentionDays: options.syncAttemptsRetentionDays },
    contexts: new StoreContexts(client.db, new SecretBox(parseSecretKey(options.secretKey)), apiCalls),
    locks: RecordLocks.open(options.databaseUrl),
  };
  const graphileWorkers = trackGraphileWorkerIds();
  let runner: Runner;
  try {
    runner = await run({
      events: graphileWorkers.events,
      connectionString: options.databaseUrl,
      concurrency: options.concurrency,
      // A connection for each slot to take and finish its job, and two for the queue's own work: graphile-worker's
      // default pool of 10 would keep slots past the tenth waiting for a connection (and says so at every start).
      maxPoolSize: options.concurrency + 2,
      // How soon an idle worker looks again for jobs that became due (a folded sync's short delay ends without a
      // notification); graphile-worker's default of 2 s would add up to 2 s to a change's time to the CRM.
      pollInterval: 500,
      // We stop on SIGTERM ourselves, after the jobs in hand, and with our own heartbeat clean-up.
      noHandleSignals: true,
      taskList: (options.taskList ?? createTaskList)(deps),
      crontab: options.crontab ?? CRONTAB,
      logger: graphileLogger(options.logger),
    });
  } catch (error) {
    await client.close();
    throw error;
  }

  apiCalls.start();
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const identity = {
    workerId,
    hostname: hostname(),
    pid: process.pid,
    graphileWorkerIds: graphileWorkers.ids,
    heartbeatSeconds: options.heartbeatSeconds,
  };
  const heartbeat = async () => {
    try {
      await beat(client.db, identity, now());
      // Workers gone for ten beats are dead; forget them so the console does not count them.
      await forgetStaleWorkers(client.db, new Date(now().getTime() - options.heartbeatSeconds * 10_000));
      await releaseDeadWorkersJobs(client.sql, options, now());
    } catch (error) {
      options.logger.warn({ err: error }, 'could not record the worker heartbeat');
    }
  };
  await heartbeat();
  const timer = setInterval(() => void heartbeat(), options.heartbeatSeconds * 1000);
  options.logger.info({ workerId, concurrency: options.concurrency }, 'worker started');

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      clearInterval(timer);
      options.logger.info({ workerId }, 'worker stopping: finishing the jobs in hand');
      try {
        await runner.stop();
      } finally {
        // After the jobs in hand: their last calls are counted too.
        await apiCalls.stop();
        await deps.locks.close();
        await client.sql`delete from worker_heartbeats where worker_id = ${workerId}`.catch(() => undefined);
        await client.close();
        options.logger.info({ workerId }, 'worker stopped');
      }
    })();
    return stopping;
  };
  return { workerId, shutdown, promise: runner.promise };
}

/**
 * Collects the ids graphile-worker gives the workers of this process (one per concurrency slot, random, and only
 * known once they exist): they are the `locked_by` of our jobs, recorded with our heartbeat so that other processes
 * can release those jobs if this one dies.
 */
function trackGraphileWorkerIds(): { events: WorkerEvents; ids: string[] } {
  const events: WorkerEvents = new EventEmitter();
  const ids: string[] = [];
  events.on('worker:create', ({ worker }) => ids.push(worker.workerId));
  return { events, ids };
}

/**
 * At start and at every beat: a SIGKILLed or crashed worker leaves its jobs locked for four hours (graphile-worker's
 * own timeout); jobs of a process that missed three beats go back to the queue now. A failure here only delays the
 * release to the next beat.
 */
async function releaseDeadWorkersJobs(
  sql: Parameters<typeof releaseJobsOfDeadWorkers>[0],
  options: Pick<WorkerOptions, 'heartbeatSeconds' | 'logger'>,
  at: Date,
): Promise<void> {
  try {
    const released = await releaseJobsOfDeadWorkers(sql, {
      now: at,
      defaultHeartbeatSeconds: options.heartbeatSeconds,
      // A process that just started locks jobs a moment before its first beat records its worker ids.
      unknownGraceSeconds: Math.max(60, options.heartbeatSeconds * 4),
    });
    if (released.length > 0) {
      options.logger.warn({ workerIds: released }, 'released the jobs of workers that stopped beating');
    }
  } catch (error) {
    options.logger.warn({ err: error }, 'could not release the jobs of dead workers');
  }
}
