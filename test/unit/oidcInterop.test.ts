// The interop matrix: our OIDC client against OpenID providers we did not write, each in its own
// process on loopback: glewlwyd (C, Debian), oauth2-mock-server (npm) and oidc-provider in its
// stock strict configuration. For each: discovery, code + PKCE through the loopback receiver,
// the ID token checklist, userinfo, refresh, revocation, the device flow, RP-initiated logout,
// a confidential client per auth method, and the provider's clock ahead and behind.
import { strict as assert } from 'node:assert';
import { parseClientKey, type ClientAuthMethod } from '../../src/core/oidc/clientAuth';
import { startDeviceAuthorization } from '../../src/core/oidc/device';
import { discover, jwksSourceFor, type ClientSettings, type OidcClient } from '../../src/core/oidc/discovery';
import { checkIdToken } from '../../src/core/oidc/idTokenChecks';
import { endProviderSession } from '../../src/core/oidc/logout';
import { signInWithLoopback } from '../../src/core/oidc/signIn';
import { refresh, revoke } from '../../src/core/oidc/tokens';
import { fetchUserInfo } from '../../src/core/oidc/userinfo';
import { portClosed, rejection, settlesWithin } from '../support/oidcAssertions';
import { startGlewlwyd } from '../support/providers/glewlwyd';
import { startMockServer } from '../support/providers/mockServer';
import { startStrictOidcProvider } from '../support/providers/strictOidcProvider';
import type { InteropClient, InteropProvider, ProviderOptions } from '../support/providers/types';
import { decodeJwt } from 'jose';

const SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const SKEW = 60;

const PROVIDERS: { name: string; start(options?: ProviderOptions): Promise<InteropProvider> }[] = [
  { name: 'glewlwyd', start: startGlewlwyd },
  { name: 'oauth2-mock-server', start: startMockServer },
  { name: 'oidc-provider (stock)', start: startStrictOidcProvider },
];

async function clientFor(provider: InteropProvider, settings: Partial<ClientSettings> & { key?: string } = {}): Promise<OidcClient> {
  const { key, ...rest } = settings;
  return discover(provider.issuer, { clientId: provider.publicClient, clockSkewSeconds: SKEW, ...rest, ...(key ? { privateKey: await parseClientKey(key) } : {}) });
}

function confidentialSettings(c: InteropClient, authMethod: ClientAuthMethod | 'auto' = c.method): Partial<ClientSettings> & { key?: string } {
  return { clientId: c.clientId, clientSecret: c.clientSecret, key: c.key, authMethod };
}

/** The whole browser sign-in through our loopback receiver, the provider's pages driven like a browser. */
async function browserSignIn(provider: InteropProvider, client: OidcClient, scopes = SCOPES) {
  let port = 0;
  const result = await signInWithLoopback({
    client,
    scopes,
    port: provider.redirectPort,
    timeoutMs: 20_000,
    openBrowser: async (url) => {
      port = Number(new URL(url.searchParams.get('redirect_uri')!).port);
      const callback = await provider.login(url.href);
      await (await fetch(callback)).text(); // the browser lands on our success page
    },
  });
  return { ...result, port };
}

function failed(result: { idTokenChecks?: { checks: { id: string; status: string; detail: string }[] } }) {
  return result.idTokenChecks?.checks.filter((c) => c.status === 'fail') ?? [];
}

