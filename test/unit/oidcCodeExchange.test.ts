// The code exchange at the end of a browser sign-in, against a provider whose token endpoint
// answers as the test says; the browser is played by a request to the loopback redirect URI.
import { strict as assert } from 'node:assert';
import { discover } from '../../src/core/oidc/discovery';
import { signInWithLoopback } from '../../src/core/oidc/signIn';
import { rejection } from '../support/oidcAssertions';
import { startHostileProvider, type HostileAnswer, type HostileProvider } from '../support/providers/hostileProvider';

describe('oidc code exchange: token endpoint answers a sign-in cannot use', () => {
  let provider: HostileProvider;
  beforeEach(async () => {
    provider = await startHostileProvider();
    provider.routes['/authorize'] = () => ({ text: 'login' });
  });
  afterEach(() => provider.stop());

  /** Signs in with a "browser" that comes straight back with a code; the token endpoint answers `token`. */
  async function signInAnswered(token: HostileAnswer) {
    provider.routes['/token'] = () => token;
    const client = await discover(provider.issuer, { clientId: 'browser-app' });
    return signInWithLoopback({
      client,
      scopes: ['openid'],
      timeoutMs: 20_000,
      openBrowser: async (url) => {
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.search = new URLSearchParams({ code: 'code-1', state: url.searchParams.get('state') ?? '' }).toString();
        void fetch(back).catch(() => undefined);
      },
    });
  }

  it('refuses an answer without an ID token: an OpenID sign-in must bring one', async () => {
    const err = await rejection(signInAnswered({ json: { access_token: 'at', token_type: 'Bearer', expires_in: 60 } }));
    assert.equal(err.code, 'token-exchange-failed');
    assert.equal(err.message, 'Exchanging the authorization code for tokens failed: invalid response encountered ("response" body "id_token" property must be a string). Start the sign-in again; if it keeps failing, check the client settings at the provider.');
  });

  it('passes on openid-client\'s reason alone when it gives no detail (an HTML answer)', async () => {
    const err = await rejection(signInAnswered({ text: '<html>maintenance</html>', headers: { 'Content-Type': 'text/html' } }));
    assert.equal(err.code, 'token-exchange-failed');
    assert.equal(err.message, 'Exchanging the authorization code for tokens failed: unexpected response content-type. Start the sign-in again; if it keeps failing, check the client settings at the provider.');
  });
});
