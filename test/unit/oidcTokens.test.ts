// Back-channel token calls (refresh, revocation, code exchange) against a provider on loopback
// whose token and revocation endpoints answer as each test sets them.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { buildAuthorizationRequest } from '../../src/core/oidc/authorize';
import { discover, type ClientSettings } from '../../src/core/oidc/discovery';
import { exchangeCode, refresh, revoke } from '../../src/core/oidc/tokens';
import type { StoredTokenSet } from '../../src/core/oidc/tokenSet';
import { rejection } from '../support/oidcAssertions';

interface Seen {
  path: string;
  authorization?: string;
  body: URLSearchParams;
}
type Answer = { status: number; body?: unknown };

async function provider(extra: Record<string, unknown> = {}) {
  const seen: Seen[] = [];
  let answer: (request: Seen) => Answer = () => ({ status: 500 });
  let base = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/.well-known/openid-configuration') {
      const metadata = { issuer: base, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, revocation_endpoint: `${base}/revoke`, jwks_uri: `${base}/jwks`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'], ...extra };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const request = { path: req.url ?? '', authorization: req.headers.authorization, body: new URLSearchParams(body) };
      seen.push(request);
      const a = answer(request);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body === undefined ? '' : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    base,
    seen,
    answer(fn: (request: Seen) => Answer) {
      answer = fn;
      seen.length = 0;
    },
    client: (settings: ClientSettings = { clientId: 'cli' }) => discover(base, settings),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const stored = (issuer: string, extra: Partial<StoredTokenSet> = {}): StoredTokenSet => ({ issuer, client_id: 'cli', access_token: 'at-1', token_type: 'Bearer', obtained_at: 1, ...extra });

describe('oidc token calls', () => {
  let op: Awaited<ReturnType<typeof provider>>;
  before(async () => {
    op = await provider();
  });
  after(() => op.close());

  describe('refresh', () => {
    it('says there is no refresh token, and how to get one, without asking the provider', async () => {
      const client = await op.client();
      op.answer(() => ({ status: 500 }));
      const plain = await rejection(refresh(client, stored(op.base)));
      assert.equal(plain.code, 'refresh-failed');
      assert.equal(plain.message, 'There is no refresh token. Add the offline_access scope to the profile and sign in again to get one.');
      const asked = await rejection(refresh(client, stored(op.base), undefined, ['openid', 'offline_access']));
      assert.equal(asked.message, 'There is no refresh token: the provider issued none although offline_access was requested (with prompt=consent, as OpenID Connect Core §11 requires). Allow the refresh_token grant for the app at the provider, then sign in again.');
      assert.equal((await rejection(refresh(client, stored(op.base), undefined, ['openid']))).message, plain.message);
      assert.equal(op.seen.length, 0);
    });

    it('keeps the refresh token and ID token when the provider returns new ones without them, and sends the scopes asked for', async () => {
      const client = await op.client();
      op.answer(() => ({ status: 200, body: { access_token: 'at-2', token_type: 'Bearer', expires_in: 300 } }));
      const { tokens } = await refresh(client, stored(op.base, { refresh_token: 'rt-1', id_token: 'not-a-jwt' }), ['openid', 'email']);
      assert.equal(tokens.access_token, 'at-2');
      assert.equal(tokens.refresh_token, 'rt-1');
      assert.equal(tokens.id_token, 'not-a-jwt');
      assert.equal(op.seen[0].body.get('grant_type'), 'refresh_token');
      assert.equal(op.seen[0].body.get('refresh_token'), 'rt-1');
      assert.equal(op.seen[0].body.get('scope'), 'openid email');
      await refresh(client, stored(op.base, { refresh_token: 'rt-1' }));
      assert.equal(op.seen[1].body.has('scope'), false, 'no scope parameter unless scopes are given');
    });

    it("says the provider no longer accepts the refresh token on invalid_grant", async () => {
      const client = await op.client();
      op.answer(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'token revoked' } }));
      const err = await rejection(refresh(client, stored(op.base, { refresh_token: 'rt-1' })));
      assert.equal(err.code, 'refresh-failed');
      assert.equal(err.message, 'The provider no longer accepts the refresh token (invalid_grant: token revoked); it may have expired or been revoked. Sign in again.');
      assert.deepEqual([err.error, err.errorDescription, err.status], ['invalid_grant', 'token revoked', 400]);
    });

    it("quotes any other OAuth error of the provider, with what to do", async () => {
      const client = await op.client();
      op.answer(() => ({ status: 400, body: { error: 'invalid_scope', error_description: 'email not allowed' } }));
      const err = await rejection(refresh(client, stored(op.base, { refresh_token: 'rt-1' }), ['openid', 'email']));
      assert.equal(err.code, 'refresh-failed');
      assert.equal(err.message, 'Refreshing the tokens failed: the provider answered invalid_scope: email not allowed. Sign in again if this persists.');
      assert.deepEqual([err.error, err.errorDescription, err.status], ['invalid_scope', 'email not allowed', 400]);
      op.answer(() => ({ status: 503 }));
      const down = await rejection(refresh(client, stored(op.base, { refresh_token: 'rt-1' })));
      assert.equal(down.code, 'refresh-failed');
      assert.equal(down.message, 'Refreshing the tokens failed: unexpected HTTP response status code. Sign in again if this persists.');
    });
  });

  describe('revocation', () => {
    it('returns false, asking nothing, when the provider has no revocation endpoint', async () => {
      const bare = await provider({ revocation_endpoint: undefined });
      try {
        bare.answer(() => ({ status: 200 }));
        assert.equal(await revoke(await bare.client(), 'at-1'), false);
        assert.equal(bare.seen.length, 0);
      } finally {
        await bare.close();
      }
    });

    it('revokes with the token type hint when given, and without one otherwise', async () => {
      const client = await op.client();
      op.answer(() => ({ status: 200 }));
      assert.equal(await revoke(client, 'rt-1', 'refresh_token'), true);
      assert.equal(await revoke(client, 'at-1'), true);
      assert.deepEqual(
        op.seen.map((s) => [s.path, s.body.get('token'), s.body.get('token_type_hint')]),
        [
          ['/revoke', 'rt-1', 'refresh_token'],
          ['/revoke', 'at-1', null],
        ],
      );
    });

    it('names what the revocation endpoint requires when it refuses a public client', async () => {
      const strict = await provider({ revocation_endpoint_auth_methods_supported: ['client_secret_basic'] });
      try {
        strict.answer(() => ({ status: 401 }));
        const err = await rejection(revoke(await strict.client(), 'at-1'));
        assert.equal(err.code, 'revocation-failed');
        assert.equal(err.status, 401);
        assert.equal(err.message, 'The provider refused to revoke the token (HTTP 401): it requires client authentication there (client_secret_basic); a public client cannot authenticate; give the profile a client secret or key if the app has one.');
        assert.equal(strict.seen.length, 1, 'one method to try');
      } finally {
        await strict.close();
      }
    });

    it("quotes the provider's refusal and the method used for a confidential client", async () => {
      const client = await op.client({ clientId: 'cli', clientSecret: 's3cret', authMethod: 'client_secret_post' });
      op.answer(() => ({ status: 400, body: { error: 'unauthorized_client', error_description: 'not allowed' } }));
      const err = await rejection(revoke(client, 'at-1'));
      assert.equal(err.message, "The provider refused to revoke the token (unauthorized_client: not allowed): it did not accept the client's authentication; check the app's credentials and authMethod (used: client_secret_post).");
      assert.deepEqual([err.error, err.errorDescription, err.status], ['unauthorized_client', 'not allowed', 400]);
      op.answer(() => ({ status: 403 }));
      assert.equal((await rejection(revoke(client, 'at-1'))).message, "The provider refused to revoke the token (HTTP 403): it did not accept the client's authentication; check the app's credentials and authMethod (used: client_secret_post).");
    });

    it("retries with the token endpoint's method when the revocation endpoint's own refuses the client", async () => {
      const split = await provider({ token_endpoint_auth_methods_supported: ['client_secret_basic'], revocation_endpoint_auth_methods_supported: ['client_secret_post'] });
      try {
        const client = await split.client({ clientId: 'cli', clientSecret: 's3cret' });
        assert.deepEqual([client.authMethod, client.revocation.authMethod], ['client_secret_basic', 'client_secret_post']);
        for (const refusal of [{ status: 401 }, { status: 403 }, { status: 400, body: { error: 'invalid_client' } }, { status: 400, body: { error: 'unauthorized_client' } }]) {
          split.answer((s) => (s.body.has('client_secret') ? refusal : { status: 200 }));
          assert.equal(await revoke(client, 'at-1'), true, JSON.stringify(refusal));
          assert.deepEqual(
            split.seen.map((s) => [s.body.get('client_secret'), s.authorization?.startsWith('Basic ') ?? false]),
            [
              ['s3cret', false],
              [null, true],
            ],
          );
        }
        split.answer(() => ({ status: 401 }));
        const both = await rejection(revoke(client, 'at-1'));
        assert.equal(split.seen.length, 2);
        assert.match(both.message, /\(used: client_secret_basic\)\.$/, 'the last attempt is reported');
      } finally {
        await split.close();
      }
    });

    it('does not retry other failures, and says retrying will not help', async () => {
      const split = await provider({ token_endpoint_auth_methods_supported: ['client_secret_basic'], revocation_endpoint_auth_methods_supported: ['client_secret_post'] });
      try {
        const client = await split.client({ clientId: 'cli', clientSecret: 's3cret' });
        split.answer(() => ({ status: 400, body: { error: 'unsupported_token_type' } }));
        const err = await rejection(revoke(client, 'at-1'));
        assert.equal(err.code, 'revocation-failed');
        assert.equal(err.message, 'Revoking the token failed: the provider answered unsupported_token_type. Retrying will not help if the provider keeps refusing.');
        assert.equal(split.seen.length, 1);
      } finally {
        await split.close();
      }
    });
  });

  describe('code exchange', () => {
    it("reports the provider's error in the callback as the provider refusing the sign-in", async () => {
      const client = await op.client();
      const request = await buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: 'http://127.0.0.1:1234/callback' });
      const err = await rejection(exchangeCode(client, request, new URL(`${request.redirectUri}?error=access_denied&error_description=user+said+no&state=${request.state}`)));
      assert.equal(err.code, 'provider-error');
      assert.equal(err.message, "The identity provider refused the sign-in: access_denied: user said no. Try again, or check the client's settings at the provider.");
      assert.deepEqual([err.error, err.errorDescription], ['access_denied', 'user said no']);
    });

    it("names openid-client's reason and its detail when the token response is malformed", async () => {
      const client = await op.client();
      const request = await buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: 'http://127.0.0.1:1234/callback' });
      op.answer(() => ({ status: 200, body: { access_token: 'at-1' } }));
      const err = await rejection(exchangeCode(client, request, new URL(`${request.redirectUri}?code=abc&state=${request.state}`)));
      assert.equal(err.code, 'token-exchange-failed');
      assert.equal(err.message, 'Exchanging the authorization code for tokens failed: invalid response encountered ("response" body "token_type" property must be a string). Start the sign-in again; if it keeps failing, check the client settings at the provider.');
    });
  });
});
