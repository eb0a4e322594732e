import { randomUUID } from 'node:crypto';
import type { DataverseOrgCore } from '../../dataverse/org-core';
import type { SimHandler, SimRequest, SimResponse } from '../../http/types';
import type { TokenVerifier } from '../../entra/token-verifier';

/**
 * Fakes for the gateway's own tests: an in-memory org that implements the `DataverseOrgCore` interface with just
 * enough of the Web API for the documented `$batch` examples (create, read, navigation collection, update, delete),
 * and a token verifier. The real core lives in `../dataverse/`; these only let the gateway be tested on its own.
 */

type Row = Record<string, unknown>;

/** Which entity sets the fake knows, their primary key and the length limits it validates. */
export interface FakeOrgSchema {
  sets: Record<string, { entity: string; key: string; maxLengths?: Record<string, number> }>;
  /** Collection navigation properties: `Account_Tasks` -> rows of `tasks` bound to the account via `regardingobjectid`. */
  navigations?: Record<string, { set: string; lookup: string }>;
}

/** The schema of the mslearn `$batch` examples: tasks regarding accounts, subject at most 200 characters. */
export const BATCH_EXAMPLE_SCHEMA: FakeOrgSchema = {
  sets: {
    accounts: { entity: 'account', key: 'accountid', maxLengths: { name: 160 } },
    contacts: { entity: 'contact', key: 'contactid', maxLengths: { firstname: 50, lastname: 50 } },
    leads: { entity: 'lead', key: 'leadid' },
    tasks: { entity: 'task', key: 'activityid', maxLengths: { subject: 200 } },
  },
  navigations: { Account_Tasks: { set: 'tasks', lookup: 'regardingobjectid' } },
};

const JSON_HEADERS = { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' };

function error(status: number, code: string, message: string): SimResponse {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify({ error: { code, message } }) };
}

