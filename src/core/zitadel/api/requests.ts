// The requests the client sends, built in one place: the client sends them and "Copy as curl"
// prints them, so a command a user copies is exactly what the extension would have sent. Inputs
// are checked (validate.ts) before they get here.
import { buildRequest, pathProblem, ROUTES, type RouteRequest } from './routes';
import { toFilterMethod, type MetadataFilter } from './types';
import type { EncodedValue } from './validate';

/** Other users' calls have two forms: the user service v2, and management v1 for older instances. */
export interface UserRequests {
  v2: RouteRequest;
  v1: RouteRequest;
}

/** A search for exactly one key: how v2 (and v1 for keys a path cannot carry) reads one key. */
const exactly = (key: string): MetadataFilter => ({ key, method: 'TEXT_QUERY_METHOD_EQUALS' });

/** The v1 search body: 64-bit offset as a string, ascending by key. */
export function v1SearchBody(offset: number, limit: number, filter: MetadataFilter): Record<string, unknown> {
  const body: Record<string, unknown> = { query: { offset: String(offset), limit, asc: true } };
  if (filter.key !== undefined) body.queries = [{ keyQuery: { key: filter.key, method: filter.method ?? 'TEXT_QUERY_METHOD_EQUALS' } }];
  return body;
}

function v2SearchBody(offset: number, limit: number, filter: MetadataFilter): Record<string, unknown> {
  const body: Record<string, unknown> = { pagination: { offset, limit, asc: true } };
  if (filter.key !== undefined) body.filters = [{ keyFilter: { key: filter.key, method: toFilterMethod(filter.method ?? 'TEXT_QUERY_METHOD_EQUALS') } }];
  return body;
}

export function listMyMetadataRequest(offset: number, limit: number, filter: MetadataFilter): RouteRequest {
  return buildRequest(ROUTES.authList, {}, v1SearchBody(offset, limit, filter));
}

/** The signed-in user's key by path, or (a key no path can carry) a search for exactly it. */
export function getMyMetadataRequest(key: string): { request: RouteRequest; bySearch: boolean } {
  if (pathProblem(ROUTES.authGet, 'key', key)) return { request: listMyMetadataRequest(0, 100, exactly(key)), bySearch: true };
  return { request: buildRequest(ROUTES.authGet, { key }), bySearch: false };
}

export function listUserMetadataRequests(userId: string, offset: number, limit: number, filter: MetadataFilter): UserRequests {
  return {
    v2: buildRequest(ROUTES.v2List, { user_id: userId }, v2SearchBody(offset, limit, filter)),
    v1: buildRequest(ROUTES.mgmtList, { id: userId }, v1SearchBody(offset, limit, filter)),
  };
}

/** v2 has no "get": a search for exactly this key. So has v1 for keys that cannot be a path segment (`v1BySearch`). */
export function getUserMetadataRequests(userId: string, key: string): UserRequests & { v1BySearch: boolean } {
  const v1BySearch = pathProblem(ROUTES.mgmtGet, 'key', key) !== undefined;
  return {
    v2: buildRequest(ROUTES.v2List, { user_id: userId }, v2SearchBody(0, 100, exactly(key))),
    v1: v1BySearch ? buildRequest(ROUTES.mgmtList, { id: userId }, v1SearchBody(0, 100, exactly(key))) : buildRequest(ROUTES.mgmtGet, { id: userId, key }),
    v1BySearch,
  };
}

/** v2 sets any number at once; v1 sets one path-safe key by its path, else in bulk. */
export function setUserMetadataRequests(userId: string, encoded: readonly EncodedValue[]): UserRequests {
  const metadata = encoded.map((e) => ({ key: e.key, value: e.base64 }));
  const single = encoded.length === 1 && !pathProblem(ROUTES.mgmtSet, 'key', encoded[0].key);
  return {
    v2: buildRequest(ROUTES.v2Set, { user_id: userId }, { metadata }),
    v1: single ? buildRequest(ROUTES.mgmtSet, { id: userId, key: encoded[0].key }, { value: encoded[0].base64 }) : buildRequest(ROUTES.mgmtBulkSet, { id: userId }, { metadata }),
  };
}

/** v2 takes the keys in the query only (no body mapping: keys=a&keys=b); v1 removes one path-safe key by its path, else in bulk. */
export function removeUserMetadataRequests(userId: string, keys: readonly string[]): UserRequests {
  const single = keys.length === 1 && !pathProblem(ROUTES.mgmtRemove, 'key', keys[0]);
  return {
    v2: buildRequest(ROUTES.v2Delete, { user_id: userId }, { keys: [...keys] }),
    v1: single ? buildRequest(ROUTES.mgmtRemove, { id: userId, key: keys[0] }) : buildRequest(ROUTES.mgmtBulkRemove, { id: userId }, { keys: [...keys] }),
  };
}

export function findUserRequests(userId: string): UserRequests {
  return { v2: buildRequest(ROUTES.v2GetUser, { user_id: userId }), v1: buildRequest(ROUTES.mgmtGetUser, { id: userId }) };
}
