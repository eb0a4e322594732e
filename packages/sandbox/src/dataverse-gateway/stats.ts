import type { OperationKind } from './execution-time';
import type { ThrottleKind } from './service-protection';

/** Counts for one caller (or for all of them), what benchmarks read from the control endpoint. */
export interface SubjectStats {
  /** Requests admitted past service protection (a `$batch` is one). */
  requests: number;
  /** Operations dispatched to the org (a `$batch` counts each part), by kind. */
  operations: number;
  operationsByKind: Partial<Record<OperationKind, number>>;
  /** Sum of the modelled execution time of those operations. */
  executionTimeMs: number;
  /** 429s by the limit that refused them. */
  throttled: Record<ThrottleKind, number>;
}

/** Everything the control endpoint reports. */
export interface StatsSnapshot {
  /** When counting started (start or last reset), ISO 8601 from the gateway's clock. */
  since: string;
  totals: SubjectStats & {
    /** 401s (no token, or a token this org did not accept). */
    unauthorized: number;
    /** Faults injected, by kind. */
    faults: { error: number; timeout: number; drop: number; 'lost-answer': number };
  };
  subjects: Record<string, SubjectStats>;
  /** The reasons of the last few 401s (the 401 body is empty, as Dataverse's is; this is where to look). */
  recentAuthFailures: string[];
}

function emptySubject(): SubjectStats {
  return {
    requests: 0,
    operations: 0,
    operationsByKind: {},
    executionTimeMs: 0,
    throttled: { requests: 0, executionTime: 0, concurrency: 0 },
  };
}

/** Accumulates the counts. */
export class GatewayStats {
  private snapshotValue: StatsSnapshot;

  constructor(private readonly now: () => number) {
    this.snapshotValue = this.fresh();
  }

  private fresh(): StatsSnapshot {
    return {
      since: new Date(this.now()).toISOString(),
      totals: { ...emptySubject(), unauthorized: 0, faults: { error: 0, timeout: 0, drop: 0, 'lost-answer': 0 } },
      subjects: {},
      recentAuthFailures: [],
    };
  }

  private subject(subject: string): SubjectStats {
    const existing = this.snapshotValue.subjects[subject];
    if (existing) return existing;
    const created = emptySubject();
    this.snapshotValue.subjects[subject] = created;
    return created;
  }

  reset(): void {
    this.snapshotValue = this.fresh();
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.snapshotValue);
  }

  admitted(subject: string): void {
    this.subject(subject).requests += 1;
    this.snapshotValue.totals.requests += 1;
  }

  operation(subject: string, kind: OperationKind, executionMs: number): void {
    for (const stats of [this.subject(subject), this.snapshotValue.totals]) {
      stats.operations += 1;
      stats.operationsByKind[kind] = (stats.operationsByKind[kind] ?? 0) + 1;
      stats.executionTimeMs += executionMs;
    }
  }

  throttled(subject: string, kind: ThrottleKind): void {
    this.subject(subject).throttled[kind] += 1;
    this.snapshotValue.totals.throttled[kind] += 1;
  }

  unauthorized(reason: string): void {
    this.snapshotValue.totals.unauthorized += 1;
    const recent = this.snapshotValue.recentAuthFailures;
    recent.push(reason);
    if (recent.length > 20) recent.shift();
  }

  fault(kind: 'error' | 'timeout' | 'drop' | 'lost-answer'): void {
    this.snapshotValue.totals.faults[kind] += 1;
  }
}
