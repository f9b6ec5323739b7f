// Building the authorization request and probing it, against a provider whose discovery
// document and authorization endpoint the test picks.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { buildAuthorizationRequest, endSessionUrl, probeAuthorizationRequest } from '../../src/core/oidc/authorize';
import { discover } from '../../src/core/oidc/discovery';
import { rejection } from '../support/oidcAssertions';
import { startHostileProvider, type HostileProvider } from '../support/providers/hostileProvider';

const REDIRECT = 'http://127.0.0.1:53682/callback';

describe('oidc authorization request: refusals and the probe', () => {
  const providers: HostileProvider[] = [];
  async function clientAt(metadata?: Record<string, unknown>) {
    const provider = await startHostileProvider({ metadata: () => metadata ?? {} });
    providers.push(provider);
    return { provider, client: await discover(provider.issuer, { clientId: 'browser-app' }) };
  }
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((p) => p.stop()));
  });

  it('refuses browser sign-in at a provider with no authorization endpoint, pointing to the device flow', async () => {
    const { provider, client } = await clientAt({ authorization_endpoint: undefined });
    const err = await rejection(buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: REDIRECT }));
    assert.equal(err.code, 'unsupported');
    assert.equal(err.message, `${provider.issuer} advertises no authorization endpoint, so browser sign-in is not possible. Try the device flow.`);
  });

  it('refuses a provider that lists PKCE methods without S256, naming what it lists', async () => {
    const { provider, client } = await clientAt({ code_challenge_methods_supported: ['plain', 'S384'] });
    const err = await rejection(buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: REDIRECT }));
    assert.equal(err.code, 'unsupported');
    assert.equal(err.message, `${provider.issuer} does not support PKCE with S256 (it lists plain, S384); signing in without it is unsafe.`);
  });

  it('says "nothing" when the provider lists an empty set of PKCE methods', async () => {
    const { provider, client } = await clientAt({ code_challenge_methods_supported: [] });
    const err = await rejection(buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: REDIRECT }));
    assert.equal(err.code, 'unsupported');
    assert.equal(err.message, `${provider.issuer} does not support PKCE with S256 (it lists nothing); signing in without it is unsafe.`);
  });

  it('does not let extra parameters override any security parameter, naming the key', async () => {
    const { client } = await clientAt();
    for (const key of ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method']) {
      await assert.rejects(buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: REDIRECT, extraParams: { prompt: 'login', [key]: 'attacker' } }), { name: 'TypeError', message: `extraParams must not set ${key}` }, key);
    }
    const request = await buildAuthorizationRequest({ client, scopes: ['profile'], redirectUri: REDIRECT, extraParams: { prompt: 'login', login_hint: 'ada' } });
    assert.equal(request.url.searchParams.get('login_hint'), 'ada');
    assert.equal(request.url.searchParams.get('scope'), 'openid profile');
  });

  it('the probe reports only a 4xx refusal other than 401; redirects, 401, 5xx and no answer are fine', async () => {
    const { provider, client } = await clientAt();
    provider.routes['/authorize'] = (request) => {
      const status = Number(request.query.get('status'));
      const headers: Record<string, string> = status === 302 ? { Location: 'https://login.example/' } : {};
      return { status, headers, text: 'page' };
    };
    const probe = (status: number) => probeAuthorizationRequest(client, new URL(`${provider.issuer}/authorize?status=${status}`));
    assert.deepEqual(await probe(400), { status: 400 });
    assert.deepEqual(await probe(403), { status: 403 });
    assert.deepEqual(await probe(499), { status: 499 });
    assert.equal(await probe(401), undefined);
    assert.equal(await probe(302), undefined);
    assert.equal(await probe(200), undefined);
    assert.equal(await probe(399), undefined);
    assert.equal(await probe(500), undefined);
    assert.equal(await probe(503), undefined);
    const accepts = provider.requests.filter((r) => r.path === '/authorize').map((r) => r.headers.accept);
    assert.deepEqual([...new Set(accepts)], ['text/html']);
    await provider.stop();
    assert.equal(await probe(400), undefined, 'a provider that does not answer');
  });

  it('adds prompt=consent to offline_access once, keeping the caller\'s prompt values and leaving prompt=none alone', async () => {
    const { client } = await clientAt();
    const prompt = async (scopes: string[], extraParams?: Record<string, string>) => (await buildAuthorizationRequest({ client, scopes, redirectUri: REDIRECT, extraParams })).url.searchParams.get('prompt');
    assert.equal(await prompt(['openid', 'offline_access']), 'consent');
    assert.equal(await prompt(['openid', 'offline_access'], { prompt: 'login' }), 'login consent');
    assert.equal(await prompt(['openid', 'offline_access'], { prompt: 'consent' }), 'consent');
    assert.equal(await prompt(['openid', 'offline_access'], { prompt: 'login consent' }), 'login consent');
    assert.equal(await prompt(['openid', 'offline_access'], { prompt: 'none' }), 'none');
    assert.equal(await prompt(['openid', 'profile']), null);
  });

  it('builds no logout URL at a provider without end_session_endpoint', async () => {
    const { client } = await clientAt();
    assert.equal(endSessionUrl(client, { idTokenHint: 'id-token', state: 'st' }), undefined);
  });

  it('builds the logout URL with the client ID and the hints given', async () => {
    const { provider, client } = await clientAt({ end_session_endpoint: 'http://127.0.0.1:1/logout' });
    const url = endSessionUrl(client, { idTokenHint: 'id-token', postLogoutRedirectUri: 'http://127.0.0.1:2/signed-out', state: 'st' });
    assert.ok(url);
    assert.equal(`${url.origin}${url.pathname}`, 'http://127.0.0.1:1/logout');
    assert.deepEqual(Object.fromEntries(url.searchParams), { client_id: 'browser-app', id_token_hint: 'id-token', post_logout_redirect_uri: 'http://127.0.0.1:2/signed-out', state: 'st' });
    assert.equal(url.href, 'http://127.0.0.1:1/logout?client_id=browser-app&id_token_hint=id-token&post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A2%2Fsigned-out&state=st', 'client_id first, then the hints');
    assert.deepEqual(Object.fromEntries(endSessionUrl(client)!.searchParams), { client_id: 'browser-app' });
    assert.ok(provider.issuer);
  });

  it('translates "nothing" by its key with the translators\' comment (as a bundle from l10n-dev has it)', async () => {
    const { provider, client } = await clientAt({ code_challenge_methods_supported: [] });
    l10n.config({
      contents: {
        '{0} does not support PKCE with S256 (it lists {1}); signing in without it is unsafe.': '{0} ne prend pas en charge PKCE avec S256 (il indique {1}) ; se connecter sans est dangereux.',
        'nothing/As in "it lists nothing"': 'rien',
      },
    });
    try {
      const err = await rejection(buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: REDIRECT }));
      assert.equal(err.message, `${provider.issuer} ne prend pas en charge PKCE avec S256 (il indique rien) ; se connecter sans est dangereux.`);
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
