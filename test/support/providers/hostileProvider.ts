// A tiny OpenID provider on 127.0.0.1 whose every answer the test chooses: discovery (with
// endpoints left out or methods changed), device authorization, token, userinfo, the
// authorization endpoint's status. For the error branches no stock provider reaches. Every
// request is recorded (method, path, headers, form body) so a test can check what was sent.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export interface HostileRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

export interface HostileAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as text/plain (when json is absent). */
  text?: string;
}

export type HostileRoute = (request: HostileRequest) => HostileAnswer | Promise<HostileAnswer>;

export interface HostileProvider {
  issuer: string;
  /** Every request received, in order. */
  requests: HostileRequest[];
  /** Answers by path (/device, /token, /userinfo, /authorize, ...); change them at will. */
  routes: Record<string, HostileRoute>;
  /** An ID token signed (RS256 unless asked for ES256) with a key the provider publishes at /jwks. */
  idToken(claims: JWTPayload, alg?: 'RS256' | 'ES256'): Promise<string>;
  stop(): Promise<void>;
}

/** One RS256 and one ES256 key for every hostile provider of the run (generating them per test is slow). */
let signingKeys: Promise<Record<'RS256' | 'ES256', { privateKey: CryptoKey; jwk: Record<string, unknown> }>> | undefined;
async function makeSigningKey(alg: 'RS256' | 'ES256') {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: `hostile-${alg}`, alg, use: 'sig' } };
}
async function makeSigningKeys() {
  return { RS256: await makeSigningKey('RS256'), ES256: await makeSigningKey('ES256') };
}

/** `metadata` is merged over the defaults; a key set to undefined is left out of the document. */
/** `sendDate: false` leaves out the Date header of every answer (the provider's clock cannot be measured). */
export async function startHostileProvider(options: { metadata?: (issuer: string) => Record<string, unknown>; sendDate?: boolean } = {}): Promise<HostileProvider> {
  const keys = await (signingKeys ??= makeSigningKeys());
  const requests: HostileRequest[] = [];
  const routes: Record<string, HostileRoute> = {};
  let issuer = '';

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', issuer);
        const request: HostileRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) };
        requests.push(request);
        let answer: HostileAnswer;
        if (url.pathname === '/.well-known/openid-configuration') answer = { json: document() };
        else if (url.pathname === '/jwks') answer = { json: { keys: [keys.RS256.jwk, keys.ES256.jwk] } };
        else if (routes[url.pathname]) answer = await routes[url.pathname](request);
        else answer = { status: 404, json: { error: 'not_found' } };
        const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? '');
        const type = answer.json !== undefined ? 'application/json' : 'text/plain';
        res.sendDate = options.sendDate ?? true;
        res.writeHead(answer.status ?? 200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...answer.headers });
        res.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function document(): Record<string, unknown> {
    const merged: Record<string, unknown> = {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      device_authorization_endpoint: `${issuer}/device`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'],
      ...options.metadata?.(issuer),
    };
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
    return merged;
  }

  return {
    get issuer() {
      return issuer;
    },
    requests,
    routes,
    idToken: (claims, alg = 'RS256') => new SignJWT(claims).setProtectedHeader({ alg, kid: `hostile-${alg}` }).sign(keys[alg].privateKey),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
