// Glewlwyd (Debian package `glewlwyd`, a C implementation) as an OpenID provider for the interop
// tests: its own SQLite database made from the schema Debian ships, configured only through its
// admin API (as its admin web app does), run in a child process on 127.0.0.1, optionally with a
// shifted clock. It matches redirect URIs exactly, port included, so clients get fixed ports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { freePort, requireFile, startChild } from './childProvider';
import type { InteropProvider, ProviderOptions } from './types';

const BINARY = '/usr/bin/glewlwyd';
const SCHEMA = '/usr/share/dbconfig-common/data/glewlwyd/install/sqlite3';
const MODULES = '/usr/lib/glewlwyd';
/** The administrator the Debian schema creates. */
const ADMIN = { username: 'admin', password: 'password' };
export const GLEWLWYD_USER = { username: 'interop', password: 'interop-password' };
const SCOPES = ['openid', 'profile', 'email', 'offline_access'];
/** With characters that client_secret_basic's form-encoding changes (RFC 6749 §2.3.1). */
const SECRET = 'c0nf+secret/with=chars';

export async function startGlewlwyd(options: ProviderOptions = {}): Promise<InteropProvider> {
  requireFile(BINARY, 'glewlwyd');
  const dir = mkdtempSync(join(tmpdir(), 'glewlwyd-'));
  const db = join(dir, 'glewlwyd.db');
  execFileSync('sqlite3', [db, `.read ${SCHEMA}`]);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = await startChild({
    name: 'glewlwyd',
    command: BINARY,
    args: ['-e'],
    clockOffsetSeconds: options.clockOffsetSeconds,
    env: {
      GLWD_PORT: String(port),
      GLWD_BIND_ADDRESS: '127.0.0.1',
      GLWD_EXTERNAL_URL: base,
      GLWD_DATABASE_TYPE: 'sqlite3',
      GLWD_DATABASE_SQLITE3_PATH: db,
      GLWD_COOKIE_SECURE: '0',
      GLWD_LOG_LEVEL: 'WARNING',
      GLWD_STATIC_FILES_PATH: '/usr/share/glewlwyd/webapp/',
      GLWD_USER_MODULE_PATH: `${MODULES}/user`,
      GLWD_USER_MIDDLEWARE_MODULE_PATH: `${MODULES}/user_middleware`,
      GLWD_CLIENT_MODULE_PATH: `${MODULES}/client`,
      GLWD_AUTH_SCHEME_MODULE_PATH: `${MODULES}/scheme`,
      GLWD_PLUGIN_MODULE_PATH: `${MODULES}/plugin`,
    },
    ready: async () => (await fetch(`${base}/config`)).ok,
  });
  try {
    const admin = new Session(base);
    await admin.login(ADMIN);
    return await configure(admin, base, child.stop, dir);
  } catch (e) {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`glewlwyd setup failed: ${(e as Error).message}\n${child.output()}`);
  }
}

/** A cookie-holding client of glewlwyd's JSON API (one session cookie). */
class Session {
  cookie = '';
  constructor(readonly base: string) {}

  async api(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('GLEWLWYD2_SESSION_ID='));
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  async ok(method: string, path: string, body?: unknown): Promise<void> {
    const res = await this.api(method, path, body);
    if (!res.ok) throw new Error(`${method} /api${path}: HTTP ${res.status} ${await res.text()}`);
  }

  login(user: { username: string; password: string }) {
    return this.ok('POST', '/auth/', user);
  }
}

