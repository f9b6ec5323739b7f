// A strict fake of ZITADEL's metadata REST APIs (auth v1, management v1, user service v2) as its
// gateway serves them, on loopback, for tests and benchmarks. See README.md beside this file.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_METADATA, DEMO_USER } from '../../../demo/issuer/index';
import { ApiFailure, errorAnswer, failures } from './errors';
import { routeRequest } from './gateway';
import { createHandlers } from './handlers';
import { SERVED_ROUTES, type ServedRoute } from './routes';
import { read, readQuery, SchemaError } from './schema';
import { MetadataStore, type Permission } from './store';
import { TokenChecker, type PersonalAccessToken } from './tokens';

export type { Permission } from './store';
export type { PersonalAccessToken } from './tokens';
export { DEFAULT_LIMIT, MAX_ID, MAX_KEY, MAX_LIMIT, MAX_VALUE } from './handlers';

/** The demo user's org (demo/issuer/account.ts: urn:zitadel:iam:user:resourceowner:id). */
export const DEMO_ORG_ID = '170086363054473473';
const MAX_BODY = 16 * 1024 * 1024;

export interface ContractUser {
  id: string;
  orgId: string;
  /** Login name in GetUserByID answers. Default: the id. */
  userName?: string;
  /** Permissions when the user calls with a JWT access token. Default: none. */
  permissions?: Permission[];
  metadata?: Record<string, string | Uint8Array>;
}

/** What a proxy in front could do instead of ZITADEL: answer something else, or never answer. */
export type Fault = 'hang' | { status: number; contentType: string; body: string };

/**
 * How an instance without the user service v2 metadata routes answers /v2/…: 'json', a gateway
 * mounted at / without them (the v2/v3 lines: 404 {"code":5,"message":"Not Found"}), or 'text',
 * no gateway there at all (older instances: Go's plain "404 page not found").
 */
export type V2Missing = 'json' | 'text';

export interface ContractOptions {
  /** The demo issuer URL: JWT access tokens must come from it (its JWKS, `iss`). */
  issuer: string;
  /** Serve the user service v2 metadata routes (ZITADEL v4). Default true. */
  v2?: boolean;
  /** Without v2: how /v2/… answers. Default 'json'. */
  v2MissingAs?: V2Missing;
  pats?: PersonalAccessToken[];
  /** More users; the demo user (DEMO_USER.sub in DEMO_ORG_ID, DEMO_METADATA) is always there. */
  users?: ContractUser[];
  /** The demo user's permissions with its JWT. Default ['user.read', 'user.write']. */
  demoUserPermissions?: Permission[];
  /** Token failures as HTTP 401 (default) or as HTTP 500 "rpc error: code = Unauthenticated". */
  unauthenticatedStatus?: 401 | 500;
  fault?: Fault;
  /**
   * Answers at most this many entries per page whatever the limit asked (v2 reports it as
   * appliedLimit). ZITADEL itself refuses a limit over its configured maximum; this is the server
   * a client must not skip entries with: one whose pages are shorter than asked.
   */
  pageCap?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as received (percent-encoded). */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  /** The answer's status; undefined while unanswered. */
  status?: number;
  /** The RPC the gateway routed it to, e.g. "zitadel.user.v2.UserService/DeleteUserMetadata". */
  rpc?: string;
}

export interface ContractServer {
  url: string;
  requests: RecordedRequest[];
  /** Sets entries of a user (string = UTF-8 text). For seeding: 10 000 keys take a few ms. */
  setMetadata(userId: string, entries: Record<string, string | Uint8Array> | Iterable<[string, string | Uint8Array]>): void;
  /** A user's metadata as stored (bytes), sorted by key. */
  metadataOf(userId: string): Map<string, Buffer>;
  addUser(user: ContractUser): void;
  /** Turns the v2 metadata routes on or off (an upgrade or downgrade of the instance). */
  setV2(enabled: boolean, missingAs?: V2Missing): void;
  setUnauthenticatedStatus(status: 401 | 500): void;
  /** Moves the server's clock (for token expiry). */
  setClockOffset(seconds: number): void;
  setFault(fault: Fault | undefined): void;
  stop(): Promise<void>;
}

