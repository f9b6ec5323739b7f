// The OIDC client layer against a real provider (the demo issuer, oidc-provider on loopback):
// code flow with PKCE through our loopback receiver, refresh, revocation, userinfo, device flow,
// and attacks on the callback.
import { strict as assert } from 'node:assert';
import { startDemoIssuer, type DemoIssuer } from '../../demo/issuer/index';
import { buildAuthorizationRequest, endSessionUrl, expectedIssuerParameter, type AuthorizationRequest } from '../../src/core/oidc/authorize';
import { startDeviceAuthorization } from '../../src/core/oidc/device';
import { discover, jwksSourceFor, type OidcClient } from '../../src/core/oidc/discovery';
import { checkIdToken } from '../../src/core/oidc/idTokenChecks';
import { startLoopbackReceiver, type LoopbackReceiver } from '../../src/core/oidc/loopback';
import { signInWithLoopback } from '../../src/core/oidc/signIn';
import { parseStoredTokenSet } from '../../src/core/oidc/tokenSet';
import { exchangeCode, refresh, revoke } from '../../src/core/oidc/tokens';
import { fetchUserInfo } from '../../src/core/oidc/userinfo';
import { completeDeviceLogin, loginThroughProvider } from '../support/providerLogin';
import { portClosed, rejection, settlesWithin } from '../support/oidcAssertions';

const SCOPES = ['openid', 'profile', 'email', 'offline_access', 'urn:zitadel:iam:user:metadata'];



