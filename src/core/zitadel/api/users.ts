// Other users' metadata: user service v2 first, management v1 when v2 is not available
// (fallback.ts has the rule). The decision is kept in `state` and reported when it changes.
// Keys that cannot travel in a URL path (routes.ts) go through the calls that carry them in the
// body or the query instead.
import * as l10n from '@vscode/l10n';
import { ZitadelApiError } from './errors';
import { judge, unexpected, type CallContext } from './explain';
import { decisionFrom } from './fallback';
import { send, type Connection, type HttpAnswer, type HttpRequest } from './http';
import { collectPages } from './paging';
import { readV1Page, readV1Single, readV2Page, type Fail } from './parse';
import { findUserRequests, getUserMetadataRequests, listUserMetadataRequests, removeUserMetadataRequests, setUserMetadataRequests } from './requests';
import type { RouteRequest } from './routes';
import type { ApiMetadataEntry, ListOptions, MetadataInput, UserApiVersion } from './types';
import { checkFilter, checkKey, checkKeys, checkPageSize, checkUserId, encodeInputs } from './validate';
import { isObject } from './explain';

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

/** What ZITADEL says about a user id (findUser). */
export type UserLookup =
  | { found: true; api: UserApiVersion; userId: string; orgId?: string; loginName?: string }
  /** Unknown, or (management v1) not in the organization looked in: `orgId`, or the caller's own. */
  | { found: false; api: UserApiVersion; orgId?: string };

type Calls<T> = {
  v2(): RouteRequest;
  readV2(json: Record<string, unknown>, fail: Fail): T;
  v1(): RouteRequest;
  readV1(json: Record<string, unknown>, fail: Fail): T;
};

/** One call through v2 or v1, deciding (and remembering) which API serves the instance. */
async function call<T>(connection: Connection, state: UserApiState, context: CallContext, calls: Calls<T>, signal: AbortSignal | undefined): Promise<T> {
  if (state.userApi !== 'v1') {
    const answer = await send(connection, { ...calls.v2(), signal, what: context.what });
    const decision = decisionFrom(answer);
    if (decision && decision !== state.userApi) {
      state.userApi = decision;
      state.onUserApiDecided?.(decision);
    }
    if (decision !== 'v1') return read(answer, { ...context, api: 'v2' }, calls.readV2);
  }
  const request: HttpRequest = { ...calls.v1(), signal, what: context.what };
  if (state.orgId) request.headers = { 'x-zitadel-orgid': state.orgId };
  return read(await send(connection, request), { ...context, api: 'v1', orgId: state.orgId }, calls.readV1);
}

function read<T>(answer: HttpAnswer, context: CallContext, reader: (json: Record<string, unknown>, fail: Fail) => T): T {
  const json = judge(answer, context);
  return reader(json, (problem) => {
    throw unexpected(answer, context, problem);
  });
}

export async function listUserMetadata(connection: Connection, state: UserApiState, userId: string, options: ListOptions = {}): Promise<ApiMetadataEntry[]> {
  checkUserId(userId);
  const filter = checkFilter(options);
  const pageSize = checkPageSize(options.pageSize);
  const context: CallContext = { what: l10n.t('Listing the metadata of user {0}', userId), permission: 'user.read', notFound: 'user', userId };
  return collectPages(
    (offset, limit) => {
      const requests = listUserMetadataRequests(userId, offset, limit, filter);
      return call(connection, state, context, { v2: () => requests.v2, readV2: readV2Page, v1: () => requests.v1, readV1: readV1Page }, options.signal);
    },
    pageSize,
    options.onPage,
  );
}

export async function getUserMetadata(connection: Connection, state: UserApiState, userId: string, key: string, signal?: AbortSignal): Promise<ApiMetadataEntry> {
  checkUserId(userId);
  checkKey(key);
  const context: CallContext = { what: l10n.t('Reading metadata "{0}" of user {1}', key, userId), permission: 'user.read', notFound: 'key', userId, keys: [key] };
  const exact = (entries: ApiMetadataEntry[]) => entries.find((e) => e.key === key);
  const requests = getUserMetadataRequests(userId, key);
  const found = await call<ApiMetadataEntry | undefined>(
    connection,
    state,
    context,
    {
      v2: () => requests.v2,
      readV2: (json, fail) => exact(readV2Page(json, fail).entries),
      v1: () => requests.v1,
      readV1: (json, fail) => (requests.v1BySearch ? exact(readV1Page(json, fail).entries) : readV1Single(json, fail)),
    },
    signal,
  );
  if (!found) throw new ZitadelApiError('not-found', l10n.t('{0} failed: user {1} has no metadata key "{2}".', context.what, userId, key), { notFound: 'key' });
  return found;
}

