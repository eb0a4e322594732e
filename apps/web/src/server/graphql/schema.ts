/** The GraphQL schema of `/api/graphql`, the API of the console and of reporting tools. */
export const typeDefs = `#graphql
  """
  An instant as an ISO-8601 string in UTC, e.g. \`2030-01-15T12:00:00.000Z\`.
  """
  scalar DateTime

  type Query {
    """
    The state of the system. Always answers: a part that is broken is reported as such, not as an error.
    """
    health: Health!
  }

  """
  Overall state of the system.
  """
  enum HealthStatus {
    """
    Everything works.
    """
    OK
    """
    The database works but no worker has been seen lately, so nothing is synced.
    """
    DEGRADED
    """
    The database cannot be reached or lacks migrations; nothing works.
    """
    DOWN
  }

  """
  The state of the database, its migrations and the worker, checked when asked.
  """
  type Health {
    status: HealthStatus!
    """
    When the check ran.
    """
    checkedAt: DateTime!
    database: DatabaseHealth!
    migrations: MigrationHealth!
    worker: WorkerHealth!
  }

  """
  Whether PostgreSQL answers.
  """
  type DatabaseHealth {
    ok: Boolean!
    """
    Round trip of a trivial query in milliseconds; null when the database did not answer.
    """
    latencyMs: Int
    """
    PostgreSQL's version, e.g. \`16.4\`; null when the database did not answer.
    """
    serverVersion: String
    """
    Why the database is down; null when it is up.
    """
    error: String
  }

  """
  Whether the database has every migration this build of the app expects.
  """
  type MigrationHealth {
    ok: Boolean!
    """
    Migrations in this build; null when the database could not be asked.
    """
    expected: Int
    """
    Migrations the database has applied; null when the database could not be asked.
    """
    applied: Int
    """
    Name of the newest migration in this build, e.g. \`0000_initial_schema\`.
    """
    latest: String
  }

  """
  Whether a worker process is alive, judged by its most recent heartbeat.
  """
  type WorkerHealth {
    """
    True when a worker sent a heartbeat within the staleness limit (SHOPVERSE_WORKER_STALE_SECONDS).
    """
    ok: Boolean!
    """
    The worker that sent the newest heartbeat; null when no worker ever ran.
    """
    workerId: String
    """
    Time of the newest heartbeat of any worker; null when no worker ever ran.
    """
    lastSeenAt: DateTime
    """
    Seconds since the newest heartbeat, as of \`checkedAt\`.
    """
    ageSeconds: Int
  }
`;
