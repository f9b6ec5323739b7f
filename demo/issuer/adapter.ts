// oidc-provider storage in memory, one store per demo issuer, kept across key rotations (which
// rebuild the provider). Follows oidc-provider's adapter interface: models are keyed by name and id.
type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

interface Entry {
  payload: Payload;
  expiresAt: number;
}

export class MemoryStore {
  readonly #entries = new Map<string, Entry>();
  /** Secondary keys (grant members, user codes, session uids) to primary keys. */
  readonly #index = new Map<string, Set<string>>();

  get(key: string): Payload | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return entry?.payload;
  }

  set(key: string, payload: Payload, expiresInSeconds: number | undefined, secondary: string[]): void {
    this.delete(key);
    this.#entries.set(key, { payload, expiresAt: expiresInSeconds ? Date.now() + expiresInSeconds * 1000 : Infinity });
    for (const s of secondary) {
      const set = this.#index.get(s) ?? new Set<string>();
      set.add(key);
      this.#index.set(s, set);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
    for (const [s, keys] of this.#index) {
      keys.delete(key);
      if (keys.size === 0) this.#index.delete(s);
    }
  }

  /** Primary keys filed under a secondary key. */
  lookup(secondary: string): string[] {
    return [...(this.#index.get(secondary) ?? [])];
  }
}

/** The factory for oidc-provider's `adapter` setting. */
export function memoryAdapter(store: MemoryStore) {
  return (model: string) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id: string, payload: Payload, expiresIn?: number) {
        const secondary: string[] = [];
        if (payload.grantId) secondary.push(`grant:${payload.grantId}`);
        if (payload.userCode) secondary.push(`userCode:${payload.userCode}`);
        if (model === 'Session' && payload.uid) secondary.push(`sessionUid:${payload.uid}`);
        store.set(key(id), payload, expiresIn, secondary);
      },
      async find(id: string) {
        return store.get(key(id));
      },
      async findByUserCode(userCode: string) {
        const [k] = store.lookup(`userCode:${userCode}`);
        return k ? store.get(k) : undefined;
      },
      async findByUid(uid: string) {
        const [k] = store.lookup(`sessionUid:${uid}`);
        return k ? store.get(k) : undefined;
      },
      async consume(id: string) {
        const payload = store.get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id: string) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId: string) {
        for (const k of store.lookup(`grant:${grantId}`)) store.delete(k);
      },
    };
  };
}
