// What each served RPC does once the gateway has routed it and the token is checked: ZITADEL's
// permission check, its field validation (the protos' validate rules), then its query or command,
// with ZITADEL's errors (errors.ts) and answers in protobuf JSON (zero values left out).
import { failures } from './errors';
import type { RouteName } from './routes';
import type { MetadataStore, Permission, SearchFilter, StoredEntry, StoredUser } from './store';
import type { Caller } from './tokens';

export const MAX_KEY = 200;
export const MAX_VALUE = 500_000;
export const MAX_ID = 200;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface Call {
  caller: Caller;
  /** The body (body "*" routes) or the query parameters, read by the route's schema. */
  fields: Record<string, unknown>;
  /** Path variables, decoded. */
  params: Record<string, string>;
  /** x-zitadel-orgid (management v1 only). */
  orgHeader: string | undefined;
}

type Entry = { key: string; value: Buffer };

/** `pageCap`: at most this many entries per page, whatever the limit asked (see ContractOptions). */
export function createHandlers(store: MetadataStore, now: () => Date, pageCap = MAX_LIMIT): Record<RouteName, (call: Call) => unknown> {
  function callerUser(caller: Caller): StoredUser {
    const user = store.users.get(caller.userId);
    if (!user) throw failures.invalidToken();
    return user;
  }

  function permit(caller: Caller, permission: Permission): void {
    const granted = caller.permissions ?? callerUser(caller).permissions;
    if (!granted.includes(permission)) throw failures.permissionDenied();
  }

  /** Management v1 sees the users of one org: x-zitadel-orgid, else the caller's. */
  function v1User(call: Call, id: string): StoredUser | undefined {
    const org = call.orgHeader ?? callerUser(call.caller).orgId;
    const user = store.users.get(id);
    return user && user.orgId === org ? user : undefined;
  }

  function checkLength(value: string, field: string, max: number): void {
    const n = [...value].length;
    if (n < 1 || n > max) throw failures.badRequest(`invalid ${field}: value length must be between 1 and ${max} runes, inclusive`);
  }

  function checkEntries(entries: Entry[], message: string): void {
    entries.forEach((e, i) => {
      checkLength(e.key, `${message}.Metadata[${i}].Key`, MAX_KEY);
      if (e.value.length < 1 || e.value.length > MAX_VALUE) throw failures.badRequest(`invalid ${message}.Metadata[${i}].Value: value length must be between 1 and ${MAX_VALUE} bytes, inclusive`);
    });
  }

  function limitOf(limit: unknown): number {
    const n = typeof limit === 'number' && limit > 0 ? limit : DEFAULT_LIMIT;
    if (n > MAX_LIMIT) throw failures.badRequest(`limit ${n} exceeds the maximum of ${MAX_LIMIT}`);
    return Math.min(n, pageCap);
  }

  const details = (user: StoredUser) => ({ sequence: String(store.sequence), changeDate: now().toISOString(), resourceOwner: user.orgId });
  const entryDetails = (user: StoredUser, e: StoredEntry) => ({ sequence: String(e.sequence), creationDate: e.creationDate, changeDate: e.changeDate, resourceOwner: user.orgId });

  function setAll(user: StoredUser, entries: Entry[]): void {
    for (const e of entries) store.set(user, e.key, e.value, now());
  }

  /** BulkRemoveUserMetadata: every key must exist, else nothing is removed. */
  function removeAll(user: StoredUser, keys: string[]): void {
    if (keys.some((k) => !user.entries.has(k))) throw failures.metadataKeysNotFound();
    for (const key of keys) store.remove(user, key);
  }

  function v1Search(user: StoredUser | undefined, fields: Record<string, unknown>): unknown {
    const query = (fields.query ?? {}) as { offset?: number; limit?: number; asc?: boolean };
    const filters = ((fields.queries ?? []) as { keyQuery: { key: string; method?: string } }[]).map(({ keyQuery }) => keyFilter(keyQuery, 'MetadataKeyQuery.Key', 'TEXT_QUERY_METHOD_EQUALS'));
    const limit = limitOf(query.limit);
    const out: Record<string, unknown> = {};
    const listDetails: Record<string, string> = { processedSequence: String(store.sequence), viewTimestamp: now().toISOString() };
    if (user) {
      const { total, page } = store.search(user, filters, query.offset ?? 0, limit, query.asc ?? false, 'key');
      if (total) listDetails.totalResult = String(total);
      if (page.length) out.result = page.map(([key, e]) => ({ details: entryDetails(user, e), key, value: e.value.toString('base64') }));
    }
    return { details: listDetails, ...out };
  }

  function v2Search(user: StoredUser | undefined, fields: Record<string, unknown>): unknown {
    const pagination = (fields.pagination ?? {}) as { offset?: number; limit?: number; asc?: boolean };
    const filters = ((fields.filters ?? []) as { keyFilter: { key: string; method?: string } }[]).map((f) => keyFilter(f.keyFilter, 'MetadataKeyFilter.Key', 'TEXT_FILTER_METHOD_EQUALS'));
    const limit = limitOf(pagination.limit);
    const page = user ? store.search(user, filters, pagination.offset ?? 0, limit, pagination.asc ?? false, 'creation') : { total: 0, page: [] };
    const paging: Record<string, string> = { appliedLimit: String(limit) };
    if (page.total) paging.totalResult = String(page.total);
    const out: Record<string, unknown> = { pagination: paging };
    if (page.page.length) out.metadata = page.page.map(([key, e]) => ({ creationDate: e.creationDate, changeDate: e.changeDate, key, value: e.value.toString('base64') }));
    return out;
  }

  function keyFilter(q: { key: string; method?: string }, field: string, defaultMethod: string): SearchFilter {
    if ([...q.key].length > MAX_KEY) throw failures.badRequest(`invalid ${field}: value length must be at most ${MAX_KEY} runes`);
    return { key: q.key, method: q.method ?? defaultMethod };
  }

  function v1UserView(user: StoredUser) {
    return {
      id: user.id,
      details: { sequence: String(store.sequence), creationDate: user.creationDate, changeDate: user.creationDate, resourceOwner: user.orgId },
      state: 'USER_STATE_ACTIVE',
      userName: user.userName,
      loginNames: [user.userName],
      preferredLoginName: user.userName,
      human: { profile: { displayName: user.userName } },
    };
  }

  function v2UserView(user: StoredUser) {
    const objectDetails = { sequence: String(store.sequence), changeDate: user.creationDate, resourceOwner: user.orgId, creationDate: user.creationDate };
    return {
      details: objectDetails,
      user: { userId: user.id, details: objectDetails, state: 'USER_STATE_ACTIVE', username: user.userName, loginNames: [user.userName], preferredLoginName: user.userName, human: { profile: { displayName: user.userName } } },
    };
  }

  /** ZITADEL's BulkSetUserMetadata command, behind management v1 _bulk and v2 SetUserMetadata. */
  function bulkSet(c: Call, message: string, idName: string, find: (userId: string) => StoredUser | undefined): StoredUser {
    permit(c.caller, 'user.write');
    const userId = id(c, idName, message);
    const entries = (c.fields.metadata ?? []) as Entry[];
    checkEntries(entries, message);
    if (entries.length === 0) throw failures.metadataListEmpty();
    const user = find(userId);
    if (!user) throw failures.userNotFoundForCommand();
    setAll(user, entries);
    return user;
  }

  /** ZITADEL's BulkRemoveUserMetadata command, behind management v1 _bulk and v2 DeleteUserMetadata. */
  function bulkRemove(c: Call, message: string, idName: string, find: (userId: string) => StoredUser | undefined): StoredUser {
    permit(c.caller, 'user.write');
    const userId = id(c, idName, message);
    const keys = (c.fields.keys ?? []) as string[];
    keys.forEach((k, i) => checkLength(k, `${message}.Keys[${i}]`, MAX_KEY));
    if (keys.length === 0) throw failures.metadataListEmpty();
    const user = find(userId);
    if (!user) throw failures.userNotFoundForCommand();
    removeAll(user, keys);
    return user;
  }

  const id = (call: Call, name: string, message: string) => {
    const value = call.params[name];
    checkLength(value, `${message}.${name === 'user_id' ? 'UserId' : 'Id'}`, MAX_ID);
    return value;
  };

  return {
    authList: (c) => v1Search(callerUser(c.caller), c.fields),
    authGet: (c) => {
      checkLength(c.params.key, 'GetMyMetadataRequest.Key', MAX_KEY);
      const user = callerUser(c.caller);
      const e = user.entries.get(c.params.key);
      if (!e) throw failures.metadataNotFound();
      return { metadata: { details: entryDetails(user, e), key: c.params.key, value: e.value.toString('base64') } };
    },
    mgmtGetUser: (c) => {
      permit(c.caller, 'user.read');
      const user = v1User(c, id(c, 'id', 'GetUserByIDRequest'));
      if (!user) throw failures.userNotFound();
      return { user: v1UserView(user) };
    },
    mgmtSet: (c) => {
      permit(c.caller, 'user.write');
      const userId = id(c, 'id', 'SetUserMetadataRequest');
      checkLength(c.params.key, 'SetUserMetadataRequest.Key', MAX_KEY);
      const value = c.fields.value as Buffer;
      if (value.length < 1 || value.length > MAX_VALUE) throw failures.badRequest(`invalid SetUserMetadataRequest.Value: value length must be between 1 and ${MAX_VALUE} bytes, inclusive`);
      const user = v1User(c, userId);
      if (!user) throw failures.userNotFoundForCommand();
      setAll(user, [{ key: c.params.key, value }]);
      return { details: details(user) };
    },
    mgmtBulkSet: (c) => ({ details: details(bulkSet(c, 'BulkSetUserMetadataRequest', 'id', (userId) => v1User(c, userId))) }),
    mgmtList: (c) => {
      permit(c.caller, 'user.read');
      // Scoped to the org: a user of another org lists as empty, not as an error.
      return v1Search(v1User(c, id(c, 'id', 'ListUserMetadataRequest')), c.fields);
    },
    mgmtGet: (c) => {
      permit(c.caller, 'user.read');
      const userId = id(c, 'id', 'GetUserMetadataRequest');
      checkLength(c.params.key, 'GetUserMetadataRequest.Key', MAX_KEY);
      const user = v1User(c, userId);
      const e = user?.entries.get(c.params.key);
      if (!user || !e) throw failures.metadataNotFound();
      return { metadata: { details: entryDetails(user, e), key: c.params.key, value: e.value.toString('base64') } };
    },
    mgmtRemove: (c) => {
      permit(c.caller, 'user.write');
      const userId = id(c, 'id', 'RemoveUserMetadataRequest');
      checkLength(c.params.key, 'RemoveUserMetadataRequest.Key', MAX_KEY);
      const user = v1User(c, userId);
      if (!user) throw failures.userNotFoundForCommand();
      if (!user.entries.has(c.params.key)) throw failures.metadataKeyNotFound();
      store.remove(user, c.params.key);
      return { details: details(user) };
    },
    mgmtBulkRemove: (c) => ({ details: details(bulkRemove(c, 'BulkRemoveUserMetadataRequest', 'id', (userId) => v1User(c, userId))) }),
    v2GetUser: (c) => {
      permit(c.caller, 'user.read');
      const user = store.users.get(id(c, 'user_id', 'GetUserByIDRequest'));
      if (!user) throw failures.userNotFound();
      return v2UserView(user);
    },
    v2Set: (c) => {
      bulkSet(c, 'SetUserMetadataRequest', 'user_id', (userId) => store.users.get(userId));
      return { setDate: now().toISOString() };
    },
    v2List: (c) => {
      permit(c.caller, 'user.read');
      // Users are addressed by id alone; an unknown one lists as empty.
      return v2Search(store.users.get(id(c, 'user_id', 'ListUserMetadataRequest')), c.fields);
    },
    v2Delete: (c) => {
      bulkRemove(c, 'DeleteUserMetadataRequest', 'user_id', (userId) => store.users.get(userId));
      return { deletionDate: now().toISOString() };
    },
  };
}