describe('oidc client against the demo issuer', function () {
  let issuer: DemoIssuer;
  let client: OidcClient;
  const receivers: LoopbackReceiver[] = [];

  before(async () => {
    issuer = await startDemoIssuer();
    client = await discover(issuer.issuer, { clientId: issuer.clientId });
  });
  after(() => issuer?.stop());
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  /** Starts a receiver and the matching authorization request, as signInWithLoopback does. */
  async function begin(extraParams?: Record<string, string>, timeoutMs = 10_000) {
    const request0 = await buildAuthorizationRequest({ client, scopes: SCOPES, redirectUri: 'http://127.0.0.1/unused', extraParams });
    const receiver = await startLoopbackReceiver({ expectedState: request0.state, expectedIssuer: expectedIssuerParameter(client), timeoutMs, path: '/callback' });
    receivers.push(receiver);
    const request: AuthorizationRequest = await buildAuthorizationRequest({ client, scopes: SCOPES, redirectUri: receiver.redirectUri, extraParams, state: request0.state });
    return { receiver, request };
  }

  /** Logs in at the provider and delivers its redirect to our receiver, as the browser would. */
  async function signInBrowser() {
    const { receiver, request } = await begin();
    const callback = await loginThroughProvider(request.url.href, issuer.user);
    const answer = await fetch(callback, { redirect: 'manual' });
    assert.equal(answer.status, 303);
    const url = await receiver.result;
    return { receiver, request, callback, url };
  }

  it('discovers the issuer: public client, iss response parameter, every endpoint', () => {
    assert.equal(client.issuer, issuer.issuer);
    assert.equal(client.isPublic, true);
    assert.equal(expectedIssuerParameter(client), issuer.issuer);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'revocation_endpoint', 'device_authorization_endpoint', 'end_session_endpoint', 'jwks_uri'] as const) {
      assert.ok(client.metadata[key], key);
    }
  });

  it('signs in with code + PKCE through the loopback receiver: tokens, all checks pass, userinfo sub matches', async () => {
    const { receiver, request, callback, url } = await signInBrowser();
    assert.equal(callback.searchParams.get('state'), request.state);
    assert.equal(callback.searchParams.get('iss'), issuer.issuer);
    assert.equal(url.href, callback.href);

    const { tokens, claims } = await exchangeCode(client, request, url);
    assert.ok(tokens.id_token && tokens.access_token && tokens.refresh_token);
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    assert.ok(tokens.expires_at! > tokens.obtained_at);
    assert.equal(claims?.sub, issuer.user.sub);
    assert.deepEqual(parseStoredTokenSet(JSON.stringify(tokens)), tokens, 'JSON round trip');

    const result = await checkIdToken(tokens.id_token, { issuer: client.issuer, clientId: client.clientId, jwks: jwksSourceFor(client), nonce: request.nonce, accessToken: tokens.access_token });
    assert.deepEqual(result.checks.filter((c) => c.status === 'fail'), []);
    assert.ok(result.ok);
    for (const id of ['signature', 'iss', 'sub', 'aud', 'exp', 'iat', 'nonce']) assert.equal(result.checks.find((c) => c.id === id)?.status, 'pass', id);

    const userinfo = await fetchUserInfo(client, tokens.access_token, claims!.sub);
    assert.equal(userinfo.sub, issuer.user.sub);
    assert.ok(userinfo['urn:zitadel:iam:user:metadata']);

    // Someone else's sub: the userinfo answer is refused.
    const mismatch = await rejection(fetchUserInfo(client, tokens.access_token, 'someone-else'));
    assert.equal(mismatch.code, 'subject-mismatch');

    // The browser follows the 303 to the success page; then the port is closed.
    assert.equal((await fetch(`http://127.0.0.1:${receiver.port}/done`)).status, 200);
    await settlesWithin(receiver.closed, 5000, 'the receiver closing its port');
    assert.ok(await portClosed(receiver.port));

    const logout = endSessionUrl(client, { idTokenHint: tokens.id_token });
    assert.equal(logout?.origin + logout!.pathname, `${issuer.issuer}/oidc/v1/end_session`);
    assert.equal(logout?.searchParams.get('id_token_hint'), tokens.id_token);
  });

  it('runs the whole flow with signInWithLoopback, the browser opened by a callback', async () => {
    let opened: URL | undefined;
    const result = await signInWithLoopback({
      client,
      scopes: SCOPES,
      openBrowser: async (url) => {
        opened = url;
        const callback = await loginThroughProvider(url.href, issuer.user);
        assert.equal((await fetch(callback)).status, 200, 'redirected to the success page');
      },
    });
    assert.equal(opened?.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(result.idTokenChecks?.ok, JSON.stringify(result.idTokenChecks));
    // The checklist compared the token with this sign-in: the nonce row passes with the nonce it sent.
    const rows = Object.fromEntries(result.idTokenChecks!.checks.map((c) => [c.id, c]));
    assert.deepEqual([rows.nonce.status, rows.nonce.detail], ['pass', `"${opened!.searchParams.get('nonce')}"`]);
    assert.deepEqual([rows.signature.status, rows.iss.status, rows.aud.status, rows.exp.status], ['pass', 'pass', 'pass', 'pass']);
    const port = Number(new URL(opened!.searchParams.get('redirect_uri')!).port);
    assert.ok(await portClosed(port));
  });

  it('refreshes (rotating the refresh token), and refuses a revoked refresh token', async () => {
    const { request, url } = await signInBrowser();
    const { tokens } = await exchangeCode(client, request, url);
    const refreshed = await refresh(client, tokens);
    assert.notEqual(refreshed.tokens.access_token, tokens.access_token);
    assert.ok(refreshed.tokens.refresh_token);
    assert.notEqual(refreshed.tokens.refresh_token, tokens.refresh_token);
    assert.equal(refreshed.claims?.sub, issuer.user.sub);
    const checks = await checkIdToken(refreshed.tokens.id_token!, { issuer: client.issuer, clientId: client.clientId, jwks: jwksSourceFor(client), accessToken: refreshed.tokens.access_token });
    assert.ok(checks.ok, JSON.stringify(checks.checks));

    assert.equal(await revoke(client, refreshed.tokens.refresh_token!, 'refresh_token'), true);
    const err = await rejection(refresh(client, refreshed.tokens));
    assert.equal(err.code, 'refresh-failed');
    assert.equal(err.error, 'invalid_grant');
    assert.match(err.message, /Sign in again/);
  });

  it('revokes the access token: userinfo then refuses it', async () => {
    const { request, url } = await signInBrowser();
    const { tokens, claims } = await exchangeCode(client, request, url);
    assert.equal((await fetchUserInfo(client, tokens.access_token, claims!.sub)).sub, issuer.user.sub);
    assert.equal(await revoke(client, tokens.access_token, 'access_token'), true);
    const err = await rejection(fetchUserInfo(client, tokens.access_token, claims!.sub));
    assert.equal(err.code, 'userinfo-failed');
    assert.equal(err.error, 'invalid_token');
  });

  it('attack: a replayed callback cannot reach the closed receiver, and its code is refused', async () => {
    const { receiver, request, callback, url } = await signInBrowser();
    await exchangeCode(client, request, url);
    await receiver.close();
    assert.ok(await portClosed(receiver.port));
    await assert.rejects(fetch(callback), /fetch failed/);
    const err = await rejection(exchangeCode(client, request, url));
    assert.equal(err.code, 'token-exchange-failed');
    assert.equal(err.error, 'invalid_grant');
  });

  it('attack: a second callback while the first is being handled gets 410 and changes nothing', async () => {
    const { receiver, request, callback, url } = await signInBrowser();
    const second = await fetch(callback, { redirect: 'manual' });
    assert.equal(second.status, 410);
    const { tokens } = await exchangeCode(client, request, url);
    assert.ok(tokens.access_token);
    await receiver.close();
    assert.ok(await portClosed(receiver.port));
  });

  it('attack: wrong state and wrong path are ignored; the real answer still signs in', async () => {
    const { receiver, request } = await begin();
    const callback = await loginThroughProvider(request.url.href, issuer.user);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'attacker-state');
    assert.equal((await fetch(forged, { redirect: 'manual' })).status, 400);
    const wrongPath = new URL(callback);
    wrongPath.pathname = '/cb';
    assert.equal((await fetch(wrongPath, { redirect: 'manual' })).status, 404);
    assert.equal((await fetch(callback, { redirect: 'manual' })).status, 303);
    await exchangeCode(client, request, await receiver.result);
    await receiver.close();
    assert.ok(await portClosed(receiver.port));
  });

  it('attack: a callback whose iss names another issuer is refused (mix-up, RFC 9207)', async () => {
    const { receiver, request } = await begin();
    const callback = await loginThroughProvider(request.url.href, issuer.user);
    const mixedUp = new URL(callback);
    mixedUp.searchParams.set('iss', 'https://attacker.example');
    assert.equal((await fetch(mixedUp, { redirect: 'manual' })).status, 400);
    const err = await rejection(receiver.result);
    assert.equal(err.code, 'issuer-mismatch');
    await settlesWithin(receiver.closed, 5000, 'the receiver closing its port');
    assert.ok(await portClosed(receiver.port));
    // openid-client refuses it too, should a caller skip the receiver.
    assert.equal((await rejection(exchangeCode(client, request, mixedUp))).code, 'issuer-mismatch');
  });

  it('attack: exchanging with another attempt\'s state or verifier fails', async () => {
    const { request, url } = await signInBrowser();
    const other = await buildAuthorizationRequest({ client, scopes: SCOPES, redirectUri: request.redirectUri });
    assert.equal((await rejection(exchangeCode(client, { ...request, state: other.state }, url))).code, 'state-mismatch');
    const pkce = await rejection(exchangeCode(client, { ...request, codeVerifier: other.codeVerifier }, url));
    assert.equal(pkce.code, 'token-exchange-failed');
    assert.equal(pkce.error, 'invalid_grant');
  });

  it('a provider error comes back as a provider-error with the provider\'s text', async () => {
    // prompt=none without a session at the provider: it must answer login_required.
    const { receiver, request } = await begin({ prompt: 'none' });
    const response = await fetch(request.url, { redirect: 'manual' });
    const callback = new URL(response.headers.get('location')!);
    assert.equal(callback.searchParams.get('error'), 'login_required');
    const page = await fetch(callback, { redirect: 'manual' });
    assert.equal(page.status, 400);
    assert.match(await page.text(), /login_required/);
    const err = await rejection(receiver.result);
    assert.equal(err.code, 'provider-error');
    assert.equal(err.error, 'login_required');
    await settlesWithin(receiver.closed, 5000, 'the receiver closing its port');
    assert.ok(await portClosed(receiver.port));
  });

  it('cancelling or timing out the browser sign-in rejects promptly and closes the port', async () => {
    const controller = new AbortController();
    let port = 0;
    const cancelled = signInWithLoopback({
      client,
      scopes: SCOPES,
      signal: controller.signal,
      openBrowser: async (url) => {
        port = Number(new URL(url.searchParams.get('redirect_uri')!).port);
        setTimeout(() => controller.abort(), 20);
      },
    });
    assert.equal((await rejection(cancelled)).code, 'cancelled');
    assert.ok(await portClosed(port));

    const timedOut = signInWithLoopback({ client, scopes: SCOPES, timeoutMs: 100, openBrowser: async (url) => void (port = Number(new URL(url.searchParams.get('redirect_uri')!).port)) });
    assert.equal((await rejection(timedOut)).code, 'timeout');
    assert.ok(await portClosed(port));
  });

  it('verifies ID tokens across a key rotation (refetching the JWKS once)', async () => {
    const jwks = jwksSourceFor(client);
    const before = (await jwks.get()).keys.map((k) => k.kid);
    await issuer.rotateKeys();
    const { request, url } = await signInBrowser();
    const { tokens } = await exchangeCode(client, request, url);
    const result = await checkIdToken(tokens.id_token!, { issuer: client.issuer, clientId: client.clientId, jwks, nonce: request.nonce, accessToken: tokens.access_token });
    assert.ok(result.ok, JSON.stringify(result.checks));
    assert.match(result.checks[0].detail, /after fetching the rotated key set/);
    assert.notDeepEqual((await jwks.get()).keys.map((k) => k.kid), before);
  });

  it('signs in with the device flow, and cancels a device sign-in promptly', async () => {
    const device = await startDeviceAuthorization(client, ['openid', 'profile']);
    assert.ok(device.userCode);
    assert.equal(device.verificationUri, `${issuer.issuer}/device`);
    assert.ok(device.verificationUriComplete);
    assert.ok(device.expiresIn > 0);
    const polling = device.poll();
    await completeDeviceLogin(device.verificationUriComplete!, issuer.user);
    const { tokens, claims } = await polling;
    assert.equal(claims?.sub, issuer.user.sub);
    const checks = await checkIdToken(tokens.id_token!, { issuer: client.issuer, clientId: client.clientId, jwks: jwksSourceFor(client), accessToken: tokens.access_token });
    assert.ok(checks.ok, JSON.stringify(checks.checks));

    const abandoned = await startDeviceAuthorization(client, ['openid']);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const cancelled = await settlesWithin(rejection(abandoned.poll({ signal: controller.signal })), 4000, `the device poll stopping on cancel, before its next poll (every ${abandoned.interval} s)`);
    assert.equal(cancelled.code, 'cancelled');
  });
});

