// The demo issuer (demo/issuer): a real oidc-provider on loopback, driven over HTTP. No mocks.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { DEMO_PROJECT_ID, startDemoIssuer, ZITADEL_API_PROJECT_ID, type DemoIssuer } from '../../demo/issuer';
import { completeDeviceLogin, loginThroughProvider } from '../support/providerLogin';

const METADATA_SCOPE = 'urn:zitadel:iam:user:metadata';
const RESOURCEOWNER_SCOPE = 'urn:zitadel:iam:user:resourceowner';
const ROLES_SCOPE = 'urn:zitadel:iam:org:projects:roles';
const ZITADEL_AUD_SCOPE = 'urn:zitadel:iam:org:project:id:zitadel:aud';

const EXPECTED_METADATA = {
  'P-ID': 'MTIzNTE5ODM', // 12351983
  ContractNumber: 'MTIzNA', // 1234
  settings: 'eyJ0aGVtZSI6ImRhcmsiLCJiZXRhIjp0cnVlfQ', // {"theme":"dark","beta":true}
  avatarHash: '_wAQgA', // ff 00 10 80
};
const EXPECTED_ROLES = {
  reader: { '170086363054473473': 'demo-customer.b2b-demo-rbxajm.zitadel.cloud', '190957560872829185': 'demo-customer2.b2b-demo-rbxajm.zitadel.cloud' },
  'support:read': { '170086363054473473': 'demo-customer.b2b-demo-rbxajm.zitadel.cloud' },
};
const EXPECTED_RESOURCEOWNER = {
  'urn:zitadel:iam:user:resourceowner:id': '170086363054473473',
  'urn:zitadel:iam:user:resourceowner:name': 'demo-customer',
  'urn:zitadel:iam:user:resourceowner:primary_domain': 'demo-customer.b2b-demo-rbxajm.zitadel.cloud',
};
const EXPECTED_PROFILE = {
  name: 'Demo User',
  given_name: 'Demo',
  family_name: 'User',
  preferred_username: 'demo',
  locale: 'en',
  updated_at: 1658329554,
};
const EXPECTED_EMAIL = { email: 'demo.user@demo-customer.example', email_verified: true };

const random = () => randomBytes(16).toString('base64url');

interface Discovery {
  [key: string]: unknown;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  revocation_endpoint: string;
  end_session_endpoint: string;
  device_authorization_endpoint: string;
}

interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
}

const discover = async (issuer: DemoIssuer) => json<Discovery>(await fetch(`${issuer.issuer}/.well-known/openid-configuration`));
const jwks = async (issuer: DemoIssuer) => json<JSONWebKeySet>(await fetch((await discover(issuer)).jwks_uri));

/** An authorization request with PKCE S256, state and nonce. */
/** As a compliant client asks: offline_access together with prompt=consent (OIDC Core §11), unless `consent` is false. */
async function authorizationRequest(issuer: DemoIssuer, scope: string, redirectUri = 'http://127.0.0.1:49152/callback', consent = true) {
  const verifier = randomBytes(32).toString('base64url');
  const state = random();
  const nonce = random();
  const url = new URL((await discover(issuer)).authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: issuer.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(consent && scope.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
  }).toString();
  return { url, verifier, state, nonce, redirectUri };
}

async function tokenRequest(issuer: DemoIssuer, params: Record<string, string>): Promise<Response> {
  return fetch((await discover(issuer)).token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: issuer.clientId, ...params }),
  });
}

/** Signs in as the demo user and redeems the code. */
async function signIn(issuer: DemoIssuer, scope: string, consent = true) {
  const request = await authorizationRequest(issuer, scope, undefined, consent);
  const callback = await loginThroughProvider(request.url.href, issuer.user);
  const code = callback.searchParams.get('code');
  assert.ok(code, callback.href);
  const tokens = await json<TokenResponse>(
    await tokenRequest(issuer, { grant_type: 'authorization_code', code, redirect_uri: request.redirectUri, code_verifier: request.verifier }),
  );
  return { request, callback, tokens };
}

async function userinfo(issuer: DemoIssuer, accessToken: string): Promise<Response> {
  return fetch((await discover(issuer)).userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
}

/** The claims of an ID token or userinfo without the per-token ones (iat, exp, nonce, ...). */
function userClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const drop = new Set(['iss', 'aud', 'iat', 'exp', 'nonce', 'at_hash', 'sid', 'auth_time', 'jti', 'azp', 'amr', 'acr']);
  return Object.fromEntries(Object.entries(claims).filter(([k]) => !drop.has(k)));
}

