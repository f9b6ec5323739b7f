// Browser sign-in that stops before the browser shows a login page: the provider refuses the
// authorization request when asked first (a redirect URI it does not accept), or the browser
// cannot be opened. Against a provider whose authorization endpoint answers as the test says.
import { strict as assert } from 'node:assert';
import { discover } from '../../src/core/oidc/discovery';
import { signInWithLoopback, type LoopbackSignInOptions } from '../../src/core/oidc/signIn';
import { portClosed, rejection } from '../support/oidcAssertions';
import { freePort } from '../support/providers/childProvider';
import { startHostileProvider, type HostileProvider } from '../support/providers/hostileProvider';

describe('oidc browser sign-in: refused before the login page', () => {
  let provider: HostileProvider;
  let opened: URL[];
  beforeEach(async () => {
    provider = await startHostileProvider();
    opened = [];
  });
  afterEach(() => provider.stop());

  async function signIn(options: Partial<LoopbackSignInOptions> = {}) {
    const client = await discover(provider.issuer, { clientId: 'browser-app' });
    return signInWithLoopback({ client, scopes: ['openid'], timeoutMs: 60_000, openBrowser: async (url) => void opened.push(url), ...options });
  }
  const refuseWith = (status: number) => {
    provider.routes['/authorize'] = () => ({ status, text: 'invalid redirect_uri' });
  };

  it('says a provider refusing the request probably compares loopback ports, naming the redirect URI and redirectPort', async () => {
    refuseWith(400);
    const err = await rejection(signIn());
    const redirectUri = /(http:\/\/127\.0\.0\.1:\d+\/callback)/.exec(err.message)?.[1];
    assert.ok(redirectUri, err.message);
    assert.equal(err.code, 'redirect-uri-refused');
    assert.equal(err.status, 400);
    assert.equal(
      err.message,
      `The provider refused the sign-in request before showing its login page (HTTP 400). Most likely it does not accept the redirect URI ${redirectUri}: some providers compare the loopback port too (RFC 8252 §7.3 says they should not), and every sign-in uses a new one. Register http://127.0.0.1:<port>/callback with a fixed port at the provider and set that port as the profile's redirectPort, or sign in with a device code instead.`,
    );
    assert.deepEqual(opened, [], 'the browser was not opened');
    assert.equal(await portClosed(Number(new URL(redirectUri).port)), true, 'the loopback receiver was closed');
    assert.equal(provider.requests.filter((r) => r.path === '/authorize').length, 1);
  });

  it('with a fixed port, asks to check that exact redirect URI and the client ID', async () => {
    refuseWith(403);
    const port = await freePort();
    const err = await rejection(signIn({ port }));
    assert.equal(err.code, 'redirect-uri-refused');
    assert.equal(err.status, 403);
    assert.equal(
      err.message,
      `The provider refused the sign-in request before showing its login page (HTTP 403). Check that http://127.0.0.1:${port}/callback is registered exactly as a redirect URI of the app, and the client ID; or sign in with a device code instead.`,
    );
    assert.equal(await portClosed(port), true);
  });

  it('names the redirect URI as the browser reaches it (remote hosts), at its origin', async () => {
    refuseWith(400);
    const port = await freePort();
    const err = await rejection(signIn({ port, externalRedirectUri: async () => 'https://tunnel.example.test:8443/forwarded/callback' }));
    assert.match(err.message, /Check that https:\/\/tunnel\.example\.test:8443\/callback is registered exactly/);
    const authorize = provider.requests.find((r) => r.path === '/authorize');
    assert.equal(authorize?.query.get('redirect_uri'), 'https://tunnel.example.test:8443/forwarded/callback');
  });

  it('opens the browser when the endpoint answers with a login page, a redirect, 401 or a server error', async () => {
    for (const status of [200, 302, 401, 500]) {
      provider.routes['/authorize'] = () => ({ status, text: 'login', headers: status === 302 ? { Location: '/login' } : undefined });
      const controller = new AbortController();
      const signingIn = signIn({ signal: controller.signal, openBrowser: async (url) => void (opened.push(url), controller.abort()) });
      assert.equal((await rejection(signingIn)).code, 'cancelled', `HTTP ${status}`);
    }
    assert.equal(opened.length, 4);
  });

  it('does not ask the endpoint first when told not to probe', async () => {
    refuseWith(400);
    const controller = new AbortController();
    await rejection(signIn({ probe: false, signal: controller.signal, openBrowser: async (url) => void (opened.push(url), controller.abort()) }));
    assert.equal(opened.length, 1);
    assert.equal(provider.requests.filter((r) => r.path === '/authorize').length, 0);
  });

  it('stops with advice when the browser cannot be opened, and closes the receiver', async () => {
    provider.routes['/authorize'] = () => ({ text: 'login' });
    const err = await rejection(signIn({ openBrowser: async (url) => (opened.push(url), false) }));
    assert.equal(err.code, 'cancelled');
    assert.equal(err.message, 'The browser could not be opened for the sign-in. Use the device sign-in instead.');
    const port = Number(new URL(opened[0].searchParams.get('redirect_uri') ?? '').port);
    assert.equal(await portClosed(port), true);
  });
});
