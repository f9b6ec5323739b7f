// How ZITADEL's REST gateway (grpc-gateway v2, as internal/api/grpc/server/gateway.go configures
// it) picks the RPC for a request. Used by the contract server for its own routes and by the route
// test for the routes in ZITADEL's published protos, so both route the same way:
// - The whole path is percent-decoded BEFORE routing (the default "legacy" unescaping mode works on
//   Go's decoded URL.Path): "%2F" becomes "/", an extra segment, and the route no longer matches.
// - Each service has its own mux under its base path (/auth/v1, /management/v1; v2 services at /).
// - Templates match segment by segment: a literal exactly, a {variable} any one segment.
// - Among routes of the same verb the one registered LAST wins (ServeMux.Handle prepends), and
//   routes are registered in the order the service declares its RPCs: so POST .../metadata/_bulk
//   is BulkSetUserMetadata, not SetUserMetadata with the key "_bulk".
// - No route for the verb, but one for another verb: 405 {"code":12,"message":"Method Not Allowed"};
//   none at all: 404 {"code":5,"message":"Not Found"}.

export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface GatewayRoute {
  verb: Verb;
  /** Full template, base path included: /management/v1/users/{id}/metadata/{key} */
  template: string;
  /** The service's base path, e.g. /management/v1 ('' for services mounted at /). */
  basePath: string;
  /** Position among its service's RPCs (declaration order). */
  order: number;
}

export type Routed<R> =
  | { route: R; params: Record<string, string> }
  | { status: 400; reason: string }
  | { status: 404 }
  | { status: 405 };

/** The route a request reaches, with its path variables (decoded), or the gateway's refusal. */
export function routeRequest<R extends GatewayRoute>(routes: readonly R[], verb: string, rawPath: string): Routed<R> {
  let path: string;
  try {
    // Go's net/http decodes the path before any handler sees it; a bad escape never gets that far.
    path = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: `invalid URL escape in ${rawPath}` };
  }
  const mux = muxOf(routes, path);
  if (mux.length === 0) return { status: 404 };
  const matching = (r: R) => match(r.template, path);
  const sameVerb = mux.filter((r) => r.verb === verb).sort((a, b) => b.order - a.order);
  for (const route of sameVerb) {
    const params = matching(route);
    if (params) return { route, params };
  }
  return mux.some((r) => r.verb !== verb && matching(r)) ? { status: 405 } : { status: 404 };
}

/** The routes of the service whose base path is the longest prefix of `path`. */
function muxOf<R extends GatewayRoute>(routes: readonly R[], path: string): R[] {
  const prefixes = [...new Set(routes.map((r) => r.basePath))].filter((p) => p === '' || path === p || path.startsWith(`${p}/`));
  const longest = prefixes.sort((a, b) => b.length - a.length)[0];
  return longest === undefined ? [] : routes.filter((r) => r.basePath === longest);
}

function match(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const variable = /^\{(\w+)\}$/.exec(want[i])?.[1];
    if (variable) params[variable] = got[i];
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

/** The {variables} of a template, in order. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}