/** The in-memory fake org. `rows` is exposed so that tests can see what was committed. */
export class FakeOrgCore implements DataverseOrgCore {
  readonly rows = new Map<string, Map<string, Row>>();
  private version = 1000;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly schema: FakeOrgSchema = BATCH_EXAMPLE_SCHEMA,
  ) {
    for (const set of Object.keys(schema.sets)) this.rows.set(set, new Map());
  }

  /** Serialises work as the interface promises. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Requests received by `handle` so far. */
  received = 0;
  /** While set, `handle` waits for it before answering (lets a test keep requests in flight). */
  hold: Promise<void> | undefined;

  handle: SimHandler = async (request) => {
    this.received += 1;
    if (this.hold) await this.hold;
    return this.serial(() => Promise.resolve(this.apply(request)));
  };

  atomically<T>(fn: (handle: SimHandler) => Promise<{ commit: boolean; value: T }>): Promise<T> {
    return this.serial(async () => {
      const saved = new Map([...this.rows].map(([set, rows]) => [set, new Map(rows)]));
      const restore = (): void => {
        for (const [set, rows] of saved) this.rows.set(set, rows);
      };
      try {
        const outcome = await fn((request) => Promise.resolve(this.apply(request)));
        if (!outcome.commit) restore();
        return outcome.value;
      } catch (thrown) {
        restore();
        throw thrown;
      }
    });
  }

  private entityUrl(origin: string, set: string, id: string): string {
    return `${origin}/api/data/v9.2/${set}(${id})`;
  }

  /** `accounts(<id>)` or an absolute URL ending so -> [set, id]. */
  private parseReference(value: string): [string, string] | undefined {
    const match = /([A-Za-z_]+)\(([0-9a-f-]{36})\)$/.exec(value);
    return match?.[1] && match[2] ? [match[1], match[2]] : undefined;
  }

  private writeFields(set: string, row: Row, body: Row): SimResponse | undefined {
    const meta = this.schema.sets[set];
    for (const [field, value] of Object.entries(body)) {
      const max = meta?.maxLengths?.[field];
      if (max !== undefined && typeof value === 'string' && value.length > max) {
        return error(
          400,
          '0x80044331',
          `A validation error occurred.  The length of the '${field}' attribute of the '${meta?.entity}' entity exceeded the maximum allowed length of '${max}'.`,
        );
      }
      const bind = /^(.+?)(?:_[a-z]+_[a-z]+)?@odata\.bind$/.exec(field);
      if (bind?.[1] && typeof value === 'string') {
        const target = this.parseReference(value);
        if (!target || !this.rows.get(target[0])?.has(target[1])) {
          return error(400, '0x80040217', `Entity with Id = ${value} Does Not Exist`);
        }
        row[`_${bind[1]}_value`] = target[1];
        continue;
      }
      row[field] = value;
    }
    row['@odata.etag'] = `W/"${(this.version += 3)}"`;
    return undefined;
  }

  private apply(request: SimRequest): SimResponse {
    const rest = decodeURIComponent(request.path.replace(/^\/api\/data\/v9\.2\//, ''));
    const match = /^([A-Za-z_]+)(?:\(([0-9a-f-]{36})\))?(?:\/([A-Za-z_]+))?$/.exec(rest);
    const set = match?.[1];
    const table = set === undefined ? undefined : this.rows.get(set);
    if (!match || set === undefined || !table) {
      return error(404, '0x8006088a', `Resource not found for the segment '${rest.split(/[(/]/)[0]}'.`);
    }
    const id = match[2];
    const property = match[3];
    const body = request.body === '' ? {} : (JSON.parse(request.body) as Row);
    const key = this.schema.sets[set]?.key ?? 'id';
    if (request.method === 'POST' && id === undefined) {
      const newId = randomUUID();
      const row: Row = { [key]: newId };
      const problem = this.writeFields(set, row, body);
      if (problem) return problem;
      table.set(newId, row);
      const url = this.entityUrl(request.origin, set, newId);
      return { status: 204, headers: { 'OData-Version': '4.0', Location: url, 'OData-EntityId': url }, body: '' };
    }
    const row = id === undefined ? undefined : table.get(id);
    if (id !== undefined && !row)
      return error(404, '0x80040217', `${this.schema.sets[set]?.entity} With Id = ${id} Does Not Exist`);
    if (request.method === 'GET' && row && property !== undefined) {
      const navigation = this.schema.navigations?.[property];
      if (!navigation) return error(400, '0x0', `Unknown property '${property}'.`);
      const select = request.query.get('$select')?.split(',') ?? [];
      const navKey = this.schema.sets[navigation.set]?.key ?? 'id';
      const value = [...(this.rows.get(navigation.set)?.values() ?? [])]
        .filter((candidate) => candidate[`_${navigation.lookup}_value`] === id)
        .map((candidate) => ({
          '@odata.etag': candidate['@odata.etag'],
          ...Object.fromEntries(select.map((column) => [column, candidate[column] ?? null])),
          [navKey]: candidate[navKey],
        }));
      const context = `${request.origin}/api/data/v9.2/$metadata#${navigation.set}(${select.join(',')})`;
      return {
        status: 200,
        headers: {
          'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true',
          'OData-Version': '4.0',
        },
        body: JSON.stringify({ '@odata.context': context, value }),
      };
    }
    if (request.method === 'GET' && row) {
      return { status: 200, headers: { ...JSON_HEADERS }, body: JSON.stringify(row) };
    }
    if ((request.method === 'PATCH' || request.method === 'PUT') && row && id !== undefined) {
      const problem = this.writeFields(set, row, property === undefined ? body : { [property]: body.value });
      if (problem) return problem;
      const url = this.entityUrl(request.origin, set, id);
      const headers: Record<string, string> = { 'OData-Version': '4.0' };
      if (property === undefined) Object.assign(headers, { Location: url, 'OData-EntityId': url });
      return { status: 204, headers, body: '' };
    }
    if (request.method === 'DELETE' && id !== undefined) {
      table.delete(id);
      return { status: 204, headers: { 'OData-Version': '4.0' }, body: '' };
    }
    return error(405, '0x0', `The fake org does not support ${request.method} ${request.path}.`);
  }
}

/** A fake Entra: a token `subject@audience` is valid for that audience and identifies that subject. */
export const fakeVerifyToken: TokenVerifier = (token, audience) => {
  const at = token.indexOf('@');
  if (at <= 0) return Promise.resolve({ ok: false, reason: 'the token is malformed' });
  if (token.slice(at + 1) !== audience) return Promise.resolve({ ok: false, reason: 'the audience is not this org' });
  return Promise.resolve({ ok: true, subject: token.slice(0, at), claims: { aud: audience } });
};
