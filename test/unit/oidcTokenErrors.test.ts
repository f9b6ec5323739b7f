// What the user is told when a code exchange, a refresh or a revocation fails, against a provider
// on loopback whose endpoints answer as the test says. The callback URL is the one a browser would
// bring back to the loopback redirect URI.
import { strict as assert } from 'node:assert';
import { buildAuthorizationRequest } from '../../src/core/oidc/authorize';
import { discover, type OidcClient } from '../../src/core/oidc/discovery';
import { exchangeCode, refresh, revoke } from '../../src/core/oidc/tokens';
import type { StoredTokenSet } from '../../src/core/oidc/tokenSet';
import { rejection } from '../support/oidcAssertions';
import { startHostileProvider, type HostileProvider } from '../support/providers/hostileProvider';

const REDIRECT = 'http://127.0.0.1:8765/callback';

describe('oidc token errors: code exchange', () => {
  let provider: HostileProvider;
  let client: OidcClient;
  beforeEach(async () => {
    provider = await startHostileProvider();
    client = await discover(provider.issuer, { clientId: 'browser-app' });
  });
  afterEach(() => provider.stop());

  /** A request, and the callback the browser would bring back with `params` (code and state by default). */
  async function attempt(params: Record<string, string> = {}) {
    const request = await buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: REDIRECT });
    const callback = new URL(REDIRECT);
    callback.search = new URLSearchParams({ code: 'code-1', state: request.state, ...params }).toString();
    return { request, callback };
  }

  it('refuses an answer to another sign-in attempt (state mismatch), keeping the cause', async () => {
    const { request, callback } = await attempt({ state: 'another-attempt' });
    const err = await rejection(exchangeCode(client, request, callback));
    assert.equal(err.code, 'state-mismatch');
    assert.equal(err.message, 'The sign-in answer does not belong to this sign-in attempt (state mismatch), so it was rejected. Start the sign-in again.');
    assert.equal((err.cause as { code?: string }).code, 'OAUTH_INVALID_RESPONSE');
    assert.equal(provider.requests.filter((r) => r.path === '/token').length, 0, 'no code was sent to the token endpoint');
  });

  it('refuses an answer naming another issuer (mix-up, RFC 9207), naming ours and the reason', async () => {
    const { request, callback } = await attempt({ iss: 'https://attacker.example' });
    const err = await rejection(exchangeCode(client, request, callback));
    assert.equal(err.code, 'issuer-mismatch');
    assert.equal(err.message, `The sign-in answer did not come from ${provider.issuer} (unexpected "iss" (issuer) response parameter value). This can be a mix-up attack (RFC 9207); start the sign-in again.`);
    assert.equal((err.cause as { code?: string }).code, 'OAUTH_INVALID_RESPONSE');
  });

  it('says an ID token from another issuer is refused, with openid-client\'s reason and the cause', async () => {
    const { request, callback } = await attempt();
    const now = Math.floor(Date.now() / 1000);
    const idToken = await provider.idToken({ iss: 'https://attacker.example', aud: 'browser-app', sub: 'alice', iat: now, exp: now + 300, nonce: request.nonce });
    provider.routes['/token'] = () => ({ json: { access_token: 'at', token_type: 'Bearer', expires_in: 60, id_token: idToken } });
    const err = await rejection(exchangeCode(client, request, callback));
    assert.equal(err.code, 'token-exchange-failed');
    assert.equal(
      err.message,
      'Exchanging the authorization code for tokens failed: unexpected JWT claim value encountered (unexpected JWT "iss" (issuer) claim value). Start the sign-in again; if it keeps failing, check the client settings at the provider.',
    );
    assert.equal((err.cause as { code?: string }).code, 'OAUTH_JWT_CLAIM_COMPARISON_FAILED');
  });

  it('explains a refused code (invalid_grant): codes work once and expire', async () => {
    const { request, callback } = await attempt();
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'invalid_grant', error_description: 'code expired' } });
    const err = await rejection(exchangeCode(client, request, callback));
    assert.deepEqual({ code: err.code, error: err.error, errorDescription: err.errorDescription }, { code: 'token-exchange-failed', error: 'invalid_grant', errorDescription: 'code expired' });
    assert.equal(err.message, 'The provider did not accept the authorization code: invalid_grant: code expired. Codes work once and expire quickly; start the sign-in again.');
    assert.ok(err.cause);
  });
});

describe('oidc token errors: refresh and revocation', () => {
  let provider: HostileProvider;
  afterEach(() => provider.stop());

  const stored = (issuer: string): StoredTokenSet => ({ issuer, client_id: 'app', access_token: 'at-1', token_type: 'Bearer', refresh_token: 'rt-1', obtained_at: 1 });

  it('explains a refresh the provider refused because of the client (invalid_client)', async () => {
    provider = await startHostileProvider();
    provider.routes['/token'] = () => ({ status: 400, json: { error: 'invalid_client', error_description: 'unknown client' } });
    const client = await discover(provider.issuer, { clientId: 'app' });
    const err = await rejection(refresh(client, stored(provider.issuer)));
    assert.equal(err.code, 'client-auth-failed');
    assert.ok(err.message.startsWith('Refreshing the tokens failed: the provider refused the client (invalid_client: unknown client). Token Inspector authenticated with none'), err.message);
  });

  it('a revocation refused with invalid_client names the methods the revocation endpoint requires', async () => {
    provider = await startHostileProvider({ metadata: (issuer) => ({ revocation_endpoint: `${issuer}/revoke`, revocation_endpoint_auth_methods_supported: ['private_key_jwt', 'tls_client_auth'] }) });
    provider.routes['/revoke'] = () => ({ status: 400, json: { error: 'invalid_client' } });
    const client = await discover(provider.issuer, { clientId: 'app' });
    const err = await rejection(revoke(client, 'rt-1', 'refresh_token'));
    assert.deepEqual({ code: err.code, error: err.error, status: err.status }, { code: 'revocation-failed', error: 'invalid_client', status: 400 });
    assert.equal(
      err.message,
      'The provider refused to revoke the token (invalid_client): it requires client authentication there (private_key_jwt, tls_client_auth); a public client cannot authenticate; give the profile a client secret or key if the app has one.',
    );
  });
});
