// Verifying any token (issue 12): against its issuer's keys found through discovery (the demo
// issuer, a real oidc-provider on loopback), or against a pasted JWK, JWK Set, PEM public key,
// X.509 certificate or HMAC secret (real keys from jose and openssl). Wrong keys, wrong
// algorithms, expired tokens, unknown kids and key confusion each fail the row they name.
import { strict as assert } from 'node:assert';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, importPKCS8, SignJWT, type JWK, type JWTPayload } from 'jose';
import { startDemoIssuer, type DemoIssuer } from '../../demo/issuer';
import { discover } from '../../src/core/oidc/discovery';
import { signInWithLoopback } from '../../src/core/oidc/signIn';
import { IssuerKeyCache, parsePublicKeyText, parseSecret, VerifyError, verifyToken, type Verification } from '../../src/core/verify';
import { CA_CERTIFICATE, CA_PRIVATE_KEY, SIGNER_CERTIFICATE, SIGNER_PRIVATE_KEY } from '../fixtures/certificates';
import { hostileValues } from '../fixtures/hostile';
import { loginThroughProvider } from '../support/providerLogin';

const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: JWTPayload = {}): JWTPayload => ({ iss: 'https://issuer.example', sub: 'user-1', aud: 'api', iat: now(), exp: now() + 600, ...extra });

type Pair = { privateKey: CryptoKey; publicJwk: JWK };
async function keyPair(alg: string, kid?: string): Promise<Pair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), ...(kid ? { kid } : {}) } };
}
const sign = (key: CryptoKey | Uint8Array, header: Record<string, unknown>, payload = claims()) => new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key);

const status = (v: Verification, id: string) => v.checks.find((c) => c.id === id)?.status;
const detail = (v: Verification, id: string) => v.checks.find((c) => c.id === id)?.detail ?? '';
const failed = (v: Verification) => v.checks.filter((c) => c.status === 'fail').map((c) => c.id);

