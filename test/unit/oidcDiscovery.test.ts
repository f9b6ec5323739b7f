import { strict as assert } from 'node:assert';
import { buildAuthorizationRequest } from '../../src/core/oidc/authorize';
import { discover, type ClientSettings } from '../../src/core/oidc/discovery';
import { exchangeCode } from '../../src/core/oidc/tokens';
import { metadata, serve } from '../support/loopbackIssuer';
import { rejection } from '../support/oidcAssertions';

const PUBLIC: ClientSettings = { clientId: 'cli' };

describe('oidc discovery', () => {
  it('refuses non-https issuers except on loopback, and non-URLs', async () => {
    assert.equal((await rejection(discover('http://issuer.example', PUBLIC))).code, 'insecure-issuer');
    assert.equal((await rejection(discover('http://10.0.0.1:8080', PUBLIC))).code, 'insecure-issuer');
    assert.equal((await rejection(discover('issuer.example', PUBLIC))).code, 'invalid-issuer-url');
    assert.equal((await rejection(discover('https://issuer.example/?tenant=1', PUBLIC))).code, 'invalid-issuer-url');
  });

  it('says clearly when the issuer is down', async () => {
    const gone = await serve(() => undefined);
    await gone.close();
    const err = await rejection(discover(gone.base, PUBLIC));
    assert.equal(err.code, 'network');
    assert.match(err.message, new RegExp(`Cannot reach the issuer at ${gone.base}: connection refused`));
  });

  it('says clearly when discovery returns HTML instead of JSON', async () => {
    const html = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>'));
    try {
      const err = await rejection(discover(html.base, PUBLIC));
      assert.equal(err.code, 'discovery-failed');
      assert.match(err.message, /\/\.well-known\/openid-configuration did not return JSON/);
    } finally {
      await html.close();
    }
  });

  it('reports the HTTP status when there is no discovery document', async () => {
    const missing = await serve((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{}'));
    try {
      const err = await rejection(discover(missing.base, PUBLIC));
      assert.equal(err.code, 'discovery-failed');
      assert.equal(err.status, 404);
      assert.match(err.message, /answered HTTP 404/);
    } finally {
      await missing.close();
    }
  });

  it('rejects a discovery document naming another issuer', async () => {
    const other = await serve((_req, res, base) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata(base, { issuer: 'https://evil.example' }))));
    try {
      const err = await rejection(discover(other.base, PUBLIC));
      assert.equal(err.code, 'issuer-mismatch');
      assert.match(err.message, /names the issuer "https:\/\/evil\.example"/);
    } finally {
      await other.close();
    }
  });

  it('does not let a plain-http loopback issuer point its endpoints elsewhere over http', async () => {
    const sneaky = await serve((_req, res, base) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata(base, { token_endpoint: 'http://evil.example/token' }))));
    try {
      const err = await rejection(discover(sneaky.base, PUBLIC));
      assert.equal(err.code, 'insecure-issuer');
      assert.match(err.message, /token_endpoint http:\/\/evil\.example/);
    } finally {
      await sneaky.close();
    }
  });

  it('refuses an issuer without PKCE S256', async () => {
    const plain = await serve((_req, res, base) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata(base, { code_challenge_methods_supported: ['plain'] }))));
    try {
      const client = await discover(plain.base, PUBLIC);
      const err = await rejection(buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: 'http://127.0.0.1:1/callback' }));
      assert.equal(err.code, 'unsupported');
    } finally {
      await plain.close();
    }
  });

  it('reports an issuer that went away between discovery and the code exchange as a network problem', async () => {
    const shortLived = await serve((_req, res, base) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata(base))));
    const client = await discover(shortLived.base, PUBLIC);
    const request = await buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: 'http://127.0.0.1:1234/callback' });
    await shortLived.close();
    const err = await rejection(exchangeCode(client, request, new URL(`${request.redirectUri}?code=abc&state=${request.state}`)));
    assert.equal(err.code, 'network');
    assert.match(err.message, /failed: (connection refused|the connection was reset)\. Check your network/); // a pooled keep-alive socket gets a reset
  });

  describe('client authentication at the token endpoint', () => {
    let seen: { authorization?: string; body: URLSearchParams }[] = [];
    let issuer: Awaited<ReturnType<typeof serve>>;
    before(async () => {
      issuer = await serve((req, res, base) => {
        if (req.url === '/.well-known/openid-configuration') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata(base)));
          return;
        }
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          seen.push({ authorization: req.headers.authorization, body: new URLSearchParams(body) });
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant', error_description: 'test issuer' }));
        });
      });
    });
    after(() => issuer.close());

    async function exchangeWith(settings: ClientSettings) {
      seen = [];
      const client = await discover(issuer.base, settings);
      const request = await buildAuthorizationRequest({ client, scopes: ['openid'], redirectUri: 'http://127.0.0.1:1234/callback' });
      const callback = new URL(`${request.redirectUri}?code=abc&state=${request.state}`);
      const err = await rejection(exchangeCode(client, request, callback));
      assert.equal(err.code, 'token-exchange-failed');
      assert.equal(err.error, 'invalid_grant');
      assert.equal(seen.length, 1, JSON.stringify(seen.map((s) => [s.authorization, s.body.toString()])));
      return { request, sent: seen[0] };
    }

    it('a public client sends client_id and the PKCE verifier, never a client_secret', async () => {
      const { request, sent } = await exchangeWith(PUBLIC);
      assert.equal(sent.authorization, undefined);
      assert.equal(sent.body.get('client_id'), 'cli');
      assert.equal(sent.body.has('client_secret'), false);
      assert.equal(sent.body.get('code_verifier'), request.codeVerifier);
      assert.equal(sent.body.get('redirect_uri'), 'http://127.0.0.1:1234/callback');
      assert.equal(request.url.searchParams.get('code_challenge_method'), 'S256');
    });

    it('a confidential client uses client_secret_basic by default, or client_secret_post', async () => {
      const basic = await exchangeWith({ clientId: 'cli', clientSecret: 's3cret' });
      assert.equal(basic.sent.authorization, `Basic ${Buffer.from('cli:s3cret').toString('base64')}`);
      assert.equal(basic.sent.body.has('client_secret'), false);
      const post = await exchangeWith({ clientId: 'cli', clientSecret: 's3cret', authMethod: 'client_secret_post' });
      assert.equal(post.sent.authorization, undefined);
      assert.equal(post.sent.body.get('client_secret'), 's3cret');
    });

    it('makes fresh state, nonce and verifier for every attempt', async () => {
      const client = await discover(issuer.base, PUBLIC);
      const a = await buildAuthorizationRequest({ client, scopes: ['profile'], redirectUri: 'http://127.0.0.1:1/callback' });
      const b = await buildAuthorizationRequest({ client, scopes: ['profile'], redirectUri: 'http://127.0.0.1:1/callback' });
      assert.notEqual(a.state, b.state);
      assert.notEqual(a.nonce, b.nonce);
      assert.notEqual(a.codeVerifier, b.codeVerifier);
      assert.equal(a.url.searchParams.get('scope'), 'openid profile');
      assert.equal(a.url.searchParams.has('client_secret'), false);
    });
  });
});