describe('demo issuer', function () {
  let issuer: DemoIssuer;
  before(async () => {
    issuer = await startDemoIssuer();
  });
  after(async () => {
    await issuer?.stop();
  });

  it('listens on 127.0.0.1 with an ephemeral port and the demo client and user', () => {
    assert.match(issuer.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(issuer.issuer, 'http://127.0.0.1:0');
    assert.equal(issuer.clientId, 'token-inspector-demo');
    assert.deepEqual(issuer.user, { username: 'demo', password: 'demo-password', sub: '259242039378444290' });
  });

  it('refuses to listen anywhere but loopback', async () => {
    await assert.rejects(startDemoIssuer({ host: '0.0.0.0' }), {
      message: 'demo issuer: host 0.0.0.0 is not a loopback address; the demo issuer only listens on loopback',
    });
  });

  it('publishes discovery with the endpoints, PKCE S256, iss response parameter, device flow and logout', async () => {
    const d = await discover(issuer);
    const base = issuer.issuer;
    assert.equal(d.issuer, base);
    assert.equal(d.authorization_endpoint, `${base}/oauth/v2/authorize`);
    assert.equal(d.token_endpoint, `${base}/oauth/v2/token`);
    assert.equal(d.userinfo_endpoint, `${base}/oidc/v1/userinfo`);
    assert.equal(d.jwks_uri, `${base}/oauth/v2/keys`);
    assert.equal(d.revocation_endpoint, `${base}/oauth/v2/revoke`);
    assert.equal(d.end_session_endpoint, `${base}/oidc/v1/end_session`);
    assert.equal(d.device_authorization_endpoint, `${base}/oauth/v2/device_authorization`);
    assert.deepEqual(d.code_challenge_methods_supported, ['S256']);
    assert.equal(d.authorization_response_iss_parameter_supported, true);
    assert.deepEqual(d.response_types_supported, ['code']);
    assert.deepEqual(d.grant_types_supported, ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code']);
    assert.deepEqual(d.id_token_signing_alg_values_supported, ['RS256']);
    assert.deepEqual(d.scopes_supported, ['openid', 'offline_access', 'profile', 'email', METADATA_SCOPE, RESOURCEOWNER_SCOPE, ROLES_SCOPE]);
    assert.equal(d.introspection_endpoint, undefined, 'a public client could not use it');
  });

  it('serves one public RS256 key with a kid in the JWKS', async () => {
    const { keys } = await jwks(issuer);
    assert.equal(keys.length, 1);
    const [key] = keys;
    assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use'], 'public members only');
    assert.deepEqual([key.kty, key.alg, key.use, key.e], ['RSA', 'RS256', 'sig', 'AQAB']);
    assert.match(key.kid!, /^[\w-]{43}$/);
  });

  it('accepts the loopback redirect URI on any port and refuses others', async () => {
    const accepted = await authorizationRequest(issuer, 'openid', 'http://127.0.0.1:54321/callback');
    const ok = await fetch(accepted.url, { redirect: 'manual' });
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get('location')!, /^\/interaction\/[\w-]+$/);

    for (const redirectUri of ['https://evil.example/callback', 'http://127.0.0.1:54321/other', 'http://192.168.1.10:54321/callback']) {
      const refused = await authorizationRequest(issuer, 'openid', redirectUri);
      const response = await fetch(refused.url, { redirect: 'manual' });
      assert.equal(response.status, 400, redirectUri);
      const html = await response.text();
      assert.match(html, /<dt>error<\/dt><dd>invalid_redirect_uri<\/dd>/, redirectUri);
      assert.match(html, /<dt>error_description<\/dt><dd>redirect_uri did not match any of the client&#39;s registered redirect_uris<\/dd>/);
    }
  });

  it('requires PKCE', async () => {
    const request = await authorizationRequest(issuer, 'openid');
    request.url.searchParams.delete('code_challenge');
    request.url.searchParams.delete('code_challenge_method');
    const response = await fetch(request.url, { redirect: 'manual' });
    assert.equal(response.status, 303);
    const to = new URL(response.headers.get('location')!);
    assert.equal(`${to.origin}${to.pathname}`, 'http://127.0.0.1:49152/callback');
    assert.equal(to.searchParams.get('error'), 'invalid_request');
    assert.equal(to.searchParams.get('error_description'), 'Authorization Server policy requires PKCE to be used for this request');
    assert.equal(to.searchParams.get('state'), request.state);
    assert.equal(to.searchParams.get('iss'), issuer.issuer);
  });

  it('signs in through the login page and redirects to the loopback callback with code, state and iss', async () => {
    const request = await authorizationRequest(issuer, 'openid', 'http://127.0.0.1:61234/callback');
    const callback = await loginThroughProvider(request.url.href, issuer.user);
    assert.equal(`${callback.origin}${callback.pathname}`, 'http://127.0.0.1:61234/callback');
    assert.deepEqual([...callback.searchParams.keys()].sort(), ['code', 'iss', 'state']);
    assert.equal(callback.searchParams.get('state'), request.state);
    assert.equal(callback.searchParams.get('iss'), issuer.issuer);
    assert.match(callback.searchParams.get('code')!, /^[\w-]{20,}$/);
  });

  it('refuses a wrong password and shows the login page again with the error, escaped', async () => {
    const request = await authorizationRequest(issuer, 'openid');
    await assert.rejects(loginThroughProvider(request.url.href, { username: 'demo', password: 'wrong' }), {
      message: 'provider login: sign-in refused for "demo": Wrong username or password.',
    });
    // The page itself, with a hostile user name.
    const first = await fetch(request.url, { redirect: 'manual' });
    const cookies = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const page = `${issuer.issuer}${first.headers.get('location')}`;
    const login = await fetch(page, { headers: { cookie: cookies } });
    const form = await login.text();
    assert.match(form, /Token Inspector demo issuer/);
    assert.match(form, /Demo credentials: user <code>demo<\/code>, password <code>demo-password<\/code>/);
    const again = await fetch(page, {
      method: 'POST',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: '"><script>x()</script>', password: 'nope' }),
      redirect: 'manual',
    });
    assert.equal(again.status, 200);
    const html = await again.text();
    assert.match(html, /<p class="error" id="login-error" role="alert">Wrong username or password\.<\/p>/);
    assert.match(html, /value="&#34;&#62;&#60;script&#62;x\(\)&#60;\/script&#62;"/);
    assert.doesNotMatch(html, /<script>/);
  });

  it('puts metadata (base64url, no padding), roles and resourceowner into the ID token and userinfo when asked', async () => {
    const scope = `openid profile email offline_access ${METADATA_SCOPE} ${RESOURCEOWNER_SCOPE} ${ROLES_SCOPE}`;
    const { request, tokens } = await signIn(issuer, scope);
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, 3600);
    assert.equal(tokens.scope, scope);
    assert.equal(tokens.access_token.split('.').length, 1, 'opaque by default');
    assert.match(tokens.refresh_token!, /^[\w-]{43}$/);

    const expected = {
      sub: '259242039378444290',
      ...EXPECTED_PROFILE,
      ...EXPECTED_EMAIL,
      'urn:zitadel:iam:user:metadata': EXPECTED_METADATA,
      'urn:zitadel:iam:org:project:roles': EXPECTED_ROLES,
      [`urn:zitadel:iam:org:project:${DEMO_PROJECT_ID}:roles`]: EXPECTED_ROLES,
      ...EXPECTED_RESOURCEOWNER,
    };
    const idToken = decodeJwt(tokens.id_token);
    assert.deepEqual(userClaims(idToken), expected);
    assert.equal(idToken.iss, issuer.issuer);
    assert.equal(idToken.aud, issuer.clientId);
    assert.equal(idToken.nonce, request.nonce);
    assert.deepEqual(idToken.amr, ['password', 'pwd'], 'as ZITADEL after a password login');
    for (const value of Object.values(idToken['urn:zitadel:iam:user:metadata'] as Record<string, string>)) assert.match(value, /^[A-Za-z0-9_-]+$/);

    const info = await json<Record<string, unknown>>(await userinfo(issuer, tokens.access_token));
    assert.deepEqual(info, expected);
  });

  it('leaves metadata, roles and resourceowner out without their scopes', async () => {
    const { tokens } = await signIn(issuer, 'openid profile');
    assert.equal(tokens.refresh_token, undefined, 'no offline_access, no refresh token');
    const expected = { sub: '259242039378444290', ...EXPECTED_PROFILE };
    assert.deepEqual(userClaims(decodeJwt(tokens.id_token)), expected);
    assert.deepEqual(await json(await userinfo(issuer, tokens.access_token)), expected);

    const { tokens: onlyMetadata } = await signIn(issuer, `openid ${METADATA_SCOPE}`);
    const claims = userClaims(decodeJwt(onlyMetadata.id_token));
    assert.deepEqual(claims, { sub: '259242039378444290', 'urn:zitadel:iam:user:metadata': EXPECTED_METADATA });
  });

  it('signs ID tokens with the JWKS key and rotates keys', async () => {
    const before = (await jwks(issuer)).keys[0].kid;
    const { tokens } = await signIn(issuer, 'openid');
    assert.deepEqual(decodeProtectedHeader(tokens.id_token), { alg: 'RS256', kid: before });
    await jwtVerify(tokens.id_token, createLocalJWKSet(await jwks(issuer)), { issuer: issuer.issuer, audience: issuer.clientId });

    await issuer.rotateKeys();
    const { keys } = await jwks(issuer);
    assert.equal(keys.length, 1);
    assert.notEqual(keys[0].kid, before);
    const { tokens: after } = await signIn(issuer, 'openid');
    assert.equal(decodeProtectedHeader(after.id_token).kid, keys[0].kid);
    await jwtVerify(after.id_token, createLocalJWKSet({ keys }), { issuer: issuer.issuer, audience: issuer.clientId });
    // Tokens issued before the rotation still work at userinfo (the storage is kept).
    assert.equal(((await json<{ sub: string }>(await userinfo(issuer, tokens.access_token))).sub), '259242039378444290');
  });

  it('issues no refresh token for offline_access without prompt=consent (OIDC Core §11), as stock providers', async () => {
    const { tokens } = await signIn(issuer, 'openid offline_access', false);
    assert.equal(tokens.refresh_token, undefined);
  });

  it('rotates refresh tokens and revokes access tokens', async () => {
    const { tokens } = await signIn(issuer, 'openid offline_access');
    const refreshed = await json<TokenResponse>(await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }));
    assert.ok(refreshed.refresh_token);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    assert.equal(decodeJwt(refreshed.id_token).sub, '259242039378444290');
    const reused = await json<{ error: string }>(await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }), 400);
    assert.equal(reused.error, 'invalid_grant');

    const revoke = await fetch((await discover(issuer)).revocation_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: issuer.clientId, token: refreshed.access_token }),
    });
    assert.equal(revoke.status, 200);
    const after = await json<{ error: string; error_description: string }>(await userinfo(issuer, refreshed.access_token), 401);
    assert.deepEqual(after, { error: 'invalid_token', error_description: 'invalid token provided' });
  });

  it('runs the device authorization flow through the same login', async () => {
    const d = await discover(issuer);
    const deviceBody = new URLSearchParams({ client_id: issuer.clientId, scope: `openid profile ${METADATA_SCOPE}` });
    const device = await json<{ device_code: string; user_code: string; verification_uri: string; verification_uri_complete: string; expires_in: number; interval?: number }>(
      await fetch(d.device_authorization_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: deviceBody }),
    );
    assert.equal(device.verification_uri, `${issuer.issuer}/device`);
    assert.equal(device.verification_uri_complete, `${issuer.issuer}/device?user_code=${encodeURIComponent(device.user_code)}`);
    assert.match(device.user_code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    const grant = { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code };
    assert.equal((await json<{ error: string }>(await tokenRequest(issuer, grant), 400)).error, 'authorization_pending');

    await completeDeviceLogin(device.verification_uri_complete, issuer.user);
    const tokens = await json<TokenResponse>(await tokenRequest(issuer, grant));
    assert.deepEqual(userClaims(decodeJwt(tokens.id_token)), { sub: '259242039378444290', ...EXPECTED_PROFILE, 'urn:zitadel:iam:user:metadata': EXPECTED_METADATA });
    await assert.rejects(completeDeviceLogin(device.verification_uri_complete, issuer.user), {
      message: 'provider login: the provider refused the device code: That code was already used. Start again on your device.',
    });
  });

  it('refuses a wrong password in the device flow', async () => {
    const d = await discover(issuer);
    const device = await json<{ verification_uri_complete: string }>(
      await fetch(d.device_authorization_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: issuer.clientId, scope: 'openid' }) }),
    );
    await assert.rejects(completeDeviceLogin(device.verification_uri_complete, { username: 'demo', password: 'wrong' }), {
      message: 'provider login: sign-in refused for "demo": Wrong username or password.',
    });
  });

  it('serves RP-initiated logout to a loopback post-logout redirect on any port', async () => {
    const { tokens } = await signIn(issuer, 'openid');
    const url = new URL((await discover(issuer)).end_session_endpoint);
    url.search = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: 'http://127.0.0.1:50000/signed-out', state: 'bye' }).toString();
    // Without a browser session the provider skips its question and submits the logout itself.
    const page = await fetch(url, { redirect: 'manual' });
    assert.equal(page.status, 200);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
    assert.equal(action, `${issuer.issuer}/oidc/v1/end_session/confirm`);
    const inputs = [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(inputs.map(([name]) => name), ['xsrf', 'logout']);
    const confirm = await fetch(action!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') },
      body: new URLSearchParams(inputs),
      redirect: 'manual',
    });
    assert.equal(confirm.status, 303);
    assert.equal(confirm.headers.get('location'), 'http://127.0.0.1:50000/signed-out?state=bye');
  });
});