async function rejects(promise: Promise<unknown>, code: string, pattern: RegExp) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof VerifyError, `a VerifyError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    return true;
  });
}

/** Signs in to the demo issuer for real and returns its tokens. */
async function signedInTokens(issuer: DemoIssuer, scopes = ['openid', 'profile']) {
  const client = await discover(issuer.issuer, { clientId: issuer.clientId });
  const { tokens } = await signInWithLoopback({ client, scopes, openBrowser: async (url) => void (await fetch(await loginThroughProvider(url.href, issuer.user))) });
  return { idToken: tokens.id_token!, accessToken: tokens.access_token };
}

/** Counts the requests global fetch makes to each path (observation only: every request goes through). */
function countFetches() {
  const original = globalThis.fetch;
  const counts = new Map<string, number>();
  globalThis.fetch = (input, init) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    return original(input, init);
  };
  return { counts, restore: () => void (globalThis.fetch = original) };
}

describe('verify: against the issuer found from the token (demo issuer)', function () {
  let issuer: DemoIssuer;
  let jwtIssuer: DemoIssuer;
  let tokens: { idToken: string; accessToken: string };

  before(async () => {
    [issuer, jwtIssuer] = await Promise.all([startDemoIssuer(), startDemoIssuer({ accessTokenFormat: 'jwt' })]);
    tokens = await signedInTokens(issuer);
  });
  after(() => Promise.all([issuer?.stop(), jwtIssuer?.stop()]));

  it("verifies a real ID token with the keys its iss publishes, every row as for sign-in", async () => {
    const v = await verifyToken(tokens.idToken, { kind: 'issuer', cache: new IssuerKeyCache() });
    assert.deepEqual(failed(v), []);
    assert.equal(v.ok, true);
    assert.equal(status(v, 'signature'), 'pass');
    assert.match(detail(v, 'signature'), /^RS256, verified with the issuer's key "/);
    assert.deepEqual(v.keys, { kind: 'issuer', issuer: issuer.issuer, jwksUri: `${issuer.issuer}/oauth/v2/keys` });
    assert.equal(status(v, 'iss'), 'skip', 'no expected issuer given: shown, not compared');
    assert.match(detail(v, 'iss'), /not compared.*give the issuer you expect/);
    assert.equal(v.checks.find((c) => c.id === 'signature')?.label, 'Signature by the issuer');
    assert.deepEqual(JSON.parse(JSON.stringify(v)), v, 'plain JSON for the webview and other extensions');
  });

  it('compares iss and aud with the values the user gives', async () => {
    const cache = new IssuerKeyCache();
    const good = await verifyToken(tokens.idToken, { kind: 'issuer', cache }, { issuer: issuer.issuer, audience: issuer.clientId });
    assert.deepEqual([status(good, 'iss'), status(good, 'aud')], ['pass', 'pass']);
    const wrongAud = await verifyToken(tokens.idToken, { kind: 'issuer', cache }, { audience: 'someone-else' });
    assert.deepEqual(failed(wrongAud), ['aud']);
    assert.match(detail(wrongAud, 'aud'), /does not contain "someone-else"/);
  });

  it("takes the keys from the expected issuer, not from the token's claim, when one is given", async () => {
    const other = await signedInTokens(jwtIssuer);
    // A token from the second issuer, checked as if it had to come from the first one.
    const v = await verifyToken(other.idToken, { kind: 'issuer', cache: new IssuerKeyCache() }, { issuer: issuer.issuer });
    assert.deepEqual(failed(v), ['signature', 'iss']);
    assert.match(detail(v, 'signature'), /The issuer's key set has no RS256 key ".*", even after fetching it again/);
    assert.equal((v.keys as { issuer: string }).issuer, issuer.issuer);
  });

  it('verifies a JWT access token with the issuer\'s keys', async () => {
    const { accessToken } = await signedInTokens(jwtIssuer, ['openid', 'profile', 'urn:zitadel:iam:org:project:id:zitadel:aud']);
    const v = await verifyToken(accessToken, { kind: 'issuer', cache: new IssuerKeyCache() }, { issuer: jwtIssuer.issuer });
    assert.deepEqual(failed(v), []);
    assert.equal(status(v, 'signature'), 'pass');
  });

  it('caches discovery and keys per issuer; an unknown kid fetches the keys once more, as at sign-in', async () => {
    const cache = new IssuerKeyCache();
    const spy = countFetches();
    try {
      await verifyToken(tokens.idToken, { kind: 'issuer', cache });
      await verifyToken(tokens.idToken, { kind: 'issuer', cache });
      assert.equal(spy.counts.get('/.well-known/openid-configuration'), 1);
      assert.equal(spy.counts.get('/oauth/v2/keys'), 1);
      await issuer.rotateKeys();
      const rotated = await signedInTokens(issuer);
      spy.counts.clear(); // signing in fetched the issuer's documents too
      const v = await verifyToken(rotated.idToken, { kind: 'issuer', cache });
      assert.deepEqual(failed(v), []);
      assert.match(detail(v, 'signature'), /after fetching the rotated key set/);
      assert.equal(spy.counts.get('/oauth/v2/keys'), 1);
      assert.equal(spy.counts.get('/.well-known/openid-configuration'), undefined);
      // The old token's kid is gone: one more fetch, then a failure naming the kid.
      const old = await verifyToken(tokens.idToken, { kind: 'issuer', cache });
      assert.deepEqual(failed(old), ['signature']);
      assert.match(detail(old, 'signature'), /no RS256 key ".+", even after fetching it again/);
      assert.equal(spy.counts.get('/oauth/v2/keys'), 2);
    } finally {
      spy.restore();
    }
  });

  it('never fetches keys for an issuer that is not https (or loopback http), has no iss, or is not a URL', async () => {
    const { privateKey } = await keyPair('RS256', 'k');
    const spy = countFetches();
    try {
      for (const [iss, pattern] of [
        ['http://issuer.example', /is not https: its keys would travel unprotected/],
        [undefined, /has no "iss" claim/],
        ['my-issuer', /is not a URL/],
        [42 as unknown as string, /42 is not a URL/],
        ['https://user:pw@issuer.example', /credentials, a query or a fragment/],
      ] as const) {
        const v = await verifyToken(await sign(privateKey, { alg: 'RS256', kid: 'k' }, claims({ iss })), { kind: 'issuer', cache: new IssuerKeyCache() });
        assert.equal(status(v, 'signature'), 'fail', String(iss));
        assert.match(detail(v, 'signature'), pattern, String(iss));
        assert.match(detail(v, 'signature'), /^Cannot check: .*Paste the key instead/, String(iss));
      }
      assert.equal(spy.counts.size, 0, 'nothing was contacted');
    } finally {
      spy.restore();
    }
  });

  it('says why when the issuer cannot be reached, and does not cache the failure', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const { privateKey } = await keyPair('RS256', 'k');
    const token = await sign(privateKey, { alg: 'RS256', kid: 'k' }, claims({ iss: `http://127.0.0.1:${port}` }));
    const cache = new IssuerKeyCache();
    const v = await verifyToken(token, { kind: 'issuer', cache });
    assert.deepEqual(failed(v), ['signature']);
    assert.match(detail(v, 'signature'), /Cannot check: Cannot reach the issuer at http:\/\/127\.0\.0\.1:\d+: connection refused/);
    // The same cache, once the "issuer" answers, looks it up again (a discovery document that is not JSON).
    const again = createServer((_req, res) => res.end('not json')).listen(port, '127.0.0.1');
    try {
      await new Promise((r) => again.once('listening', r));
      assert.match(detail(await verifyToken(token, { kind: 'issuer', cache }), 'signature'), /did not return JSON/);
    } finally {
      await new Promise((r) => again.close(r));
    }
  });
});