async function configure(admin: Session, base: string, stop: () => Promise<void>, dir: string): Promise<InteropProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const plugin = 'oidc';
  const issuer = `${base}/api/${plugin}`;
  for (const name of SCOPES.filter((s) => s !== 'openid')) {
    await admin.ok('POST', '/scope/', { name, display_name: name, description: name, password_required: true, password_max_age: 0, scheme: {} });
  }
  await admin.ok('POST', '/mod/plugin/', {
    module: 'oidc',
    name: plugin,
    display_name: 'OpenID Connect',
    enabled: true,
    parameters: {
      iss: issuer,
      'jwt-type': 'ecdsa',
      'jwt-key-size': '256',
      key: await exportPKCS8(privateKey),
      cert: await exportSPKI(publicKey),
      'access-token-duration': 3600,
      'refresh-token-duration': 1209600,
      'code-duration': 600,
      'refresh-token-rolling': true,
      'refresh-token-one-use': 'always',
      'allow-non-oidc': false,
      'auth-type-code-enabled': true,
      'auth-type-token-enabled': false,
      'auth-type-id-token-enabled': false,
      'auth-type-none-enabled': false,
      'auth-type-password-enabled': false,
      'auth-type-client-enabled': true,
      'auth-type-device-enabled': true,
      'auth-type-refresh-enabled': true,
      scope: [],
      'additional-parameters': [],
      claims: [],
      'jwks-show': true,
      'secret-type': 'pairwise',
      'name-claim': 'on-demand',
      'email-claim': 'on-demand',
      'scope-claim': 'no',
      'allowed-scope': SCOPES,
      'pkce-allowed': true,
      'pkce-method-plain-allowed': false,
      'pkce-required': false,
      'pkce-required-public-client': true,
      'introspection-revocation-allowed': true,
      'introspection-revocation-auth-scope': [],
      'introspection-revocation-allow-target-client': true,
      'session-management-allowed': true,
      'session-cookie-name': 'GLEWLWYD2_OIDC_SID',
      'session-cookie-expiration': 2419200,
      'client-pubkey-parameter': '',
      'client-jwks-parameter': 'jwks',
      'client-jwks_uri-parameter': 'jwks_uri',
      'request-parameter-allow': false,
      'request-maximum-exp': 3600,
      'device-authorization-expiration': 600,
      'device-authorization-interval': 1,
      'oauth-as-iss-id': true,
    },
  });
  const user = { ...GLEWLWYD_USER };
  const redirectPort = await freePort();
  const redirectUri = `http://127.0.0.1:${redirectPort}/callback`;
  await admin.ok('POST', '/client/', { client_id: 'interop-public', name: 'Token Inspector (public)', enabled: true, confidential: false, redirect_uri: [redirectUri], authorization_type: ['code', 'refresh_token', 'device_authorization'], scope: SCOPES });
  await admin.ok('POST', '/client/', { client_id: 'interop-confidential', name: 'Token Inspector (confidential)', enabled: true, confidential: true, password: SECRET, token_endpoint_auth_method: ['client_secret_basic', 'client_secret_post'], redirect_uri: [redirectUri], authorization_type: ['code', 'refresh_token', 'client_credentials', 'device_authorization'], scope: SCOPES });
  await admin.ok('POST', '/user/', { username: user.username, password: user.password, name: 'Interop User', email: 'interop@example.test', enabled: true, scope: [...SCOPES, 'g_profile'] });
  return {
    name: 'glewlwyd',
    issuer,
    publicClient: 'interop-public',
    confidential: [
      { clientId: 'interop-confidential', clientSecret: SECRET, method: 'client_secret_basic' },
      { clientId: 'interop-confidential', clientSecret: SECRET, method: 'client_secret_post' },
    ],
    redirectPort,
    login: (url) => login(base, url, user),
    completeDevice: (url) => completeDevice(base, url, user),
    skips: {
      private_key_jwt: 'not in its discovery document (token_endpoint_auth_methods_supported)',
      endSession: 'it ends the session on its JavaScript login page (login.html), which needs a real browser',
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What glewlwyd's login page does: the authorization endpoint sends the browser to
 * login.html?callback_url=<the authorization request>; the page signs in and grants the scopes
 * through the JSON API, then goes back to callback_url with `g_continue`.
 */
async function login(base: string, authorizationUrl: string, user: { username: string; password: string }): Promise<URL> {
  const session = new Session(base);
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 6; step++) {
    const res = await fetch(url, { headers: session.cookie ? { cookie: session.cookie } : {}, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status !== 302 || !location) throw new Error(`glewlwyd login: HTTP ${res.status} at ${url.pathname} ${await res.text()}`);
    const next = new URL(location, url);
    if (next.origin !== base) return next;
    if (!next.pathname.endsWith('/login.html')) throw new Error(`glewlwyd login: unexpected redirect to ${next.href}`);
    const callback = next.searchParams.get('callback_url');
    const clientId = next.searchParams.get('client_id');
    if (!callback || !clientId) throw new Error(`glewlwyd login: no callback_url in ${next.href}`);
    if (!session.cookie) await session.login(user);
    await session.ok('PUT', `/auth/grant/${encodeURIComponent(clientId)}`, { scope: next.searchParams.get('scope') ?? '' });
    url = new URL(`${callback}${callback.includes('?') ? '&' : '?'}g_continue`);
  }
  throw new Error('glewlwyd login: too many steps');
}

/** The device verification page: the same login and grant, then glewlwyd shows the outcome on login.html. */
async function completeDevice(base: string, verificationUriComplete: string, user: { username: string; password: string }): Promise<void> {
  const session = new Session(base);
  await session.login(user);
  let url = new URL(verificationUriComplete);
  for (let step = 0; step < 6; step++) {
    const res = await fetch(url, { headers: { cookie: session.cookie }, redirect: 'manual' });
    const location = res.headers.get('location');
    if (!location) throw new Error(`glewlwyd device: HTTP ${res.status} at ${url.pathname} ${await res.text()}`);
    const next = new URL(location, url);
    const callback = next.searchParams.get('callback_url');
    const clientId = next.searchParams.get('client_id');
    if (callback && clientId) {
      await session.ok('PUT', `/auth/grant/${encodeURIComponent(clientId)}`, { scope: next.searchParams.get('scope') ?? '' });
      url = new URL(`${callback}${callback.includes('?') ? '&' : '?'}g_continue`);
      continue;
    }
    const outcome = next.searchParams.get('prompt') ?? next.search;
    if (/device(Complete|Success)/i.test(next.search)) return;
    throw new Error(`glewlwyd device: ended at ${next.pathname} (${outcome})`);
  }
  throw new Error('glewlwyd device: too many steps');
}