export async function startZitadelApi(options: ContractOptions): Promise<ContractServer> {
  const store = new MetadataStore();
  const pats = [...(options.pats ?? [])];
  let v2 = options.v2 ?? true;
  let v2MissingAs = options.v2MissingAs ?? 'json';
  let unauthenticatedStatus = options.unauthenticatedStatus ?? 401;
  let clockOffset = 0;
  let fault = options.fault;
  const now = () => new Date(Date.now() + clockOffset * 1000);
  const tokens = new TokenChecker(options.issuer.replace(/\/+$/, ''), () => pats, now, () => unauthenticatedStatus);
  const handlers = createHandlers(store, now, options.pageCap);
  const requests: RecordedRequest[] = [];

  const addUser = (u: ContractUser) => {
    const user = store.addUser(u.id, u.orgId, u.permissions ?? [], u.userName ?? u.id, now());
    for (const [k, v] of Object.entries(u.metadata ?? {})) store.set(user, k, bytesOf(v), now());
  };
  addUser({ id: DEMO_USER.sub, orgId: DEMO_ORG_ID, userName: DEMO_USER.username, permissions: options.demoUserPermissions ?? ['user.read', 'user.write'], metadata: { ...DEMO_METADATA } });
  for (const u of options.users ?? []) addUser(u);

  const server = createServer((req, res) => {
    const record: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: flatHeaders(req), body: '' };
    requests.push(record);
    readBody(req)
      .then(async (body) => {
        record.body = body ?? '';
        if (fault === 'hang') return; // never answers; stop() closes the socket
        if (fault) return answer(res, record, fault.status, fault.contentType, fault.body);
        if (body === undefined) return answer(res, record, 413, 'text/plain; charset=utf-8', 'request body too large');
        await serve(req, res, record, body);
      })
      .catch((err: unknown) => {
        if (!res.headersSent) answer(res, record, 500, 'text/plain; charset=utf-8', `contract server bug: ${String(err)}`);
      });
  });

  async function serve(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, body: string): Promise<void> {
    const url = req.url ?? '/';
    const at = url.indexOf('?');
    const path = at < 0 ? url : url.slice(0, at);
    const query = at < 0 ? '' : url.slice(at + 1);
    const fail = (failure: ApiFailure) => {
      const { status, body: errorBody } = errorAnswer(failure);
      answer(res, record, status, 'application/json', errorBody);
    };
    // An older instance has no gateway under /v2 at all: Go's router answers in plain text.
    if (!v2 && v2MissingAs === 'text' && !/^\/(auth|management)\/v1\//.test(path)) return answer(res, record, 404, 'text/plain; charset=utf-8', '404 page not found\n');
    const routed = routeRequest(SERVED_ROUTES.filter((r) => v2 || !r.v2), req.method ?? '', path);
    if ('status' in routed) {
      if (routed.status === 400) return answer(res, record, 400, 'text/plain; charset=utf-8', '400 Bad Request');
      return fail(routed.status === 405 ? failures.methodNotAllowed() : failures.routeNotFound());
    }
    const { route, params } = routed;
    record.rpc = route.rpc;
    try {
      const fields = readFields(route, body, query);
      const caller = await tokens.check(req.headers.authorization);
      const result = handlers[route.name]({ caller, fields, params, orgHeader: route.basePath === '/management/v1' ? header(req, 'x-zitadel-orgid') : undefined });
      answer(res, record, 200, 'application/json', JSON.stringify(result));
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      fail(err);
    }
  }

  /** The fields outside the path: the JSON body of a body:"*" route, else the query (any body is ignored, as by ZITADEL). */
  function readFields(route: ServedRoute, body: string, query: string): Record<string, unknown> {
    try {
      if (route.body === '') return readQuery(parseQuery(query), route.fields);
      if (query !== '') throw new SchemaError('this call takes its fields in the body, not as query parameters');
      let json: unknown;
      try {
        json = JSON.parse(body === '' ? '{}' : body);
      } catch (err) {
        throw new SchemaError(`proto: syntax error: ${(err as Error).message}`);
      }
      return read(json, route.fields, 'body') as Record<string, unknown>;
    } catch (err) {
      if (err instanceof SchemaError) throw failures.badRequest(err.message);
      throw err;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMetadata(userId, entries) {
      const user = store.users.get(userId);
      if (!user) throw new Error(`contract server: no user ${userId}`);
      const list = Symbol.iterator in entries ? entries : Object.entries(entries);
      const date = now();
      for (const [k, v] of list as Iterable<[string, string | Uint8Array]>) store.set(user, k, bytesOf(v), date);
    },
    metadataOf(userId) {
      const user = store.users.get(userId);
      if (!user) throw new Error(`contract server: no user ${userId}`);
      return new Map([...user.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, e]) => [k, e.value]));
    },
    addUser,
    setV2(enabled, missingAs) {
      v2 = enabled;
      if (missingAs) v2MissingAs = missingAs;
    },
    setUnauthenticatedStatus: (status) => void (unauthenticatedStatus = status),
    setClockOffset: (seconds) => void (clockOffset = seconds),
    setFault: (f) => void (fault = f),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

/** Go's url.ParseQuery: "+" is a space, a ";" or a bad escape is an error (the gateway answers 400). */
function parseQuery(query: string): [string, string][] {
  if (query === '') return [];
  if (query.includes(';')) throw new SchemaError('invalid semicolon separator in query');
  return query.split('&').filter((p) => p !== '').map((pair) => {
    const at = pair.indexOf('=');
    const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    try {
      return [decodeURIComponent(name.replace(/\+/g, ' ')), decodeURIComponent(value.replace(/\+/g, ' '))];
    } catch {
      throw new SchemaError(`invalid URL escape in query parameter ${name}`);
    }
  });
}

function bytesOf(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}


function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, record: RecordedRequest, status: number, contentType: string, body: string): void {
  record.status = status;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(body);
}