describe('verify: against a pasted key', () => {
  let rsa: Pair;
  let ec: Pair;
  let ed: Pair;
  before(async () => {
    [rsa, ec, ed] = await Promise.all([keyPair('RS256', 'rsa-1'), keyPair('ES256', 'ec-1'), keyPair('EdDSA', 'ed-1')]);
  });
  const withKey = (token: string, text: string, options = {}) => verifyToken(token, { kind: 'key', text }, options);

  it('verifies with a JWK of each key type', async () => {
    const ps = await keyPair('PS384', 'ps-1');
    for (const [pair, alg] of [[rsa, 'RS256'], [ps, 'PS384'], [ec, 'ES256'], [ed, 'EdDSA'], [ed, 'Ed25519']] as const) {
      const v = await withKey(await sign(pair.privateKey, { alg, kid: pair.publicJwk.kid }), JSON.stringify(pair.publicJwk));
      assert.deepEqual(failed(v), [], alg);
      assert.match(detail(v, 'signature'), new RegExp(`^${alg}, verified with the pasted`), alg);
      assert.equal(v.checks.find((c) => c.id === 'signature')?.label, 'Signature (pasted key)');
      assert.equal(v.keys.kind, 'key');
    }
    const v = await withKey(await sign(rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' }), JSON.stringify(rsa.publicJwk));
    assert.deepEqual(v.keys, { kind: 'key', format: 'JWK', description: 'RSA key (2048 bits) "rsa-1"' });
  });

  it('fails the signature for a wrong key of the right type', async () => {
    const other = await keyPair('RS256', 'rsa-1');
    const v = await withKey(await sign(other.privateKey, { alg: 'RS256', kid: 'rsa-1' }), JSON.stringify(rsa.publicJwk));
    assert.deepEqual(failed(v), ['signature']);
    assert.match(detail(v, 'signature'), /does not match: the token was altered or signed by someone else/);
    assert.equal(v.ok, false);
  });

  it('fails a wrong algorithm for the key, naming both', async () => {
    const es = await withKey(await sign(ec.privateKey, { alg: 'ES256' }), JSON.stringify(rsa.publicJwk));
    assert.match(detail(es, 'signature'), /alg ES256, which needs an EC P-256 key; the pasted key is RSA key \(2048 bits\) "rsa-1"/);
    const rs512 = await keyPair('RS512');
    const pinned = await withKey(await sign(rs512.privateKey, { alg: 'RS512' }), JSON.stringify({ ...rs512.publicJwk, alg: 'RS256' }));
    assert.match(detail(pinned, 'signature'), /is for "RS256" only \(its "alg"\); the token says RS512/);
    const enc = await withKey(await sign(rsa.privateKey, { alg: 'RS256' }), JSON.stringify({ ...rsa.publicJwk, use: 'enc' }));
    assert.match(detail(enc, 'signature'), /marked for "enc"/);
    const p384 = await keyPair('ES384');
    assert.match(detail(await withKey(await sign(p384.privateKey, { alg: 'ES384' }), JSON.stringify(ec.publicJwk)), 'signature'), /needs an EC P-384 key; the pasted key is EC P-256 key/);
  });

  it('uses a single pasted key whatever kid the token names, and says so', async () => {
    const v = await withKey(await sign(rsa.privateKey, { alg: 'RS256', kid: 'rotated-away' }), JSON.stringify(rsa.publicJwk));
    assert.deepEqual(failed(v), []);
    assert.match(detail(v, 'signature'), /names key "rotated-away", the pasted key is "rsa-1": it verified all the same/);
  });

  it('picks the key by kid from a pasted JWK Set, and fails an unknown kid without any fetch', async () => {
    const set = JSON.stringify({ keys: [ec.publicJwk, rsa.publicJwk, ed.publicJwk] });
    const v = await withKey(await sign(rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' }), set);
    assert.deepEqual(failed(v), []);
    assert.deepEqual(v.keys, { kind: 'key', format: 'JWK Set', description: '3 keys' });
    const spy = countFetches();
    try {
      const unknown = await withKey(await sign(rsa.privateKey, { alg: 'RS256', kid: 'nobody' }), set);
      assert.deepEqual(failed(unknown), ['signature']);
      assert.match(detail(unknown, 'signature'), /The pasted key set has no RS256 key "nobody"/);
      assert.equal(spy.counts.size, 0);
    } finally {
      spy.restore();
    }
    // No kid: every fitting key is tried.
    const noKid = await withKey(await sign(ec.privateKey, { alg: 'ES256' }), JSON.stringify({ keys: [rsa.publicJwk, { ...ec.publicJwk, kid: 'a' }, (await keyPair('ES256', 'b')).publicJwk] }));
    assert.deepEqual(failed(noKid), []);
  });

  it('verifies with a PEM public key (SPKI) and with a PKCS#1 RSA PUBLIC KEY', async () => {
    const token = await sign(rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' });
    const spki = await exportSPKI(await (await import('jose')).importJWK(rsa.publicJwk, 'RS256', { extractable: true }) as CryptoKey);
    const v = await withKey(token, `\n  ${spki}\n`);
    assert.deepEqual(failed(v), []);
    assert.deepEqual(v.keys, { kind: 'key', format: 'PEM public key', description: 'RSA key (2048 bits)' });
    const pkcs1 = createPublicKey({ key: rsa.publicJwk as never, format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' }) as string;
    assert.match(pkcs1, /BEGIN RSA PUBLIC KEY/);
    assert.deepEqual(failed(await withKey(token, pkcs1)), []);
    // Node's own EC and Ed25519 PEMs.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const edToken = await sign(privateKey as unknown as CryptoKey, { alg: 'EdDSA' });
    assert.deepEqual(failed(await withKey(edToken, publicKey.export({ type: 'spki', format: 'pem' }) as string)), []);
  });

  it('verifies with an X.509 certificate (RSA and EC), saying what is not checked about it', async () => {
    const caToken = await sign(await importPKCS8(CA_PRIVATE_KEY, 'RS256'), { alg: 'RS256' });
    const ca = await withKey(caToken, CA_CERTIFICATE);
    assert.deepEqual(failed(ca), []);
    assert.deepEqual(ca.keys, { kind: 'key', format: 'X.509 certificate', description: 'RSA key (2048 bits)', note: "Only the certificate's key is used: its validity dates, subject and chain are not checked." });
    const signerToken = await sign(await importPKCS8(SIGNER_PRIVATE_KEY, 'ES256'), { alg: 'ES256' });
    const chain = await withKey(signerToken, `${SIGNER_CERTIFICATE}\n${CA_CERTIFICATE}`);
    assert.deepEqual(failed(chain), []);
    assert.match((chain.keys as { note: string }).note, /the certificate after the first is ignored/);
    assert.deepEqual(failed(await withKey(signerToken, CA_CERTIFICATE)), ['signature'], 'the CA did not sign the token itself');
  });

  it('refuses private keys (PEM, JWK, ZITADEL key file) with the way to the public key', async () => {
    await rejects(parsePublicKeyText(CA_PRIVATE_KEY), 'private-key', /private key \(PRIVATE KEY\).*openssl pkey -in key\.pem -pubout/);
    await rejects(parsePublicKeyText(`-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----`), 'private-key', /RSA PRIVATE KEY/);
    const privateJwk = await exportJWK(rsa.privateKey);
    await rejects(parsePublicKeyText(JSON.stringify(privateJwk)), 'private-key', /is a private key \(it has "d", "p", "q", "dp", "dq", "qi"\)/);
    await rejects(parsePublicKeyText(JSON.stringify({ keys: [rsa.publicJwk, privateJwk] })), 'private-key', /Key 2 of the pasted JWK Set is a private key/);
    await rejects(parsePublicKeyText(JSON.stringify({ type: 'application', keyId: '1', key: CA_PRIVATE_KEY, appId: '2', clientId: '3' })), 'private-key', /ZITADEL key file/);
  });

  it('explains every other unusable paste', async () => {
    const cases: [string, RegExp][] = [
      ['', /No key given/],
      ['hello', /Not a key Token Inspector can read/],
      ['https://issuer.example/oauth/v2/keys', /That is an address, not a key/],
      ['ssh-ed25519 AAAAC3Nz user@host', /SSH public key.*ssh-keygen -e -m PKCS8/],
      ['{"kty":', /starts like JSON but is not/],
      ['[1,2]', /an array/],
      ['{"a":1}', /neither "kty" \(a JWK\) nor "keys"/],
      ['{"keys":[]}', /has no keys/],
      ['{"kty":"RSA","n":"AQAB"}', /not a usable RSA key/],
      ['{"kty":"EC","crv":"secp256k1","x":"a","y":"b"}', /curve "secp256k1"; supported: P-256, P-384, P-521/],
      ['{"kty":"OKP","crv":"X25519","x":"a"}', /curve "X25519"/],
      ['{"kty":"RSA","n":"x","e":"AQAB","kid":{"a":1}}', /"kid" that is not a string/],
      ['{"kty":"XYZ"}', /kty "XYZ"/],
      ['{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}', /shared secret \(kty "oct"\)/],
      ['-----BEGIN PUBLIC KEY-----\nMIIB', /no matching -----END line/],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', /could not be read/],
      ['-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----', /CERTIFICATE REQUEST is not a key to verify with/],
      ['x'.repeat(300_000), /a key, key set or certificate chain has far fewer/],
    ];
    for (const [text, pattern] of cases) await rejects(parsePublicKeyText(text), 'bad-key', pattern);
  });

  it('never lets a hostile paste throw anything but a VerifyError', async () => {
    let refused = 0;
    for (const { name, value } of hostileValues()) {
      for (const text of [value, `{"kty":"RSA","n":${JSON.stringify(value)},"e":"AQAB"}`, `-----BEGIN PUBLIC KEY-----\n${value}\n-----END PUBLIC KEY-----`, `-----BEGIN ${value}`]) {
        await parsePublicKeyText(text).then(
          () => undefined,
          (err) => {
            assert.ok(err instanceof VerifyError, `${name}: ${String(err)}`);
            refused++;
          },
        );
      }
    }
    assert.ok(refused >= hostileValues().length * 4 - 2, `${refused} refused`);
  });
});

describe('verify: HMAC secrets and key confusion', () => {
  const secret = 'a shared secret of at least 32 bytes!';
  const bytes = new TextEncoder().encode(secret);

  it('verifies HS256/384/512 with the secret as text, base64 or hex', async () => {
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      const token = await sign(new TextEncoder().encode('s'.repeat(64)), { alg });
      const v = await verifyToken(token, { kind: 'secret', secret: 's'.repeat(64) });
      assert.deepEqual(failed(v), [], alg);
      assert.equal(v.checks.find((c) => c.id === 'signature')?.label, 'Signature (HMAC secret)');
    }
    const token = await sign(bytes, { alg: 'HS256' });
    assert.deepEqual(failed(await verifyToken(token, { kind: 'secret', secret: Buffer.from(bytes).toString('base64'), encoding: 'base64' })), []);
    assert.deepEqual(failed(await verifyToken(token, { kind: 'secret', secret: Buffer.from(bytes).toString('base64url'), encoding: 'base64' })), []);
    assert.deepEqual(failed(await verifyToken(token, { kind: 'secret', secret: Buffer.from(bytes).toString('hex'), encoding: 'hex' })), []);
    const v = await verifyToken(token, { kind: 'secret', secret });
    assert.deepEqual(v.keys, { kind: 'secret', format: 'HMAC secret', description: '37-byte secret' });
    assert.ok(!JSON.stringify(v).includes(secret), 'the secret is not in the result');
  });

  it('fails a wrong secret, hinting at the encoding', async () => {
    const token = await sign(bytes, { alg: 'HS256' });
    const v = await verifyToken(token, { kind: 'secret', secret: Buffer.from(bytes).toString('base64') });
    assert.deepEqual(failed(v), ['signature']);
    assert.match(detail(v, 'signature'), /The MAC does not match: a wrong secret \(mind how it is encoded/);
  });

  it('passes a short secret, saying that anyone who guesses it can make tokens', async () => {
    const v = await verifyToken(await sign(new TextEncoder().encode('secret'), { alg: 'HS256' }), { kind: 'secret', secret: 'secret' });
    assert.equal(status(v, 'signature'), 'pass');
    assert.match(detail(v, 'signature'), /only 6 bytes; HS256 needs at least 32 \(RFC 7518 §3\.2\)/);
  });

  it('refuses a public-key token checked with a secret', async () => {
    const { privateKey } = await keyPair('RS256');
    const v = await verifyToken(await sign(privateKey, { alg: 'RS256' }), { kind: 'secret', secret });
    assert.deepEqual(failed(v), ['signature']);
    assert.match(detail(v, 'signature'), /alg "RS256" is a public-key signature, but a shared secret was given/);
  });

  it('refuses key confusion: an HS256 token "signed" with the public key, checked with that public key', async () => {
    const { privateKey, publicJwk } = await keyPair('RS256', 'rsa-1');
    void privateKey;
    const pem = await exportSPKI(await (await import('jose')).importJWK(publicJwk, 'RS256', { extractable: true }) as CryptoKey);
    for (const macKey of [pem, JSON.stringify(publicJwk)]) {
      const forged = await sign(new TextEncoder().encode(macKey), { alg: 'HS256', kid: 'rsa-1' });
      const v = await verifyToken(forged, { kind: 'key', text: macKey });
      assert.deepEqual(failed(v), ['signature']);
      assert.match(detail(v, 'signature'), /alg "HS256" is a shared-secret MAC, and the pasted key is public: .*key-confusion attack \(RFC 8725 §2\.1\)/);
    }
    const set = await verifyToken(await sign(new TextEncoder().encode(pem), { alg: 'HS256', kid: 'rsa-1' }), { kind: 'key', text: JSON.stringify({ keys: [publicJwk] }) });
    assert.match(detail(set, 'signature'), /the pasted keys are public: .*key-confusion/);
  });

  it('never accepts alg none, whatever the key', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const token = `${b64({ alg: 'none' })}.${b64(claims())}.`;
    const { publicJwk } = await keyPair('RS256');
    for (const choice of [{ kind: 'secret', secret } as const, { kind: 'key', text: JSON.stringify(publicJwk) } as const]) {
      const v = await verifyToken(token, choice);
      assert.deepEqual(failed(v), ['signature']);
      assert.match(detail(v, 'signature'), /unsigned and is never accepted/);
    }
  });

  it('ignores a key the token brings along in its header', async () => {
    const attacker = await keyPair('RS256');
    const real = await keyPair('RS256');
    const token = await sign(attacker.privateKey, { alg: 'RS256', jwk: attacker.publicJwk });
    const v = await verifyToken(token, { kind: 'key', text: JSON.stringify(real.publicJwk) });
    assert.deepEqual(failed(v), ['signature']);
    assert.match(detail(v, 'signature'), /The header's "jwk" was ignored: a key the token brings along proves nothing/);
  });

  it('refuses empty and badly encoded secrets', () => {
    assert.throws(() => parseSecret(''), /No secret given/);
    assert.throws(() => parseSecret('not base64!', 'base64'), /not valid base64/);
    assert.throws(() => parseSecret('abc', 'hex'), /not hex/);
    assert.throws(() => parseSecret('x', 'rot13' as never), /Unknown secret encoding "rot13"/);
  });
});

describe('verify: times with clock skew', () => {
  it('fails an expired token on exp only, allowing the skew the user sets', async () => {
    const { privateKey, publicJwk } = await keyPair('ES256');
    const at = now();
    const expired = await sign(privateKey, { alg: 'ES256' }, claims({ exp: at - 30, iat: at - 600 }));
    const text = JSON.stringify(publicJwk);
    assert.deepEqual(failed(await verifyToken(expired, { kind: 'key', text }, { now: at * 1000 })), [], 'within the default 60 s');
    const strict = await verifyToken(expired, { kind: 'key', text }, { clockSkewSeconds: 0, now: at * 1000 });
    assert.deepEqual(failed(strict), ['exp']);
    assert.match(detail(strict, 'exp'), /^Expired .*\(30 s ago\)/);
    const future = await verifyToken(await sign(privateKey, { alg: 'ES256' }, claims({ nbf: now() + 3600 })), { kind: 'key', text });
    assert.deepEqual(failed(future), ['nbf']);
    const forever = await verifyToken(await sign(privateKey, { alg: 'ES256' }, { sub: 'x' }), { kind: 'key', text });
    assert.equal(status(forever, 'exp'), 'skip');
    assert.match(detail(forever, 'exp'), /never expires/);
  });

  it('shows a nonce without comparing it: only a sign-in knows the one it sent', async () => {
    const { privateKey, publicJwk } = await keyPair('ES256');
    const text = JSON.stringify(publicJwk);
    const withNonce = await verifyToken(await sign(privateKey, { alg: 'ES256' }, claims({ nonce: 'n-1' })), { kind: 'key', text });
    assert.equal(status(withNonce, 'nonce'), 'skip');
    assert.equal(detail(withNonce, 'nonce'), '"n-1"; only compared with the one sent at sign-in.');
    const without = await verifyToken(await sign(privateKey, { alg: 'ES256' }, claims()), { kind: 'key', text });
    assert.equal(detail(without, 'nonce'), 'Absent.');
  });

  it('decodes the pasted text as Decode JWT does (Bearer prefix, line breaks), and refuses what is no JWT', async () => {
    const { privateKey, publicJwk } = await keyPair('ES256');
    const token = await sign(privateKey, { alg: 'ES256' });
    const v = await verifyToken(`Authorization: Bearer ${token.slice(0, 40)}\n${token.slice(40)}`, { kind: 'key', text: JSON.stringify(publicJwk) });
    assert.deepEqual(failed(v), []);
    await assert.rejects(verifyToken('opaque-token', { kind: 'key', text: JSON.stringify(publicJwk) }), { name: 'TokenError', code: 'not-compact' });
  });
});
