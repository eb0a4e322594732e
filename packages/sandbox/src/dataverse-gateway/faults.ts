import { createPrng } from '../demo-data/prng';
import { ConnectionDropped, type SimRequest, type SimResponse } from '../http/types';

/**
 * Fault injection for tests and benchmarks: added latency, 503s, held requests (client timeouts) and dropped
 * connections, drawn from a seeded PRNG so that a run can be replayed; and rules that refuse the requests they match,
 * to fail one chosen record. Settable at runtime (control endpoint).
 */

/**
 * A targeted refusal: every request matching all of the rule's given conditions is answered with Dataverse's error
 * body for `status` and `code` (a plug-in refusing a record: 400, `0x80040265`), until the rule is removed. Inside a
 * `$batch` changeset the matching part fails and takes the changeset with it, as a plug-in's exception does.
 */
export interface FaultRule {
  /** Names the rule in the settings; unique among them. */
  id: string;
  /** The HTTP method, any case (`PATCH`). */
  method?: string;
  /** Part of the request's path, percent-decoded (`salesorders(sv_shopifyid='us_1001')`). */
  pathContains?: string;
  /** Part of the raw request body. */
  bodyContains?: string;
  status: number;
  /** Dataverse's own error code, e.g. `0x80040265` (ISV code aborted the operation). */
  code: string;
  message: string;
}

/** Added latency per request. */
export type LatencySpec =
  | { kind: 'none' }
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /** Exponential with the given mean: many fast answers, a long tail. */
  | { kind: 'exponential'; meanMs: number; maxMs?: number };

/** Fault settings; the rates are probabilities per request, checked in the order error, timeout, drop, lost answer. */
export interface FaultSettings {
  latency: LatencySpec;
  /** Share of requests answered 503 with Dataverse's error body. */
  errorRate: number;
  /** Share of requests held without an answer, then dropped (the client sees a timeout). */
  timeoutRate: number;
  /** How long a held request is held before its connection is dropped. Default 120 s (Dataverse's own timeout). */
  timeoutHoldMs: number;
  /** Share of requests whose connection is destroyed without an answer, before they run. */
  dropRate: number;
  /**
   * Share of requests that run, then lose their answer (the connection drops after the work is done): the case where a
   * client cannot know whether its write happened, so only an idempotent retry is safe.
   */
  lostAnswerRate: number;
  /** Seed of the PRNG; setting it restarts the sequence. */
  seed: number;
  /**
   * Makes each answer also wait for its modelled execution time times this factor (0: not at all, 1: as modelled),
   * so that benchmarks feel the cost of big batches and the concurrency limit binds as it would on a real org.
   */
  executionDelayFactor: number;
  /** Targeted refusals, checked on every request that passes the rates (each part of a `$batch` too). */
  rules: FaultRule[];
}

/** No faults at all. */
export const NO_FAULTS: FaultSettings = {
  latency: { kind: 'none' },
  errorRate: 0,
  timeoutRate: 0,
  timeoutHoldMs: 120_000,
  dropRate: 0,
  lostAnswerRate: 0,
  seed: 1,
  executionDelayFactor: 0,
  rules: [],
};

/** What the fault injector decided for one request. */
export interface FaultDecision {
  latencyMs: number;
  outcome: 'pass' | 'error' | 'timeout' | 'drop' | 'lost-answer';
}

/** Thrown by the gateway when the connection must be destroyed instead of answered; `server.ts` does that. */
export class DroppedConnection extends ConnectionDropped {
  override readonly name = 'DroppedConnection';

  constructor(reason: string) {
    super(`connection dropped by fault injection (${reason})`);
  }
}

/** The 503 body: Dataverse's generic unexpected-error code and message. */
export function serviceUnavailable(): SimResponse {
  return {
    status: 503,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
    body: JSON.stringify({ error: { code: '0x80040216', message: 'An unexpected error occurred.' } }),
  };
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Whether the request meets every condition the rule gives. */
export function ruleMatches(rule: FaultRule, request: Pick<SimRequest, 'method' | 'path' | 'body'>): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (rule.pathContains !== undefined && !decodedPath(request.path).includes(rule.pathContains)) return false;
  if (rule.bodyContains !== undefined && !request.body.includes(rule.bodyContains)) return false;
  return true;
}

/** The rule's answer: Dataverse's JSON error body with the rule's code and message. */
export function ruleRefusal(rule: FaultRule): SimResponse {
  return {
    status: rule.status,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
    body: JSON.stringify({ error: { code: rule.code, message: rule.message } }),
  };
}

/** Holds the settings and the PRNG. */
export class FaultInjector {
  private settings: FaultSettings;
  private random: () => number;

  constructor(settings: Partial<FaultSettings> = {}) {
    this.settings = { ...NO_FAULTS, ...settings };
    this.random = createPrng(this.settings.seed).next;
  }

  current(): FaultSettings {
    return { ...this.settings, rules: this.settings.rules.map((rule) => ({ ...rule })) };
  }

  /** Changes settings; a given seed restarts the PRNG. */
  set(settings: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...settings };
    if (settings.seed !== undefined) this.random = createPrng(settings.seed).next;
  }

  private latency(): number {
    const spec = this.settings.latency;
    switch (spec.kind) {
      case 'none':
        return 0;
      case 'fixed':
        return spec.ms;
      case 'uniform':
        return spec.minMs + this.random() * (spec.maxMs - spec.minMs);
      case 'exponential': {
        const sample = -Math.log(1 - this.random()) * spec.meanMs;
        return Math.min(sample, spec.maxMs ?? Number.POSITIVE_INFINITY);
      }
    }
  }

  /** Draws the latency and the outcome of one request. */
  decide(): FaultDecision {
    const latencyMs = Math.round(this.latency());
    const roll = this.random();
    const { errorRate, timeoutRate, dropRate, lostAnswerRate } = this.settings;
    if (roll < errorRate) return { latencyMs, outcome: 'error' };
    if (roll < errorRate + timeoutRate) return { latencyMs, outcome: 'timeout' };
    if (roll < errorRate + timeoutRate + dropRate) return { latencyMs, outcome: 'drop' };
    if (roll < errorRate + timeoutRate + dropRate + lostAnswerRate) return { latencyMs, outcome: 'lost-answer' };
    return { latencyMs, outcome: 'pass' };
  }

  /** The refusal of the first rule the request matches; undefined when none does (the request runs). */
  refusal(request: Pick<SimRequest, 'method' | 'path' | 'body'>): SimResponse | undefined {
    const rule = this.settings.rules.find((candidate) => ruleMatches(candidate, request));
    return rule && ruleRefusal(rule);
  }
}
