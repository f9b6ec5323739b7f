// Users and their metadata, in memory. Keys are kept sorted (code unit order, the v1 order) and by
// creation (the v2 order) so that paging through 10 000 keys does not sort on every request.

export type Permission = 'user.read' | 'user.write';

export interface StoredEntry {
  value: Buffer;
  creationDate: string;
  changeDate: string;
  sequence: number;
  /** The sequence when the key was created: orders entries created at the same instant. */
  createdAt: number;
}

export interface StoredUser {
  id: string;
  orgId: string;
  userName: string;
  creationDate: string;
  permissions: Permission[];
  entries: Map<string, StoredEntry>;
  sorted?: string[];
  byCreation?: string[];
}

export interface SearchFilter {
  key: string;
  /** TEXT_QUERY_METHOD_X or TEXT_FILTER_METHOD_X */
  method: string;
}

export class MetadataStore {
  readonly users = new Map<string, StoredUser>();
  sequence = 1000;

  addUser(id: string, orgId: string, permissions: Permission[], userName: string, now: Date): StoredUser {
    const user: StoredUser = { id, orgId, userName, creationDate: now.toISOString(), permissions, entries: new Map() };
    this.users.set(id, user);
    return user;
  }

  set(user: StoredUser, key: string, value: Uint8Array, now: Date): StoredEntry {
    const date = now.toISOString();
    const existing = user.entries.get(key);
    const sequence = ++this.sequence;
    const entry: StoredEntry = { value: Buffer.from(value), creationDate: existing?.creationDate ?? date, changeDate: date, sequence, createdAt: existing?.createdAt ?? sequence };
    if (!existing) user.sorted = user.byCreation = undefined;
    user.entries.set(key, entry);
    return entry;
  }

  remove(user: StoredUser, key: string): void {
    if (user.entries.delete(key)) user.sorted = user.byCreation = undefined;
    ++this.sequence;
  }

  /** v1 orders by key, v2 by creation date (then creation order); descending unless `asc`. */
  search(user: StoredUser, filters: SearchFilter[], offset: number, limit: number, asc: boolean, order: 'key' | 'creation'): { total: number; page: [string, StoredEntry][] } {
    let keys: string[];
    if (order === 'key') keys = user.sorted ??= [...user.entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    else keys = user.byCreation ??= [...user.entries].sort(([, a], [, b]) => a.createdAt - b.createdAt).map(([k]) => k);
    for (const filter of filters) keys = keys.filter(matcher(filter));
    const total = keys.length;
    const pick = asc ? keys.slice(offset, offset + limit) : [...keys].reverse().slice(offset, offset + limit);
    return { total, page: pick.map((k) => [k, user.entries.get(k)!]) };
  }
}

/** The eight text methods, as ZITADEL applies them to keys. */
export function matcher({ key, method }: SearchFilter): (candidate: string) => boolean {
  const name = method.replace(/^TEXT_(QUERY|FILTER)_METHOD_/, '');
  const fold = name.endsWith('_IGNORE_CASE');
  const q = fold ? key.toLowerCase() : key;
  const norm = (s: string) => (fold ? s.toLowerCase() : s);
  switch (name.replace(/_IGNORE_CASE$/, '')) {
    case 'EQUALS':
      return (c) => norm(c) === q;
    case 'STARTS_WITH':
      return (c) => norm(c).startsWith(q);
    case 'CONTAINS':
      return (c) => norm(c).includes(q);
    case 'ENDS_WITH':
      return (c) => norm(c).endsWith(q);
    default:
      throw new Error(`unknown text method ${method}`);
  }
}
