// Stored token sets read back, issuer URLs vetted, and signature checks that fail before or
// beside the signature itself (a MAC alg not checked, a pasted key jose cannot import, a token
// too broken to check with a secret).
import { strict as assert } from 'node:assert';
import { decodeProtectedHeader } from 'jose';
import { OidcError } from '../../src/core/oidc/errors';
import { checkSignature } from '../../src/core/oidc/signature';
import { parseStoredTokenSet, readStoredTokenSet, toStoredTokenSet } from '../../src/core/oidc/tokenSet';
import { parseIssuerUrl } from '../../src/core/oidc/urls';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('oidc stored token sets and issuer URLs', () => {
  it('reads back what it stored, and nothing that is not JSON or not a token set', () => {
    const set = toStoredTokenSet('https://issuer.example', 'cli', { access_token: 'at', token_type: 'Bearer', refresh_token: 'rt', expires_in: 60, scope: 'openid' }, 10_500);
    assert.deepEqual(set, { issuer: 'https://issuer.example', client_id: 'cli', access_token: 'at', token_type: 'Bearer', refresh_token: 'rt', expires_at: 70, scope: 'openid', obtained_at: 10 });
    assert.deepEqual(parseStoredTokenSet(JSON.stringify(set)), set);
    assert.equal(parseStoredTokenSet('{"issuer":'), undefined, 'not JSON');
    assert.equal(parseStoredTokenSet(''), undefined);
    assert.equal(parseStoredTokenSet('null'), undefined);
    assert.equal(readStoredTokenSet({ ...set, scope: 42 }), undefined);
  });

  it('refuses an issuer URL that is the discovery document itself, saying how to enter it', () => {
    assert.throws(() => parseIssuerUrl('https://issuer.example/.well-known/openid-configuration'), (err: unknown) => {
      assert.ok(err instanceof OidcError);
      assert.equal(err.code, 'invalid-issuer-url');
      assert.equal(err.message, 'Enter the issuer itself, without /.well-known/openid-configuration: discovery is found from it.');
      return true;
    });
    assert.equal(parseIssuerUrl('  https://issuer.example/tenant  ').href, 'https://issuer.example/tenant');
  });

  it('says what is wrong with an issuer URL, showing only its harmless parts', () => {
    const refusal = (text: string) => {
      try {
        parseIssuerUrl(text);
      } catch (err) {
        assert.ok(err instanceof OidcError);
        return `${err.code}: ${err.message}`;
      }
      return assert.fail(`accepted ${text}`);
    };
    assert.equal(refusal('my-instance'), 'invalid-issuer-url: "my-instance" is not a URL. Enter the issuer, e.g. https://my-instance.zitadel.cloud.');
    assert.equal(refusal('https://user:pw@issuer.example/t?x=1#f'), 'invalid-issuer-url: The issuer URL must not contain credentials, a query or a fragment: https://issuer.example/t');
    assert.equal(refusal('http://issuer.example:8080/t'), 'insecure-issuer: The issuer must use https:// (plain http is allowed only for 127.0.0.1, localhost or [::1]); got http://issuer.example:8080.');
  });
});

describe('oidc signature checks that fail beside the signature', () => {
  const token = (header: Record<string, unknown>) => `${b64(header)}.${b64({ sub: 'x' })}.c2ln`;

  it('refuses a MAC algorithm it does not check even with a shared secret, naming those it does', async () => {
    const jwt = token({ alg: 'HS1' });
    const outcome = await checkSignature(jwt, decodeProtectedHeader(jwt), { kind: 'secret', owner: 'pasted', secret: new TextEncoder().encode('s'.repeat(64)) });
    assert.deepEqual(outcome, { status: 'fail', detail: 'alg "HS1" is not a MAC Token Inspector checks, but a shared secret was given: use HS256, HS384, HS512.' });
  });

  it('says why a pasted key that fits the algorithm cannot be imported', async () => {
    const jwt = token({ alg: 'RS256' });
    const outcome = await checkSignature(jwt, decodeProtectedHeader(jwt), { kind: 'key', owner: 'pasted', jwk: { kty: 'RSA', n: 'AQAB' } });
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.detail, /^The pasted key cannot check RS256: .+\.$/);
  });

  it('says the signature could not be verified when the token is too broken to check with a secret', async () => {
    const jwt = `${b64({ alg: 'HS256', crit: ['exp'] })}.${b64({ sub: 'x' })}.c2ln`;
    const outcome = await checkSignature(jwt, decodeProtectedHeader(jwt), { kind: 'secret', owner: 'pasted', secret: new TextEncoder().encode('s'.repeat(64)) });
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.detail, /^The signature could not be verified: .+\.$/);
  });
});
