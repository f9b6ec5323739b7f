// A strict fake of ZITADEL's documented metadata REST contract (auth v1, management v1, user
// service v2) on loopback, for tests and benchmarks. See README.md beside this file.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_METADATA, DEMO_USER } from '../../../demo/issuer/index';
import { ApiFailure, errorAnswer, failures, type ApiFlavour } from './errors';
import { read, SchemaError, schemas, type Spec } from './schema';
import { MetadataStore, type Permission, type SearchFilter, type StoredUser } from './store';
import { TokenChecker, type Caller, type PersonalAccessToken } from './tokens';

export type { Permission } from './store';
export type { PersonalAccessToken } from './tokens';

/** The demo user's org (demo/issuer/account.ts: urn:zitadel:iam:user:resourceowner:id). */
export const DEMO_ORG_ID = '170086363054473473';
export const MAX_KEY = 200;
export const MAX_VALUE = 500_000;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const MAX_BODY = 16 * 1024 * 1024;

export interface ContractUser {
  id: string;
  orgId: string;
  /** Permissions when the user calls with a JWT access token. Default: none. */
  permissions?: Permission[];
  metadata?: Record<string, string | Uint8Array>;
}

/** What a proxy in front could do instead of ZITADEL: answer something else, or never answer. */
export type Fault = 'hang' | { status: number; contentType: string; body: string };

export interface ContractOptions {
  /** The demo issuer URL: JWT access tokens must come from it (its JWKS, `iss`). */
  issuer: string;
  /** Serve user service v2. Default true; false answers /v2/* like an older ZITADEL. */
  v2?: boolean;
  /** How a missing v2 answers: 'text' (default, 404 "404 page not found"), 'grpc-gateway' (404 {"code":5,"message":"Not Found"}), 'html' (404 page). */
  v2MissingAs?: 'text' | 'grpc-gateway' | 'html';
  pats?: PersonalAccessToken[];
  /** More users; the demo user (DEMO_USER.sub in DEMO_ORG_ID, DEMO_METADATA) is always there. */
  users?: ContractUser[];
  /** The demo user's permissions with its JWT. Default ['user.read', 'user.write']. */
  demoUserPermissions?: Permission[];
  /** Token failures as HTTP 401 (default) or as HTTP 500 "rpc error: code = Unauthenticated". */
  unauthenticatedStatus?: 401 | 500;
  fault?: Fault;
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
}

export interface ContractServer {
  url: string;
  requests: RecordedRequest[];
  /** Sets entries of a user (string = UTF-8 text). For seeding: 10 000 keys take a few ms. */
  setMetadata(userId: string, entries: Record<string, string | Uint8Array> | Iterable<[string, string | Uint8Array]>): void;
  /** A user's metadata as stored (bytes), sorted by key. */
  metadataOf(userId: string): Map<string, Buffer>;
  addUser(user: ContractUser): void;
  setV2(enabled: boolean): void;
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
  let unauthenticatedStatus = options.unauthenticatedStatus ?? 401;
  let clockOffset = 0;
  let fault = options.fault;
  const now = () => new Date(Date.now() + clockOffset * 1000);
  const tokens = new TokenChecker(options.issuer.replace(/\/+$/, ''), () => pats, now, () => unauthenticatedStatus);
  const requests: RecordedRequest[] = [];