describe('oidc client: offline_access and consent (OIDC Core §11)', () => {
  it('sends prompt=consent with offline_access, so the demo issuer (which enforces the rule) issues a refresh token', async () => {
    const issuer = await startDemoIssuer();
    try {
      const client = await discover(issuer.issuer, { clientId: issuer.clientId });
      const request = await buildAuthorizationRequest({ client, scopes: ['openid', 'offline_access'], redirectUri: 'http://127.0.0.1:1/callback' });
      assert.equal(request.url.searchParams.get('prompt'), 'consent');
      const withLogin = await buildAuthorizationRequest({ client, scopes: ['openid', 'offline_access'], redirectUri: 'http://127.0.0.1:1/callback', extraParams: { prompt: 'login' } });
      assert.equal(withLogin.url.searchParams.get('prompt'), 'login consent');
      const silent = await buildAuthorizationRequest({ client, scopes: ['openid', 'offline_access'], redirectUri: 'http://127.0.0.1:1/callback', extraParams: { prompt: 'none' } });
      assert.equal(silent.url.searchParams.get('prompt'), 'none', 'prompt=none cannot be combined with consent');

      const result = await signInWithLoopback({
        client,
        scopes: ['openid', 'offline_access'],
        openBrowser: async (url) => void (await fetch(await loginThroughProvider(url.href, issuer.user))),
      });
      assert.ok(result.tokens.refresh_token, 'a refresh token');
      // Without one, refresh says what happened instead of asking for a scope the profile has.
      const err = await rejection(refresh(client, { ...result.tokens, refresh_token: undefined }, undefined, ['openid', 'offline_access']));
      assert.match(err.message, /issued none although offline_access was requested/);
    } finally {
      await issuer.stop();
    }
  });
});
