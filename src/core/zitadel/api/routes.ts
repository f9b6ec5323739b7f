// Every REST call the client makes, as ZITADEL's protos declare it (google.api.http): verb, path
// template with the service's base path, and where the other fields travel: in the JSON body
// (body "*") or as query parameters (body ""; ZITADEL ignores a body there). The order within a
// service is the protos' declaration order: ZITADEL's gateway tries the routes registered last
// first, so a later literal template shadows an earlier {key} one (POST .../metadata/_bulk is the
// bulk set, never a key "_bulk"). test/unit/zitadelApiRoutes.test.ts checks all of it against
// @zitadel/proto, and every request the client sends against the route it reaches.
import * as l10n from '@vscode/l10n';
import { validationError } from './errors';
import type { HttpMethod } from './types';
import { hasLoneSurrogate } from './validate';

export interface Route {
  /** "zitadel.user.v2.UserService/DeleteUserMetadata" */
  rpc: string;
  method: HttpMethod;
  template: string;
  body: '*' | '';
}

const route = (rpc: string, method: HttpMethod, template: string, body: '*' | ''): Route => ({ rpc, method, template, body });
const AUTH = 'zitadel.auth.v1.AuthService';
const MGMT = 'zitadel.management.v1.ManagementService';
const USERS = 'zitadel.user.v2.UserService';

export const ROUTES = {
  authList: route(`${AUTH}/ListMyMetadata`, 'POST', '/auth/v1/users/me/metadata/_search', '*'),
  authGet: route(`${AUTH}/GetMyMetadata`, 'GET', '/auth/v1/users/me/metadata/{key}', ''),
  mgmtGetUser: route(`${MGMT}/GetUserByID`, 'GET', '/management/v1/users/{id}', ''),
  mgmtSet: route(`${MGMT}/SetUserMetadata`, 'POST', '/management/v1/users/{id}/metadata/{key}', '*'),
  mgmtBulkSet: route(`${MGMT}/BulkSetUserMetadata`, 'POST', '/management/v1/users/{id}/metadata/_bulk', '*'),
  mgmtList: route(`${MGMT}/ListUserMetadata`, 'POST', '/management/v1/users/{id}/metadata/_search', '*'),
  mgmtGet: route(`${MGMT}/GetUserMetadata`, 'GET', '/management/v1/users/{id}/metadata/{key}', ''),
  mgmtRemove: route(`${MGMT}/RemoveUserMetadata`, 'DELETE', '/management/v1/users/{id}/metadata/{key}', ''),
  mgmtBulkRemove: route(`${MGMT}/BulkRemoveUserMetadata`, 'DELETE', '/management/v1/users/{id}/metadata/_bulk', '*'),
  v2GetUser: route(`${USERS}/GetUserByID`, 'GET', '/v2/users/{user_id}', ''),
  v2Set: route(`${USERS}/SetUserMetadata`, 'POST', '/v2/users/{user_id}/metadata', '*'),
  v2List: route(`${USERS}/ListUserMetadata`, 'POST', '/v2/users/{user_id}/metadata/search', '*'),
  v2Delete: route(`${USERS}/DeleteUserMetadata`, 'DELETE', '/v2/users/{user_id}/metadata', ''),
} as const;

const ALL = Object.values(ROUTES);

/**
 * Why `value` cannot be the {variable} of `route` as ZITADEL's gateway routes it, or undefined when
 * it can. The gateway percent-decodes the whole path before routing, so an encoded "/" still splits
 * it; "." and ".." are resolved as directory steps by URL parsers and proxies; and a literal of a
 * route registered later for the same verb takes precedence over the variable.
 */
export function pathProblem(route: Route, variable: string, value: string): string | undefined {
  if (value.includes('/')) return l10n.t('it contains "/", which ZITADEL decodes before routing, so the path would not match');
  if (value === '.' || value === '..') return l10n.t('"{0}" in a URL path means a directory step', value);
  if (hasLoneSurrogate(value)) return l10n.t('it contains a lone UTF-16 surrogate, which has no UTF-8 form');
  const segments = route.template.split('/');
  const at = segments.indexOf(`{${variable}}`);
  const service = route.rpc.split('/')[0];
  const later = ALL.slice(ALL.indexOf(route) + 1).filter((r) => r.method === route.method && r.rpc.startsWith(`${service}/`));
  for (const other of later) {
    const theirs = other.template.split('/');
    if (theirs.length === segments.length && theirs[at] === value && theirs.every((s, i) => i === at || s === segments[i] || s.startsWith('{'))) {
      return l10n.t('"{0}" is the name of another ZITADEL call at the same place', value);
    }
  }
  return undefined;
}

export interface RouteRequest {
  method: HttpMethod;
  /** Percent-encoded path and query. */
  path: string;
  body?: unknown;
}

/**
 * A request for `route`: path variables percent-encoded (refused with the reason when they cannot
 * travel in a path), `fields` as the JSON body or, for routes without a body mapping, as query
 * parameters (a list repeats its parameter: keys=a&keys=b).
 */
export function buildRequest(route: Route, params: Record<string, string>, fields?: Record<string, unknown>): RouteRequest {
  const path = route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} of ${route.rpc}`);
    const problem = pathProblem(route, name, value);
    if (problem) throw validationError(l10n.t('"{0}" cannot be sent to ZITADEL in a URL path: {1}.', value, problem));
    return encodeURIComponent(value);
  });
  if (route.body === '*') return { method: route.method, path, body: fields ?? {} };
  const query = Object.entries(fields ?? {}).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`));
  return { method: route.method, path: query.length ? `${path}?${query.join('&')}` : path };
}
