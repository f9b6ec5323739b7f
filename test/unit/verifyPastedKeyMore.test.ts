// More of what a pasted key, secret or certificate becomes (or is told), and what verifying
// against an issuer that cannot be contacted says: exact keys, descriptions, notes and messages.
// Real keys from jose, a real (small) RSA certificate made with OpenSSL; no server involved.
import { strict as assert } from 'node:assert';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { IssuerKeyCache, parsePublicKeyText, parseSecret, verifyToken, VerifyError, type PastedKey } from '../../src/core/verify';
import { SIGNER_CERTIFICATE } from '../fixtures/certificates';

/** RSA 1024, self-signed (openssl req -x509 -newkey rsa:1024): too small to verify anything. */
const SMALL_RSA_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIICJDCCAY2gAwIBAgIUc8NAgecmrsAdciN4nTvYmBv3FGgwDQYJKoZIhvcNAQEL
BQAwJDEiMCAGA1UEAwwZVG9rZW4gSW5zcGVjdG9yIHNtYWxsIFJTQTAeFw0yNjEy
MDIwNDUxMTVaFw0zNjExMjkwNDUxMTVaMCQxIjAgBgNVBAMMGVRva2VuIEluc3Bl
Y3RvciBzbWFsbCBSU0EwgZ8wDQYJKoZIhvcNAQEBBQADgY0AMIGJAoGBAOhVm3yq
Oi4RhtM8IFNmGHxxR+HClGKp0t6SeVDmjhkXgE3xoedb3NVSfmq3L0LVgK3DpnUo
+GJ3qi2inwgI5etjwF5q5Auuxf4CGI2DtHWzuC7Dpnfr/DF7lbMIRc8aBcU8JnOl
5U4pjooRkLskvWIq7h+34W1wG/tKghv/2qf5AgMBAAGjUzBRMB0GA1UdDgQWBBQs
TPkB6TnDWO3/pzBXzjqBX9lcSzAfBgNVHSMEGDAWgBQsTPkB6TnDWO3/pzBXzjqB
X9lcSzAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4GBALKQEwgrB0y6
aLv3ZQ/mpyOd0ingzefse91Ru2ZX5/H/mv1ED9dv4TfrdGO5P2TB+hVyi0E9N57+
dBuqlKYdxIYaIPIryhMxqzZFATJQEyQDllrJbDls2xBeoB2UJGT45bEdPfnM3RbJ
VJU2n6yDc6q7NMk9+d7IUy1+Jpor/fnQ
-----END CERTIFICATE-----`;

async function refusal(run: () => Promise<unknown> | unknown): Promise<VerifyError> {
  let caught: unknown;
  try {
    await run();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof VerifyError, `a VerifyError, got ${String(caught)}`);
  return caught;
}

async function publicJwk(alg: string): Promise<JWK> {
  const { publicKey } = await generateKeyPair(alg, { extractable: true });
  return exportJWK(publicKey);
}

const secretBytes = (key: PastedKey) => (key.keys.kind === 'secret' ? [...key.keys.secret] : undefined);

describe('verify: pasted secrets, more', () => {
  it('refuses a secret that is not a string as no secret given', async () => {
    const err = await refusal(() => parseSecret(42 as unknown as string));
    assert.deepEqual({ code: err.code, message: err.message }, { code: 'bad-secret', message: 'No secret given: paste the shared secret the token was signed with.' });
  });

  it('ignores whitespace around a base64 or hex secret', () => {
    assert.deepEqual(secretBytes(parseSecret('\n c2VjcmV0 \n', 'base64')), [...Buffer.from('secret')]);
    assert.deepEqual(secretBytes(parseSecret(' 0a0B\n', 'hex')), [0x0a, 0x0b]);
  });

  it('refuses a base64 secret of only whitespace, which decodes to nothing', async () => {
    const err = await refusal(() => parseSecret('   ', 'base64'));
    assert.equal(err.message, 'The secret is not valid base64 or base64url. If it is the secret text itself, choose "text".');
  });
});

describe('verify: pasted JWKs, more', () => {
  it('reads a JWK with whitespace before it', async () => {
    const jwk = await publicJwk('ES256');
    const key = await parsePublicKeyText(`\n  ${JSON.stringify(jwk)}`);
    assert.equal(key.format, 'JWK');
  });

  it('keeps only the members a JWK has, none set to undefined', async () => {
    const jwk = await publicJwk('ES256');
    const key = await parsePublicKeyText(JSON.stringify(jwk));
    assert.deepEqual(key.keys, { kind: 'key', owner: 'pasted', jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } });
  });

  it('reads P-384 and P-521 keys, describing their curves', async () => {
    assert.equal((await parsePublicKeyText(JSON.stringify(await publicJwk('ES384')))).description, 'EC P-384 key');
    assert.equal((await parsePublicKeyText(JSON.stringify(await publicJwk('ES512')))).description, 'EC P-521 key');
  });

  it('does not take an EC key with a stray "n" for a small RSA key', async () => {
    const key = await parsePublicKeyText(JSON.stringify({ ...(await publicJwk('ES256')), n: 'AQAB' }));
    assert.equal(key.description, 'EC P-256 key');
  });

  it('says which key member is not base64url, an empty one included', async () => {
    const jwk = await publicJwk('ES256');
    assert.equal((await refusal(() => parsePublicKeyText(JSON.stringify({ ...jwk, x: 'not base64!' })))).message, 'The pasted JWK is not a usable EC key: its "x" is not base64url.');
    assert.equal((await refusal(() => parsePublicKeyText(JSON.stringify({ ...jwk, y: '' })))).message, 'The pasted JWK is not a usable EC key: its "y" is not base64url.');
  });

  it('takes an "oct" JWK that also has a "key" member for a secret, not a ZITADEL key file', async () => {
    const key = await parsePublicKeyText(JSON.stringify({ kty: 'oct', k: 'c2VjcmV0', key: 'something' }));
    assert.deepEqual({ format: key.format, bytes: secretBytes(key) }, { format: 'HMAC secret', bytes: [...Buffer.from('secret')] });
  });

  it('describes a JWK Set of one key as that key', async () => {
    const key = await parsePublicKeyText(JSON.stringify({ keys: [{ ...(await publicJwk('Ed25519')), kid: 'e1' }] }));
    assert.deepEqual({ format: key.format, description: key.description }, { format: 'JWK Set', description: 'Ed25519 key "e1"' });
  });

  it('says a null in a JWK Set is not an object', async () => {
    const err = await refusal(() => parsePublicKeyText('{"keys": [null]}'));
    assert.deepEqual({ code: err.code, message: err.message }, { code: 'bad-key', message: 'Key 1 of the pasted JWK Set is not an object.' });
  });
});

describe('verify: pasted certificates, more', () => {
  it("refuses a certificate's RSA key under 2048 bits, naming it the certificate's key", async () => {
    const err = await refusal(() => parsePublicKeyText(SMALL_RSA_CERTIFICATE));
    assert.equal(err.message, "The pasted certificate's key is an RSA key of only 1024 bits; RS256 to PS512 need at least 2048 (RFC 7518 §3.3): it cannot verify a token.");
  });

  it('counts only certificates as ignored, not other blocks pasted after the first', async () => {
    const text = `${SIGNER_CERTIFICATE}\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n`;
    const key = await parsePublicKeyText(text);
    assert.deepEqual({ format: key.format, note: key.note }, { format: 'X.509 certificate', note: "Only the certificate's key is used: its validity dates, subject and chain are not checked." });
  });
});

describe('verify: an issuer that cannot be contacted', () => {
  const token = async (iss: unknown) => {
    const { privateKey } = await generateKeyPair('ES256');
    return new SignJWT({ iss, sub: 'user-1' } as Record<string, unknown>).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  };
  const signatureRow = (v: Awaited<ReturnType<typeof verifyToken>>) => v.checks.find((c) => c.id === 'signature');

  it("names no issuer when the token's iss is not a string, and says why in the signature row", async () => {
    const v = await verifyToken(await token(42), { kind: 'issuer', cache: new IssuerKeyCache() });
    assert.deepEqual(v.keys, { kind: 'issuer', issuer: '' });
    assert.deepEqual({ status: signatureRow(v)?.status, detail: signatureRow(v)?.detail }, { status: 'fail', detail: "Cannot check: The token's issuer 42 is not a URL, so its keys cannot be looked up. Paste the key instead." });
  });

  it("names the token's iss when it is a string that cannot be contacted", async () => {
    const v = await verifyToken(await token('http://issuer.example'), { kind: 'issuer', cache: new IssuerKeyCache() });
    assert.deepEqual(v.keys, { kind: 'issuer', issuer: 'http://issuer.example' });
  });

  it('names the expected issuer, not the token\'s iss, when the expected one cannot be contacted', async () => {
    const v = await verifyToken(await token(42), { kind: 'issuer', cache: new IssuerKeyCache() }, { issuer: 'ftp://issuer.example' });
    assert.deepEqual(v.keys, { kind: 'issuer', issuer: 'ftp://issuer.example' });
  });
});
