// oidc-provider ships no types; the reference brings our declarations along into any program that imports this file
// (apps and e2e compile the sandbox from source with their own tsconfig).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./oidc-provider.d.ts" />
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * In-memory storage for one oidc-provider instance (one tenant). oidc-provider's own MemoryAdapter keeps a single
 * module-wide LRU shared by every provider in the process and warns on start; a simulator wants neither, so each
 * tenant gets its own maps. State is lost on restart, as a sandbox may: sign-ins and codes are short-lived.
 * Interface: docs/README.md "adapter" and lib/adapters/memory_adapter.js of oidc-provider 8.
 */
export class SimulatorStore {
  private readonly entries = new Map<string, Entry>();
  private readonly grants = new Map<string, string[]>();
  private readonly sessionsByUid = new Map<string, string>();
  private readonly byUserCode = new Map<string, string>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** The adapter factory oidc-provider's `adapter` option takes. */
  adapterFor = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const read = (id: string | undefined): AdapterPayload | undefined => {
      if (id === undefined) return undefined;
      const entry = this.entries.get(key(id));
      if (!entry) return undefined;
      if (entry.expiresAt <= this.clock()) {
        this.entries.delete(key(id));
        return undefined;
      }
      return entry.payload;
    };
    return {
      upsert: (id, payload, expiresIn) => {
        this.entries.set(key(id), { payload, expiresAt: this.clock() + expiresIn * 1000 });
        if (model === 'Session' && payload.uid) this.sessionsByUid.set(payload.uid, id);
        if (payload.userCode) this.byUserCode.set(payload.userCode, id);
        if (payload.grantId) {
          const tokens = this.grants.get(payload.grantId) ?? [];
          tokens.push(key(id));
          this.grants.set(payload.grantId, tokens);
        }
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(read(id)),
      findByUid: (uid) => Promise.resolve(read(this.sessionsByUid.get(uid))),
      findByUserCode: (userCode) => Promise.resolve(read(this.byUserCode.get(userCode))),
      consume: (id) => {
        const payload = read(id);
        // oidc-provider marks a redeemed code consumed, and refuses (and revokes the grant) on a second use.
        if (payload) payload.consumed = Math.floor(this.clock() / 1000);
        return Promise.resolve();
      },
      destroy: (id) => {
        this.entries.delete(key(id));
        return Promise.resolve();
      },
      revokeByGrantId: (grantId) => {
        for (const tokenKey of this.grants.get(grantId) ?? []) this.entries.delete(tokenKey);
        this.grants.delete(grantId);
        return Promise.resolve();
      },
    };
  };
}