  const addUser = (u: ContractUser) => {
    const user = store.addUser(u.id, u.orgId, u.permissions ?? []);
    for (const [k, v] of Object.entries(u.metadata ?? {})) store.set(user, k, bytesOf(v), now());
  };
  addUser({ id: DEMO_USER.sub, orgId: DEMO_ORG_ID, permissions: options.demoUserPermissions ?? ['user.read', 'user.write'], metadata: { ...DEMO_METADATA } });
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
        await route(req, res, record, body);
      })
      .catch((err: unknown) => {
        if (!res.headersSent) answer(res, record, 500, 'text/plain; charset=utf-8', `contract server bug: ${String(err)}`);
      });
  });

  async function route(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, body: string): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const raw = path.split('/').slice(1);
    let parts: string[];
    try {
      parts = raw.map(decodeURIComponent);
    } catch {
      return answer(res, record, 400, 'text/plain; charset=utf-8', 'bad path encoding');
    }
    const method = req.method ?? '';
    const match = matchRoute(parts, method);
    if (!match) return answer(res, record, 404, 'text/plain; charset=utf-8', '404 page not found\n');
    if (match.flavour === 'v2' && !v2) {
      const as = options.v2MissingAs ?? 'text';
      if (as === 'grpc-gateway') return answer(res, record, 404, 'application/json', JSON.stringify({ code: 5, message: 'Not Found', details: [] }));
      if (as === 'html') return answer(res, record, 404, 'text/html; charset=utf-8', '<!doctype html><html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>');
      return answer(res, record, 404, 'text/plain; charset=utf-8', '404 page not found\n');
    }
    if (!match.handler) {
      const failure = new ApiFailure('unimplemented', undefined, 'Method Not Allowed');
      const { body: errorBody } = errorAnswer(match.flavour, failure);
      return answer(res, record, 405, 'application/json', errorBody);
    }
    try {
      const parsed = parseBody(body, match.handler.body);
      const caller = await tokens.check(req.headers.authorization);
      const result = await match.handler.run({ caller, body: parsed, params: match.params, orgHeader: header(req, 'x-zitadel-orgid') });
      answer(res, record, 200, 'application/json', JSON.stringify(result));
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      const { status, body: errorBody } = errorAnswer(match.flavour, err);
      answer(res, record, status, 'application/json', errorBody);
    }
  }

  interface Call {
    caller: Caller;
    body: Record<string, unknown> | undefined;
    params: string[];
    orgHeader: string | undefined;
  }
  interface Handler {
    /** undefined: the request must have no body. */
    body?: Spec;
    run(call: Call): Promise<unknown> | unknown;
  }

  function parseBody(text: string, spec: Spec | undefined): Record<string, unknown> | undefined {
    if (!spec) {
      if (text.length > 0) throw failures.badRequest('this call takes no request body');
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text === '' ? '{}' : text);
    } catch (err) {
      throw failures.badRequest(`proto: syntax error: ${(err as Error).message}`);
    }
    try {
      return read(json, spec, 'body') as Record<string, unknown>;
    } catch (err) {
      if (err instanceof SchemaError) throw failures.badRequest(err.message);
      throw err;
    }
  }

  // ---- checks shared by the handlers

  function callerUser(caller: Caller): StoredUser {
    const user = store.users.get(caller.userId);
    if (!user) throw new ApiFailure('unauthenticated', 'CONTRACT-usr401', 'User of the token not found');
    return user;
  }

  function permit(caller: Caller, permission: Permission): void {
    const granted = caller.permissions ?? callerUser(caller).permissions;
    if (!granted.includes(permission)) throw failures.permissionDenied();
  }

  /** v1 management: the user must belong to the org of x-zitadel-orgid (default: the caller's). */
  function v1Target(call: Call, permission: Permission): StoredUser {
    permit(call.caller, permission);
    const org = call.orgHeader ?? callerUser(call.caller).orgId;
    const user = store.users.get(call.params[0]);
    if (!user || user.orgId !== org) throw failures.userNotFound();
    return user;
  }

  /** v2: users are addressed by id alone; the permission is checked on the user's org. */
  function v2Target(call: Call, permission: Permission): StoredUser {
    permit(call.caller, permission);
    const user = store.users.get(call.params[0]);
    if (!user) throw failures.userNotFound();
    return user;
  }

  function checkKey(key: string, field: string): void {
    const n = [...key].length;
    if (n < 1 || n > MAX_KEY) throw failures.badRequest(`invalid ${field}: value length must be between 1 and ${MAX_KEY} runes, inclusive`);
  }

  function checkValue(value: Buffer, field: string): void {
    if (value.length < 1 || value.length > MAX_VALUE) throw failures.badRequest(`invalid ${field}: value length must be between 1 and ${MAX_VALUE} bytes, inclusive`);
  }

  function limitOf(limit: unknown): number {
    const n = typeof limit === 'number' && limit > 0 ? limit : DEFAULT_LIMIT;
    if (n > MAX_LIMIT) throw failures.badRequest(`limit ${n} exceeds the maximum of ${MAX_LIMIT}`);
    return n;
  }

  function details(user: StoredUser, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { sequence: String(store.sequence), changeDate: now().toISOString(), resourceOwner: user.orgId, ...extra };
  }

  // ---- v1 search / get (auth for "me", management for others)

  function v1Search(user: StoredUser, body: Record<string, unknown> | undefined): unknown {
    const query = (body?.query ?? {}) as { offset?: number; limit?: number; asc?: boolean };
    const filters: SearchFilter[] = ((body?.queries ?? []) as { keyQuery: { key: string; method?: string } }[]).map(({ keyQuery }) => {
      checkKey(keyQuery.key, 'MetadataKeyQuery.Key');
      return { key: keyQuery.key, method: keyQuery.method ?? 'TEXT_QUERY_METHOD_EQUALS' };
    });
    const { total, page } = store.search(user, filters, query.offset ?? 0, limitOf(query.limit), query.asc ?? false);
    const out: Record<string, unknown> = { details: omitZero({ totalResult: String(total), processedSequence: String(store.sequence), viewTimestamp: now().toISOString() }) };
    if (page.length) {
      out.result = page.map(([key, e]) => ({
        details: { sequence: String(e.sequence), creationDate: e.creationDate, changeDate: e.changeDate, resourceOwner: user.orgId },
        key,
        value: e.value.toString('base64'),
      }));
    }
    return out;
  }

  function v1Get(user: StoredUser, key: string): unknown {
    const e = user.entries.get(key);
    if (!e) throw failures.metadataNotFound();
    return { metadata: { details: { sequence: String(e.sequence), creationDate: e.creationDate, changeDate: e.changeDate, resourceOwner: user.orgId }, key, value: e.value.toString('base64') } };
  }

  function removeAll(user: StoredUser, keys: string[]): void {
    for (const key of keys) checkKey(key, 'keys');
    if (keys.some((k) => !user.entries.has(k))) throw failures.metadataNotFound();
    for (const key of keys) store.remove(user, key);
  }

  function setAll(user: StoredUser, entries: { key: string; value: Buffer }[]): void {
    entries.forEach((e, i) => {
      checkKey(e.key, `metadata[${i}].key`);
      checkValue(e.value, `metadata[${i}].value`);
    });
    for (const e of entries) store.set(user, e.key, e.value, now());
  }

  type Route = { flavour: ApiFlavour; params: string[]; handler?: Handler };
  const methodOf = (handlers: Partial<Record<string, Handler>>, method: string) => handlers[method];

  function matchRoute(p: string[], method: string): Route | undefined {
    const at = (...prefix: string[]) => prefix.every((s, i) => p[i] === s);
    // POST /auth/v1/users/me/metadata/_search, GET /auth/v1/users/me/metadata/{key}
    if (p.length === 6 && at('auth', 'v1', 'users', 'me', 'metadata')) {
      const key = p[5];
      if (key === '_search') {
        return { flavour: 'v1', params: [], handler: methodOf({ POST: { body: schemas.v1Search, run: (c) => v1Search(callerUser(c.caller), c.body) } }, method) };
      }
      return { flavour: 'v1', params: [key], handler: methodOf({ GET: { run: (c) => (checkKey(key, 'key'), v1Get(callerUser(c.caller), key)) } }, method) };
    }
    // /management/v1/users/{id}/metadata/{_search|_bulk|key}
    if (p.length === 6 && at('management', 'v1', 'users') && p[4] === 'metadata' && p[3] !== '') {
      const [, , , id, , last] = p;
      if (last === '_search') {
        return { flavour: 'v1', params: [id], handler: methodOf({ POST: { body: schemas.v1Search, run: (c) => v1Search(v1Target(c, 'user.read'), c.body) } }, method) };
      }
      if (last === '_bulk') {
        return {
          flavour: 'v1',
          params: [id],
          handler: methodOf(
            {
              POST: { body: schemas.v1BulkSet, run: (c) => { const u = v1Target(c, 'user.write'); setAll(u, c.body!.metadata as { key: string; value: Buffer }[]); return { details: details(u) }; } },
              DELETE: { body: schemas.v1BulkRemove, run: (c) => { const u = v1Target(c, 'user.write'); removeAll(u, c.body!.keys as string[]); return { details: details(u) }; } },
            },
            method,
          ),
        };
      }
      return {
        flavour: 'v1',
        params: [id, last],
        handler: methodOf(
          {
            GET: { run: (c) => { const u = v1Target(c, 'user.read'); checkKey(last, 'key'); return v1Get(u, last); } },
            POST: { body: schemas.v1Set, run: (c) => { const u = v1Target(c, 'user.write'); setAll(u, [{ key: last, value: c.body!.value as Buffer }]); return { details: details(u) }; } },
            DELETE: { run: (c) => { const u = v1Target(c, 'user.write'); removeAll(u, [last]); return { details: details(u) }; } },
          },
          method,
        ),
      };
    }
    // /v2/users/{id}/metadata and /v2/users/{id}/metadata/search
    if (at('v2', 'users') && p[3] === 'metadata' && p[2] !== '' && (p.length === 4 || (p.length === 5 && p[4] === 'search'))) {
      const id = p[2];
      if (p.length === 5) {
        return {
          flavour: 'v2',
          params: [id],
          handler: methodOf({ POST: { body: schemas.v2Search, run: (c) => v2Search(v2Target(c, 'user.read'), c.body) } }, method),
        };
      }
      return {
        flavour: 'v2',
        params: [id],
        handler: methodOf(
          {
            POST: { body: schemas.v2Set, run: (c) => { const u = v2Target(c, 'user.write'); setAll(u, c.body!.metadata as { key: string; value: Buffer }[]); return { setDate: now().toISOString() }; } },
            DELETE: { body: schemas.v2Delete, run: (c) => { const u = v2Target(c, 'user.write'); removeAll(u, c.body!.keys as string[]); return { deletionDate: now().toISOString() }; } },
          },
          method,
        ),
      };
    }
    return undefined;
  }

  function v2Search(user: StoredUser, body: Record<string, unknown> | undefined): unknown {
    const pagination = (body?.pagination ?? {}) as { offset?: number; limit?: number; asc?: boolean };
    const filters: SearchFilter[] = ((body?.filters ?? []) as { keyFilter: { key: string; method?: string } }[]).map(({ keyFilter }) => {
      checkKey(keyFilter.key, 'MetadataKeyFilter.Key');
      return { key: keyFilter.key, method: keyFilter.method ?? 'TEXT_FILTER_METHOD_EQUALS' };
    });
    const limit = limitOf(pagination.limit);
    const { total, page } = store.search(user, filters, pagination.offset ?? 0, limit, pagination.asc ?? false);
    const out: Record<string, unknown> = { pagination: omitZero({ totalResult: String(total), appliedLimit: String(limit) }) };
    if (page.length) out.metadata = page.map(([key, e]) => ({ creationDate: e.creationDate, changeDate: e.changeDate, key, value: e.value.toString('base64') }));
    return out;
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
    setV2: (enabled) => void (v2 = enabled),
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

function bytesOf(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}

function omitZero(fields: Record<string, string>): Record<string, string> {
  // protobuf JSON leaves out zero values: totalResult "0" is not sent.
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '0'));
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
