// Other users' metadata: user service v2 first, management v1 when v2 is not available
// (fallback.ts has the rule). The decision is kept in `state` and reported once.
import { ZitadelApiError } from './errors';
import { judge, unexpected, type CallContext } from './explain';
import { decisionFrom } from './fallback';
import { send, type Connection, type HttpAnswer, type HttpRequest } from './http';
import { collectPages } from './paging';
import { readV1Page, readV1Single, readV2Page, type Fail } from './parse';
import { keyFitsPath, mgmt, v2 } from './paths';
import { v1SearchBody } from './auth';
import { toFilterMethod, type ApiMetadataEntry, type ListOptions, type MetadataFilter, type MetadataInput, type UserApiVersion } from './types';
import { checkFilter, checkKey, checkKeys, checkPageSize, checkUserId, encodeInputs } from './validate';

export interface UserApiState {
  userApi?: UserApiVersion;
  orgId?: string;
  onUserApiDecided?(api: UserApiVersion): void;
}

export interface WriteResult {
  /** The API that did it. */
  api: UserApiVersion;
  /** setDate / deletionDate (v2) or details.changeDate (v1), when given. */
  date?: string;
}

type Calls<T> = {
  v2(): HttpRequest;
  readV2(json: Record<string, unknown>, fail: Fail): T;
  v1(): HttpRequest;
  readV1(json: Record<string, unknown>, fail: Fail): T;
};

/** One call through v2 or v1, deciding (and remembering) which API serves the instance. */
async function call<T>(connection: Connection, state: UserApiState, context: CallContext, calls: Calls<T>): Promise<T> {
  if (state.userApi !== 'v1') {
    const answer = await send(connection, calls.v2());
    const decision = decisionFrom(answer);
    if (decision && decision !== state.userApi) {
      state.userApi = decision;
      state.onUserApiDecided?.(decision);
    }
    if (decision !== 'v1') return read(answer, { ...context, orgId: undefined }, calls.readV2);
  }
  const request = calls.v1();
  if (state.orgId) request.headers = { ...request.headers, 'x-zitadel-orgid': state.orgId };
  return read(await send(connection, request), { ...context, orgId: state.orgId }, calls.readV1);
}

function read<T>(answer: HttpAnswer, context: CallContext, reader: (json: Record<string, unknown>, fail: Fail) => T): T {
  const json = judge(answer, context);
  return reader(json, (problem) => {
    throw unexpected(answer, context, problem);
  });
}

function v2SearchBody(offset: number, limit: number, filter: MetadataFilter): Record<string, unknown> {
  const body: Record<string, unknown> = { pagination: { offset, limit, asc: true } };
  if (filter.key !== undefined) body.filters = [{ keyFilter: { key: filter.key, method: toFilterMethod(filter.method ?? 'TEXT_QUERY_METHOD_EQUALS') } }];
  return body;
}

export async function listUserMetadata(connection: Connection, state: UserApiState, userId: string, options: ListOptions = {}): Promise<ApiMetadataEntry[]> {
  checkUserId(userId);
  const filter = checkFilter(options);
  const pageSize = checkPageSize(options.pageSize);
  const context: CallContext = { what: `Listing the metadata of user ${userId}`, permission: 'user.read', notFound: 'user', userId };
  const signal = options.signal;
  return collectPages(
    (offset, limit) =>
      call(connection, state, context, {
        v2: () => ({ method: 'POST', path: v2.search(userId), body: v2SearchBody(offset, limit, filter), signal, what: context.what }),
        readV2: readV2Page,
        v1: () => ({ method: 'POST', path: mgmt.search(userId), body: v1SearchBody(offset, limit, filter), signal, what: context.what }),
        readV1: readV1Page,
      }),
    pageSize,
    options.onPage,
  );
}