describe('demo issuer with JWT access tokens', function () {
  let issuer: DemoIssuer;
  before(async () => {
    issuer = await startDemoIssuer({ accessTokenFormat: 'jwt' });
  });
  after(async () => {
    await issuer?.stop();
  });

  it('issues ZITADEL-shaped JWT access tokens that work at userinfo', async () => {
    const scope = `openid profile email ${METADATA_SCOPE} ${ROLES_SCOPE} ${ZITADEL_AUD_SCOPE}`;
    const { tokens } = await signIn(issuer, scope);
    const { kid } = (await jwks(issuer)).keys[0];
    assert.deepEqual(decodeProtectedHeader(tokens.access_token), { alg: 'RS256', kid, typ: 'JWT' });
    const { payload } = await jwtVerify(tokens.access_token, createLocalJWKSet(await jwks(issuer)), { issuer: issuer.issuer });
    assert.deepEqual(payload.aud, [issuer.clientId, DEMO_PROJECT_ID, ZITADEL_API_PROJECT_ID]);
    assert.equal(payload.sub, '259242039378444290');
    assert.equal(payload.client_id, issuer.clientId);
    assert.equal(payload.scope, `openid profile email ${METADATA_SCOPE} ${ROLES_SCOPE}`);
    assert.equal(payload.exp! - payload.iat!, 3600);
    assert.deepEqual(payload['urn:zitadel:iam:user:metadata'], EXPECTED_METADATA);
    assert.deepEqual(payload['urn:zitadel:iam:org:project:roles'], EXPECTED_ROLES);
    assert.equal(payload.email, undefined, 'profile and email stay out of JWT access tokens, as in ZITADEL');
    assert.equal(payload[RESOURCEOWNER_SCOPE + ':id'], undefined);

    const info = await json<Record<string, unknown>>(await userinfo(issuer, tokens.access_token));
    assert.equal(info.sub, '259242039378444290');
    assert.deepEqual(info['urn:zitadel:iam:user:metadata'], EXPECTED_METADATA);
    assert.equal(info.email, EXPECTED_EMAIL.email);
  });

  it('leaves the ZITADEL API out of aud without its scope', async () => {
    const { tokens } = await signIn(issuer, 'openid');
    const payload = decodeJwt(tokens.access_token);
    assert.deepEqual(payload.aud, [issuer.clientId, DEMO_PROJECT_ID]);
    assert.equal(payload['urn:zitadel:iam:user:metadata'], undefined);
  });
});

describe('demo issuer lifecycle', () => {
  it('stops: the port is closed and stop() can be called again', async () => {
    const issuer = await startDemoIssuer();
    await fetch(`${issuer.issuer}/.well-known/openid-configuration`, { headers: { connection: 'keep-alive' } }).then((r) => r.text());
    await issuer.stop();
    await issuer.stop();
    await assert.rejects(fetch(`${issuer.issuer}/.well-known/openid-configuration`), TypeError);
  });
});
