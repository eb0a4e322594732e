import { z } from 'zod';
import { json, type SimRequest, type SimResponse } from '../http/types';
import type { ExecutionTimeModel } from './execution-time';
import type { FaultInjector } from './faults';
import type { ServiceProtection } from './service-protection';
import type { GatewayStats } from './stats';

/**
 * The simulator's control endpoint, outside `/api/data/v9.2/` and served only on the simulator's own port: no
 * token, since it exists for tests and benchmarks on this machine.
 *
 * - `GET /_sim/stats`: requests, operations, 429s by limit, modelled execution time, per subject and in total.
 * - `GET|POST /_sim/faults`: read or change fault injection (partial FaultSettings). `rules` replaces every rule:
 *   `{ "rules": [{ "id": "refuse-1001", "method": "PATCH", "pathContains": "sv_shopifyid='us_1001'", "status": 400,
 *   "code": "0x80040265", "message": "…" }] }` refuses that order's write; `{ "rules": [] }` lets it through again.
 * - `GET|POST /_sim/limits`: read or change service protection limits and the execution-time model
 *   (`{ "requests": 100, "executionTime": { "createMs": 5 } }`).
 * - `POST /_sim/reset`: clear the counts and every caller's window.
 */
export const CONTROL_PREFIX = '/_sim/';

const latency = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('fixed'), ms: z.number().min(0) }),
  z.object({ kind: z.literal('uniform'), minMs: z.number().min(0), maxMs: z.number().min(0) }),
  z.object({ kind: z.literal('exponential'), meanMs: z.number().min(0), maxMs: z.number().min(0).optional() }),
]);

const rate = z.number().min(0).max(1);

const rule = z
  .object({
    id: z.string().min(1),
    method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).optional(),
    pathContains: z.string().min(1).optional(),
    bodyContains: z.string().min(1).optional(),
    status: z.number().int().min(400).max(599),
    code: z.string().regex(/^0x[0-9a-fA-F]{1,8}$/, 'a Dataverse error code is hexadecimal, e.g. 0x80040265'),
    message: z.string().min(1),
  })
  .strict()
  // A rule without a condition would refuse every request: the error rate says that more plainly.
  .refine((value) => value.method ?? value.pathContains ?? value.bodyContains, {
    message: 'a rule needs at least one of method, pathContains, bodyContains',
  });

const rules = z
  .array(rule)
  .refine((list) => new Set(list.map((value) => value.id)).size === list.length, { message: 'rule ids must differ' });

const faultsBody = z
  .object({
    latency: latency.optional(),
    errorRate: rate.optional(),
    timeoutRate: rate.optional(),
    timeoutHoldMs: z.number().int().min(0).optional(),
    dropRate: rate.optional(),
    lostAnswerRate: rate.optional(),
    seed: z.number().int().optional(),
    executionDelayFactor: z.number().min(0).optional(),
    rules: rules.optional(),
  })
  .strict();

const positive = z.number().positive();

const limitsBody = z
  .object({
    requests: z.number().int().positive().optional(),
    executionTimeMs: positive.optional(),
    concurrent: z.number().int().positive().optional(),
    windowMs: positive.optional(),
    executionTime: z
      .object({
        readByIdMs: positive.optional(),
        queryMs: positive.optional(),
        createMs: positive.optional(),
        updateMs: positive.optional(),
        deleteMs: positive.optional(),
        actionMs: positive.optional(),
        bulkRowRatio: positive.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** What the control endpoint works on. */
export interface ControlTargets {
  stats: GatewayStats;
  faults: FaultInjector;
  protection: ServiceProtection;
  executionTime: ExecutionTimeModel;
}

function parseBody<T>(
  schema: z.ZodType<T>,
  body: string,
): { ok: true; value: T } | { ok: false; response: SimResponse } {
  let raw: unknown;
  try {
    raw = body === '' ? {} : JSON.parse(body);
  } catch {
    return { ok: false, response: json(400, { error: 'The body is not JSON.' }) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: json(400, { error: z.prettifyError(parsed.error) }) };
  return { ok: true, value: parsed.data };
}

/** Handles a request under `/_sim/`. */
export function handleControl(request: SimRequest, targets: ControlTargets): SimResponse {
  const route = `${request.method} ${request.path.slice(CONTROL_PREFIX.length - 1)}`;
  switch (route) {
    case 'GET /stats':
      return json(200, targets.stats.snapshot());
    case 'POST /reset':
      targets.stats.reset();
      targets.protection.reset();
      return json(200, targets.stats.snapshot());
    case 'GET /faults':
      return json(200, targets.faults.current());
    case 'POST /faults': {
      const parsed = parseBody(faultsBody, request.body);
      if (!parsed.ok) return parsed.response;
      targets.faults.set(parsed.value);
      return json(200, targets.faults.current());
    }
    case 'GET /limits':
      return json(200, { ...targets.protection.currentLimits(), executionTime: targets.executionTime });
    case 'POST /limits': {
      const parsed = parseBody(limitsBody, request.body);
      if (!parsed.ok) return parsed.response;
      const { executionTime, ...limits } = parsed.value;
      targets.protection.setLimits(limits);
      Object.assign(targets.executionTime, executionTime ?? {});
      return json(200, { ...targets.protection.currentLimits(), executionTime: targets.executionTime });
    }
    default:
      return json(404, { error: `No control route ${request.method} ${request.path}.` });
  }
}