export async function setUserMetadata(connection: Connection, state: UserApiState, userId: string, entries: readonly MetadataInput[], signal?: AbortSignal): Promise<WriteResult> {
  checkUserId(userId);
  const encoded = encodeInputs(entries);
  const keys = encoded.map((e) => e.key);
  const context: CallContext = { what: l10n.t('Setting metadata {0} of user {1}', quoted(keys), userId), permission: 'user.write', notFound: 'user', userId, keys };
  const requests = setUserMetadataRequests(userId, encoded);
  return call<WriteResult>(
    connection,
    state,
    context,
    {
      v2: () => requests.v2,
      readV2: (json) => ({ api: 'v2', date: stringOr(json.setDate) }),
      v1: () => requests.v1,
      readV1: (json) => ({ api: 'v1', date: changeDate(json) }),
    },
    signal,
  );
}

/** Keys per v2 DELETE: they travel in the URL, which proxies commonly cap at 8 KiB. */
const MAX_QUERY_CHARACTERS = 6000;

export async function removeUserMetadata(connection: Connection, state: UserApiState, userId: string, keys: readonly string[], signal?: AbortSignal): Promise<WriteResult> {
  checkUserId(userId);
  const checked = checkKeys(keys);
  const what = (batch: string[]) => l10n.t('Removing metadata {0} of user {1}', quoted(batch), userId);
  const removed: string[] = [];
  let result: WriteResult | undefined;
  // Usually one request. A very long key list goes in several (v2 carries them in the URL), and a
  // failure on the way says which keys are already gone.
  for (const batch of batches(checked, state.userApi === 'v1' ? Infinity : MAX_QUERY_CHARACTERS)) {
    const context: CallContext = { what: what(batch), permission: 'user.write', notFound: 'key', userId, keys: batch };
    const requests = removeUserMetadataRequests(userId, batch);
    try {
      result = await call<WriteResult>(
        connection,
        state,
        context,
        {
          v2: () => requests.v2,
          readV2: (json) => ({ api: 'v2', date: stringOr(json.deletionDate) }),
          v1: () => requests.v1,
          readV1: (json) => ({ api: 'v1', date: changeDate(json) }),
        },
        signal,
      );
    } catch (err) {
      if (removed.length === 0 || !(err instanceof ZitadelApiError)) throw err;
      throw err.withMessage(`${err.message} ${l10n.t('Already removed before this failure: {0}.', quoted(removed))}`);
    }
    removed.push(...batch);
  }
  return result!;
}

/** The keys in runs whose percent-encoded query stays under `limit` characters. */
function batches(keys: string[], limit: number): string[][] {
  const out: string[][] = [[]];
  let length = 0;
  for (const key of keys) {
    const size = `keys=${encodeURIComponent(key)}&`.length;
    if (out[out.length - 1].length > 0 && length + size > limit) {
      out.push([]);
      length = 0;
    }
    out[out.length - 1].push(key);
    length += size;
  }
  return out;
}

/** Whether the user exists (in management v1: in the organization looked in), and what ZITADEL says about it. */
export async function findUser(connection: Connection, state: UserApiState, userId: string, signal?: AbortSignal): Promise<UserLookup> {
  checkUserId(userId);
  const context: CallContext = { what: l10n.t('Looking up user {0}', userId), permission: 'user.read', notFound: 'user', userId };
  const found = (api: UserApiVersion, user: unknown, fail: Fail, idField: 'userId' | 'id'): UserLookup => {
    if (!isObject(user) || typeof user[idField] !== 'string') fail(l10n.t('{0} is missing', `"user.${idField}"`));
    const details = isObject(user.details) ? user.details : {};
    return { found: true, api, userId: user[idField] as string, orgId: stringOr(details.resourceOwner), loginName: stringOr(user.preferredLoginName) };
  };
  try {
    return await call<UserLookup>(
      connection,
      state,
      context,
      {
        v2: () => findUserRequests(userId).v2,
        readV2: (json, fail) => found('v2', json.user, fail, 'userId'),
        v1: () => findUserRequests(userId).v1,
        readV1: (json, fail) => found('v1', json.user, fail, 'id'),
      },
      signal,
    );
  } catch (err) {
    if (err instanceof ZitadelApiError && err.code === 'not-found' && err.notFound === 'user') return { found: false, api: state.userApi ?? 'v2', orgId: state.userApi === 'v1' ? state.orgId : undefined };
    throw err;
  }
}

function quoted(keys: string[]): string {
  const shown = keys.slice(0, 3).map((k) => `"${k}"`).join(', ');
  return keys.length <= 3 ? shown : l10n.t('{0} and {1} more', shown, keys.length - 3);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function changeDate(json: Record<string, unknown>): string | undefined {
  return isObject(json.details) ? stringOr(json.details.changeDate) : undefined;
}