for (const entry of PROVIDERS) {
  describe(`interop: ${entry.name}`, function () {
    this.timeout(60_000);
    let provider: InteropProvider;
    let client: OidcClient;

    before(async () => {
      provider = await entry.start();
      client = await clientFor(provider);
    });
    after(() => provider?.stop());

    it('discovery: a public client, PKCE S256, the endpoints used', () => {
      assert.equal(client.issuer, provider.issuer);
      assert.equal(client.authMethod, 'none');
      assert.ok(client.metadata.code_challenge_methods_supported?.includes('S256'));
      for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint'] as const) assert.ok(client.metadata[key], key);
    });

    it('signs in with code + PKCE through the loopback receiver; the checklist passes; userinfo is about the same user', async () => {
      const result = await browserSignIn(provider, client);
      assert.deepEqual(failed(result), []);
      assert.ok(result.idTokenChecks?.ok);
      const { tokens } = result;
      assert.ok(tokens.access_token && tokens.id_token);
      const sub = decodeJwt(tokens.id_token).sub!;
      const userinfo = await fetchUserInfo(client, tokens.access_token, sub);
      assert.equal(userinfo.sub, sub);
      await new Promise((r) => setTimeout(r, 50));
      assert.ok(await portClosed(result.port), 'the receiver closed');
    });

    it('asks for consent with offline_access (OIDC Core §11) and so gets a refresh token; refreshes', async () => {
      const { tokens } = await browserSignIn(provider, client);
      assert.ok(tokens.refresh_token, 'a refresh token for offline_access');
      const refreshed = await refresh(client, tokens, undefined, SCOPES);
      assert.ok(refreshed.tokens.access_token);
      assert.ok(refreshed.tokens.refresh_token);
      if (refreshed.tokens.id_token !== tokens.id_token) {
        const checks = await checkIdToken(refreshed.tokens.id_token!, { issuer: client.issuer, clientId: client.clientId, jwks: jwksSourceFor(client), accessToken: refreshed.tokens.access_token });
        assert.ok(checks.ok, JSON.stringify(checks.checks));
      }
    });

    it('revokes the refresh token, or says why the provider refuses', async function () {
      if (!client.metadata.revocation_endpoint) this.skip();
      const { tokens } = await browserSignIn(provider, client);
      const listed = client.metadata.revocation_endpoint_auth_methods_supported;
      if (listed && !listed.includes('none')) {
        // A public client cannot authenticate where the provider demands it.
        const err = await rejection(revoke(client, tokens.refresh_token!, 'refresh_token'));
        assert.equal(err.code, 'revocation-failed');
        assert.match(err.message, /requires client authentication there \(client_secret_basic\)/);
        assert.match(err.message, /public client cannot authenticate/);
        assert.doesNotMatch(err.message, /try again later/);
        return;
      }
      assert.equal(await revoke(client, tokens.refresh_token!, 'refresh_token'), true);
    });

    it('signs in with the device flow where offered', async function () {
      if (!provider.completeDevice || !client.metadata.device_authorization_endpoint) this.skip();
      const deviceClient = provider.deviceClient ? await clientFor(provider, { clientId: provider.deviceClient }) : client;
      const device = await startDeviceAuthorization(deviceClient, ['openid', 'profile']);
      const polling = device.poll();
      await provider.completeDevice(device.verificationUriComplete ?? device.verificationUri);
      const { tokens } = await polling;
      const checks = await checkIdToken(tokens.id_token!, { issuer: deviceClient.issuer, clientId: deviceClient.clientId, jwks: jwksSourceFor(deviceClient), accessToken: tokens.access_token });
      assert.ok(checks.ok, JSON.stringify(checks.checks));
    });

    it('ends the provider session (RP-initiated logout) back to a loopback receiver', async function () {
      if (!client.metadata.end_session_endpoint || provider.skips.endSession) this.skip();
      const { tokens } = await browserSignIn(provider, client);
      const done = await endProviderSession({
        client,
        idTokenHint: tokens.id_token,
        port: provider.redirectPort,
        timeoutMs: 10_000,
        openBrowser: async (url) => {
          assert.equal(url.searchParams.get('id_token_hint'), tokens.id_token);
          await followLogout(url);
        },
      });
      assert.equal(done, true);
    });

    for (const method of ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const) {
      it(`a confidential client with ${method}`, async function () {
        await provider; // set in before()
        const registered = provider.confidential.find((c) => c.method === method);
        if (!registered) this.skip();
        const confidential = await clientFor(provider, confidentialSettings(registered));
        assert.equal(confidential.authMethod, method);
        if (entry.name !== 'oidc-provider (stock)' && method === 'client_secret_basic') {
          // glewlwyd and oauth2-mock-server do not decode the form-encoded id and secret (RFC 6749 §2.3.1):
          // glewlwyd refuses the client, the mock server puts the encoded id in aud. The error says so and what to use.
          const err = await rejection(browserSignIn(provider, confidential));
          assert.equal(err.code, 'client-auth-failed');
          assert.match(err.message, /authenticated with client_secret_basic \(the profile's authMethod\)/);
          assert.match(err.message, /form-encodes/);
          assert.match(err.message, /Try client_secret_post/);
          // auto picks client_secret_post from the discovery document for such a secret.
          const auto = await clientFor(provider, confidentialSettings(registered, 'auto'));
          assert.equal(auto.authMethod, 'client_secret_post');
          assert.ok((await browserSignIn(provider, auto)).idTokenChecks?.ok);
          return;
        }
        const result = await browserSignIn(provider, confidential);
        assert.deepEqual(failed(result), []);
        if (confidential.metadata.revocation_endpoint) assert.equal(await revoke(confidential, result.tokens.access_token, 'access_token').catch((e: Error) => e.message), true);
      });
    }

    it('a provider that compares loopback ports refuses a new port at once, naming redirectPort and the device flow', async function () {
      if (!provider.redirectPort) this.skip();
      const signIn = signInWithLoopback({ client, scopes: SCOPES, timeoutMs: 60_000, openBrowser: async () => assert.fail('the browser must not open') });
      const err = await settlesWithin(rejection(signIn), 20_000, 'the refusal, without waiting for the sign-in timeout (60 s)');
      assert.equal(err.code, 'redirect-uri-refused');
      assert.match(err.message, /redirectPort/);
      assert.match(err.message, /device code/);
    });

    describe('the provider\'s clock', () => {
      const cases: { offset: number; outcome: 'ok' | 'fails'; what: string; skip?: 'clockFarBehind' }[] = [
        { offset: 45, outcome: 'ok', what: '45 s ahead (within the 60 s skew)' },
        { offset: -45, outcome: 'ok', what: '45 s behind (within the skew)' },
        { offset: 150, outcome: 'fails', what: '150 s ahead (beyond the skew)' },
        { offset: -150, outcome: 'ok', what: '150 s behind (beyond the skew, the tokens still valid: nothing to refuse)' },
        { offset: -7300, outcome: 'fails', what: 'two hours behind (the tokens expired on arrival)', skip: 'clockFarBehind' },
      ];
      for (const c of cases) {
        it(`${c.what}: ${c.outcome === 'ok' ? 'signs in' : 'refused, naming the measured difference and the setting'}`, async function () {
          if (c.skip && provider.skips[c.skip]) this.skip();
          const shifted = await entry.start({ clockOffsetSeconds: c.offset });
          try {
            const shiftedClient = await clientFor(shifted);
            const outcome = await browserSignIn(shifted, shiftedClient).catch((e: Error) => e);
            const sign = c.offset > 0 ? 'ahead of' : 'behind';
            if (c.outcome === 'ok') {
              assert.ok(!(outcome instanceof Error), String(outcome));
              assert.deepEqual(failed(outcome), []);
              return;
            }
            // Either openid-client refused the ID token (code clock-skew) or our checklist failed it.
            const text = outcome instanceof Error ? outcome.message : failed(outcome).map((f) => f.detail).join(' ');
            if (outcome instanceof Error) assert.equal((outcome as { code?: string }).code, 'clock-skew', outcome.message);
            assert.match(text, new RegExp(`clock is (\\d+ s|\\d+ min|\\d+ h) ${sign} this computer's \\(measured from its Date header\\)`));
            assert.match(text, /tokenInspector\.clockSkewSeconds/);
          } finally {
            await shifted.stop();
          }
        });
      }
    });
  });
}

describe('interop: an ID token signed with an algorithm the discovery document does not list', function () {
  this.timeout(30_000);
  it('oauth2-mock-server with an ES256 key (its discovery lists RS256 only) gets a specific message', async () => {
    const provider = await startMockServer({ signingAlg: 'ES256' });
    try {
      const client = await clientFor(provider);
      const err = await rejection(browserSignIn(provider, client));
      assert.equal(err.code, 'unexpected-algorithm');
      assert.match(err.message, /signed with "ES256", but the provider's discovery document lists only RS256/);
    } finally {
      await provider.stop();
    }
  });
});

/** Follows the logout URL like a browser: confirms a logout form if the provider shows one, until it sends us back. */
async function followLogout(url: URL): Promise<void> {
  let next: URL | undefined = url;
  let cookie = '';
  for (let i = 0; i < 6 && next; i++) {
    const res: Response = await fetch(next, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') || cookie;
    const location = res.headers.get('location');
    if (location) {
      const to: URL = new URL(location, next);
      if (to.origin !== url.origin) {
        await (await fetch(to)).text();
        return;
      }
      next = to;
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form) throw new Error(`logout: HTTP ${res.status}, no form and no redirect: ${html.slice(0, 600)}`);
    const body = new URLSearchParams([...form[2].matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    body.set('logout', 'yes');
    const posted: Response = await fetch(new URL(form[1], next), { method: 'POST', body, redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    const to: string | null = posted.headers.get('location');
    if (!to) throw new Error(`logout: HTTP ${posted.status} after the form`);
    next = new URL(to, next);
  }
}