export async function getUserMetadata(connection: Connection, state: UserApiState, userId: string, key: string, signal?: AbortSignal): Promise<ApiMetadataEntry> {
  checkUserId(userId);
  checkKey(key);
  const context: CallContext = { what: `Reading metadata "${key}" of user ${userId}`, permission: 'user.read', notFound: 'key', userId, keys: [key] };
  const notFound = () => new ZitadelApiError('not-found', `${context.what} failed: user ${userId} has no metadata key "${key}".`, { notFound: 'key' });
  const exact = (entries: ApiMetadataEntry[]) => entries.find((e) => e.key === key);
  // v2 has no "get": a search for exactly this key. So has v1 for keys that cannot be a path segment.
  const searchBody = { key, method: 'TEXT_QUERY_METHOD_EQUALS' } as const;
  const found = await call<ApiMetadataEntry | undefined>(connection, state, context, {
    v2: () => ({ method: 'POST', path: v2.search(userId), body: v2SearchBody(0, 100, searchBody), signal, what: context.what }),
    readV2: (json, fail) => exact(readV2Page(json, fail).entries),
    v1: () =>
      keyFitsPath(key, 'GET')
        ? { method: 'GET', path: mgmt.key(userId, key), signal, what: context.what }
        : { method: 'POST', path: mgmt.search(userId), body: v1SearchBody(0, 100, searchBody), signal, what: context.what },
    readV1: (json, fail) => (keyFitsPath(key, 'GET') ? readV1Single(json, fail) : exact(readV1Page(json, fail).entries)),
  });
  if (!found) throw notFound();
  return found;
}

export async function setUserMetadata(connection: Connection, state: UserApiState, userId: string, entries: readonly MetadataInput[], signal?: AbortSignal): Promise<WriteResult> {
  checkUserId(userId);
  const encoded = encodeInputs(entries);
  const keys = encoded.map((e) => e.key);
  const context: CallContext = { what: `Setting metadata ${quoted(keys)} of user ${userId}`, permission: 'user.write', notFound: 'user', userId, keys };
  const metadata = encoded.map((e) => ({ key: e.key, value: e.base64 }));
  const single = encoded.length === 1 && keyFitsPath(encoded[0].key, 'POST');
  return call<WriteResult>(connection, state, context, {
    v2: () => ({ method: 'POST', path: v2.metadata(userId), body: { metadata }, signal, what: context.what }),
    readV2: (json) => ({ api: 'v2', date: stringOr(json.setDate) }),
    v1: () =>
      single
        ? { method: 'POST', path: mgmt.key(userId, encoded[0].key), body: { value: encoded[0].base64 }, signal, what: context.what }
        : { method: 'POST', path: mgmt.bulk(userId), body: { metadata }, signal, what: context.what },
    readV1: (json) => ({ api: 'v1', date: changeDate(json) }),
  });
}

export async function removeUserMetadata(connection: Connection, state: UserApiState, userId: string, keys: readonly string[], signal?: AbortSignal): Promise<WriteResult> {
  checkUserId(userId);
  const checked = checkKeys(keys);
  const context: CallContext = { what: `Removing metadata ${quoted(checked)} of user ${userId}`, permission: 'user.write', notFound: 'key', userId, keys: checked };
  const single = checked.length === 1 && keyFitsPath(checked[0], 'DELETE');
  return call<WriteResult>(connection, state, context, {
    v2: () => ({ method: 'DELETE', path: v2.metadata(userId), body: { keys: checked }, signal, what: context.what }),
    readV2: (json) => ({ api: 'v2', date: stringOr(json.deletionDate) }),
    v1: () =>
      single
        ? { method: 'DELETE', path: mgmt.key(userId, checked[0]), signal, what: context.what }
        : { method: 'DELETE', path: mgmt.bulk(userId), body: { keys: checked }, signal, what: context.what },
    readV1: (json) => ({ api: 'v1', date: changeDate(json) }),
  });
}

function quoted(keys: string[]): string {
  return keys.length <= 3 ? keys.map((k) => `"${k}"`).join(', ') : `${keys.slice(0, 3).map((k) => `"${k}"`).join(', ')} and ${keys.length - 3} more`;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function changeDate(json: Record<string, unknown>): string | undefined {
  const details = json.details;
  return typeof details === 'object' && details !== null ? stringOr((details as Record<string, unknown>).changeDate) : undefined;
}
