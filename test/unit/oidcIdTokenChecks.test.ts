import { createHash } from 'node:crypto';
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { checkIdToken, computeAtHash, type IdTokenCheckOptions, type IdTokenCheckResult } from '../../src/core/oidc/idTokenChecks';
import { JwksSource } from '../../src/core/oidc/jwks';

const ISSUER = 'https://issuer.example';
const CLIENT_ID = 'token-inspector-demo';
const NONCE = 'nonce-123';
const ACCESS_TOKEN = 'opaque-access-token-value';

type Key = { kid: string; alg: string; privateKey: CryptoKey; publicJwk: JWK };

async function makeKey(kid: string, alg = 'RS256'): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A real JWKS endpoint on loopback whose keys the test can swap, counting fetches. */
class JwksServer {
  keys: JWK[] = [];
  fetches = 0;
  private server: Server = createServer((_req, res) => {
    this.fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys }));
  });
  uri = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.uri = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/oauth/v2/keys`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(r));
  }
}

/** computeAtHash(ACCESS_TOKEN, 'RS256'), set before the tests (WebCrypto is asynchronous). */
let AT_HASH_RS256: string | undefined;

function claims(overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, sub: '259242039378444290', aud: CLIENT_ID, exp: now + 3600, iat: now, nonce: NONCE, at_hash: AT_HASH_RS256, ...overrides };
}

function sign(key: Key, payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header }).sign(key.privateKey);
}

function failed(result: IdTokenCheckResult): string[] {
  return result.checks.filter((c) => c.status === 'fail').map((c) => c.id);
}

function detail(result: IdTokenCheckResult, id: string): string {
  return result.checks.find((c) => c.id === id)?.detail ?? '';
}

describe('oidc ID token checks', () => {
  const jwksServer = new JwksServer();
  let key: Key;
  let options: IdTokenCheckOptions;

  before(async () => {
    AT_HASH_RS256 = await computeAtHash(ACCESS_TOKEN, 'RS256');
    await jwksServer.start();
    key = await makeKey('key-1');
  });
  after(() => jwksServer.stop());
  beforeEach(() => {
    jwksServer.keys = [key.publicJwk];
    options = { issuer: ISSUER, clientId: CLIENT_ID, jwks: new JwksSource(jwksServer.uri), nonce: NONCE, accessToken: ACCESS_TOKEN };
  });

  it('passes a good token, listing every check', async () => {
    const result = await checkIdToken(await sign(key, claims()), options);
    assert.deepEqual(failed(result), []);
    assert.equal(result.ok, true);
    assert.deepEqual(result.checks.map((c) => [c.id, c.status]), [
      ['signature', 'pass'], ['typ', 'pass'], ['iss', 'pass'], ['sub', 'pass'], ['aud', 'pass'], ['azp', 'skip'],
      ['exp', 'pass'], ['nbf', 'skip'], ['iat', 'pass'], ['nonce', 'pass'], ['at_hash', 'pass'],
    ]);
    assert.deepEqual(result.checks.map((c) => c.label), [
      'Signature by the issuer', 'Token type (typ)', 'Issuer (iss)', 'Subject (sub)', 'Audience (aud)', 'Authorized party (azp)',
      'Not expired (exp)', 'Already valid (nbf)', 'Issued at (iat)', 'Nonce', 'Access token hash (at_hash)',
    ]);
    assert.ok(result.checks.every((c) => c.detail));
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result, 'JSON-serialisable for the webview');
  });

  it('passes ES256, PS384, EdDSA and Ed25519 tokens with their at_hash', async () => {
    for (const alg of ['ES256', 'PS384', 'EdDSA', 'Ed25519']) {
      const other = await makeKey(`k-${alg}`, alg);
      jwksServer.keys = [key.publicJwk, other.publicJwk];
      const result = await checkIdToken(await sign(other, claims({ at_hash: await computeAtHash(ACCESS_TOKEN, alg) })), { ...options, jwks: new JwksSource(jwksServer.uri) });
      assert.deepEqual(failed(result), [], alg);
      assert.equal(result.checks.find((c) => c.id === 'at_hash')?.status, 'pass', alg);
    }
  });

  it('fails only the signature for a tampered payload', async () => {
    const [h, , s] = (await sign(key, claims())).split('.');
    const forged = Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url');
    const result = await checkIdToken(`${h}.${forged}.${s}`, options);
    assert.deepEqual(failed(result), ['signature']);
    assert.match(detail(result, 'signature'), /does not match/);
    assert.equal(result.ok, false);
  });

  it('fails only the signature for alg none, whatever the signature part', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const alg of ['none', 'None']) {
      const result = await checkIdToken(`${b64({ alg, kid: 'key-1' })}.${b64(claims())}.`, options);
      assert.deepEqual(failed(result), ['signature']);
      assert.match(detail(result, 'signature'), /unsigned/);
    }
  });

  it('fails only the signature for an HS256 token (a shared secret is not an issuer signature)', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'key-1' }).sign(new TextEncoder().encode('x'.repeat(32)));
    const result = await checkIdToken(token, options);
    assert.deepEqual(failed(result), ['signature']);
    assert.match(detail(result, 'signature'), /HS256.*shared-secret/);
  });

  it('fails only the signature for a token signed by a wrong key under the right kid', async () => {
    const attacker = await makeKey('key-1');
    const result = await checkIdToken(await sign(attacker, claims()), options);
    assert.deepEqual(failed(result), ['signature']);
    assert.match(detail(result, 'signature'), /does not match/);
  });

  it('fails only the signature for a wrong key under an unknown kid, after exactly one refetch', async () => {
    const attacker = await makeKey('attacker');
    await options.jwks.get();
    const before = jwksServer.fetches;
    const result = await checkIdToken(await sign(attacker, claims()), options);
    assert.deepEqual(failed(result), ['signature']);
    assert.match(detail(result, 'signature'), /no RS256 key "attacker", even after fetching it again/);
    assert.equal(jwksServer.fetches - before, 1);
  });

  it('follows a key rotation: an unknown kid is refetched once, then passes', async () => {
    await checkIdToken(await sign(key, claims()), options); // primes the cache with key-1
    const rotated = await makeKey('key-2');
    jwksServer.keys = [rotated.publicJwk];
    const before = jwksServer.fetches;
    const result = await checkIdToken(await sign(rotated, claims()), options);
    assert.deepEqual(failed(result), []);
    assert.match(detail(result, 'signature'), /after fetching the rotated key set/);
    assert.equal(jwksServer.fetches - before, 1);
    // Now cached: no further fetch.
    await checkIdToken(await sign(rotated, claims()), options);
    assert.equal(jwksServer.fetches - before, 1);
  });

  it('tries every key when the token has no kid', async () => {
    const other = await makeKey('other');
    jwksServer.keys = [other.publicJwk, key.publicJwk];
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(key.privateKey);
    assert.deepEqual(failed(await checkIdToken(token, options)), []);
  });

  it('fails only the signature without an alg, or with an alg outside the allowlist, naming it', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const noAlg = await checkIdToken(`${b64({ kid: 'key-1' })}.${b64(claims())}.c2ln`, options);
    assert.deepEqual(failed(noAlg), ['signature']);
    assert.equal(detail(noAlg, 'signature'), 'The header has no "alg".');
    for (const alg of ['ES256K', 'RS1', 'rs256']) {
      const result = await checkIdToken(`${b64({ alg, kid: 'key-1' })}.${b64(claims())}.c2ln`, options);
      assert.deepEqual(failed(result), ['signature'], alg);
      assert.equal(detail(result, 'signature'), `alg "${alg}" is not allowed (allowed: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519).`);
    }
  });

  it('fails only the signature when no key of several matches a token without kid, or when the signature part is not base64url', async () => {
    const others = [await makeKey('other-1'), await makeKey('other-2')];
    jwksServer.keys = others.map((k) => k.publicJwk);
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(key.privateKey);
    const result = await checkIdToken(token, options);
    assert.deepEqual(failed(result), ['signature']);
    assert.equal(detail(result, 'signature'), 'The signature matches none of the candidate keys in the issuer\'s key set: the token was altered or signed by someone else.');

    jwksServer.keys = [key.publicJwk];
    const [h, p] = (await sign(key, claims())).split('.');
    const garbled = await checkIdToken(`${h}.${p}.not*base64url`, { ...options, jwks: new JwksSource(jwksServer.uri) });
    assert.deepEqual(failed(garbled), ['signature']);
    assert.match(detail(garbled, 'signature'), /^The signature could not be verified: .+\.$/);
    assert.doesNotMatch(detail(garbled, 'signature'), /does not match/);
  });

  it('fails only sub when it is not a non-empty string', async () => {
    for (const sub of [['x'], { length: 3 }, 42]) {
      const result = await checkIdToken(await sign(key, claims({ sub: sub as unknown as string })), options);
      assert.deepEqual(failed(result), ['sub'], JSON.stringify(sub));
    }
  });

  it('skips at_hash for an alg it cannot hash (an unsigned token)', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const result = await checkIdToken(`${b64({ alg: 'none' })}.${b64(claims())}.`, options);
    assert.deepEqual(result.checks.find((c) => c.id === 'at_hash'), { id: 'at_hash', label: 'Access token hash (at_hash)', status: 'skip', detail: 'Cannot compute at_hash for alg "none".' });
  });

  it('fails only iss for another issuer, compared exactly', async () => {
    for (const iss of ['https://evil.example', `${ISSUER}/`, 'https://ISSUER.example']) {
      const result = await checkIdToken(await sign(key, claims({ iss })), options);
      assert.deepEqual(failed(result), ['iss'], iss);
    }
  });

  it('fails only aud for another audience', async () => {
    const result = await checkIdToken(await sign(key, claims({ aud: 'other-client' })), options);
    assert.deepEqual(failed(result), ['aud']);
    assert.match(detail(result, 'aud'), /"other-client" does not contain the client ID/);
  });

  it('wants azp with several audiences, and azp equal to the client id', async () => {
    const aud = [CLIENT_ID, '170086774599581953'];
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ aud })), options)), ['azp']);
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ aud, azp: CLIENT_ID })), options)), []);
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ azp: 'someone-else' })), options)), ['azp']);
  });

  it('fails only nonce for a wrong or missing nonce', async () => {
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ nonce: 'other' })), options)), ['nonce']);
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ nonce: undefined })), options)), ['nonce']);
    const skipped = await checkIdToken(await sign(key, claims({ nonce: undefined })), { ...options, nonce: undefined });
    assert.equal(skipped.checks.find((c) => c.id === 'nonce')?.status, 'skip');
  });

  it('fails only exp for an expired token, allowing the clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await checkIdToken(await sign(key, claims({ exp: now - 120, iat: now - 3600 })), options);
    assert.deepEqual(failed(expired), ['exp']);
    assert.match(detail(expired, 'exp'), /Expired .*ago/);
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ exp: now - 30 })), options)), [], 'within 60 s skew');
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ exp: now - 30 })), { ...options, clockSkewSeconds: 0 })), ['exp']);
  });

  it('fails only nbf / iat for tokens from the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ nbf: now + 600 })), options)), ['nbf']);
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ iat: now + 600 })), options)), ['iat']);
    assert.deepEqual(failed(await checkIdToken(await sign(key, claims({ iat: 'yesterday' as unknown as number })), options)), ['iat']);
  });

  it('refuses a JWT access token (RFC 9068 typ at+jwt) on its own typ row', async () => {
    for (const typ of ['at+jwt', 'application/at+jwt', 'AT+JWT', 'Application/At+Jwt']) {
      const result = await checkIdToken(await sign(key, claims(), { typ }), options);
      assert.deepEqual(failed(result), ['typ'], typ);
      assert.match(detail(result, 'typ'), /marks a JWT access token \(RFC 9068\), not an ID token/, typ);
      assert.equal(result.ok, false);
    }
    const kinds = { 'logout+jwt': 'a logout token (OpenID Connect Back-Channel Logout)', 'application/secevent+jwt': 'a security event token (RFC 8417)', 'dpop+jwt': 'a DPoP proof (RFC 9449)', 'token-introspection+jwt': 'a token introspection response (RFC 9701)' };
    for (const [typ, kind] of Object.entries(kinds)) {
      const result = await checkIdToken(await sign(key, claims(), { typ }), options);
      assert.deepEqual(failed(result), ['typ'], typ);
      assert.equal(detail(result, 'typ'), `typ "${typ}" marks ${kind}, not an ID token: never accept it as one.`);
    }
    // Only a leading "application/" is a media type prefix: "aapplication/t+jwt" is no "at+jwt".
    for (const typ of ['JWT', 'jwt', 'application/jwt', 'aapplication/t+jwt', undefined]) {
      const result = await checkIdToken(await sign(key, claims(), { typ }), options);
      assert.deepEqual(failed(result), [], String(typ));
      assert.equal(result.checks.find((c) => c.id === 'typ')?.status, 'pass', String(typ));
    }
  });

  it('never throws on absurd times: the row fails and says why', async () => {
    for (const [claim, value] of [['exp', 1e13], ['exp', 1e300], ['exp', -1e300], ['nbf', 1e300], ['nbf', -1e300], ['iat', 8.64e12 + 1]] as const) {
      const result = await checkIdToken(await sign(key, claims({ [claim]: value })), options);
      assert.deepEqual(failed(result), [claim], `${claim} ${value}`);
      assert.match(detail(result, claim), /outside the range of dates .*not a usable time/, `${claim} ${value}`);
      assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    }
    // The largest time a date can hold still reads.
    const latest = await checkIdToken(await sign(key, claims({ exp: 8.64e12 })), options);
    assert.match(detail(latest, 'exp'), /^Valid until \+275760-09-13T00:00:00\.000Z/);
  });

  it('never throws on hostile header and claim values (deep nesting, objects for strings)', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    const payload = JSON.stringify(claims()).replace(/\}$/, `,"aud":${deep},"azp":{"toString":1},"nonce":{"valueOf":1}}`);
    const token = `${b64('{"alg":"RS256","kid":{"toString":1},"typ":{"toString":1}}')}.${b64(payload)}.c2ln`;
    const result = await checkIdToken(token, options);
    assert.deepEqual(failed(result), ['signature', 'typ', 'aud', 'azp', 'nonce']);
    assert.match(detail(result, 'aud'), /an array nested too deeply to show/);
    assert.match(detail(result, 'typ'), /\{"toString":1\} is not a string/);
  });

  it('fails only at_hash when the access token does not belong to the ID token', async () => {
    const result = await checkIdToken(await sign(key, claims()), { ...options, accessToken: 'another-access-token' });
    assert.deepEqual(failed(result), ['at_hash']);
    const noAtHash = await checkIdToken(await sign(key, claims({ at_hash: undefined })), options);
    assert.equal(noAtHash.checks.find((c) => c.id === 'at_hash')?.status, 'skip');
  });

  it('computes at_hash as in the OpenID Connect examples', async () => {
    // OIDC Core A.3: access token "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y" -> at_hash "77QmUPtjPfzWtF2AnpK9RQ".
    assert.equal(await computeAtHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256'), '77QmUPtjPfzWtF2AnpK9RQ');
  });

  it('picks the at_hash digest by the size the alg ends with, and none for an alg it does not know', async () => {
    // The left half of the digest (OIDC Core 3.1.3.6).
    const half = (hash: string) => {
      const digest = createHash(hash).update('at').digest();
      return digest.subarray(0, digest.length / 2).toString('base64url');
    };
    for (const alg of ['RS256', 'ES256', 'PS256']) assert.equal(await computeAtHash('at', alg), half('sha256'), alg);
    for (const alg of ['RS384', 'ES384', 'PS384']) assert.equal(await computeAtHash('at', alg), half('sha384'), alg);
    for (const alg of ['RS512', 'ES512', 'PS512', 'EdDSA', 'Ed25519']) assert.equal(await computeAtHash('at', alg), half('sha512'), alg);
    for (const alg of ['RS2560', 'ES3841', 'PS5122', 'none', 'Ed448']) assert.equal(await computeAtHash('at', alg), undefined, alg);
  });

  it('reports an unreachable key endpoint on the signature check only', async () => {
    const down = new JwksServer();
    await down.start();
    await down.stop();
    const result = await checkIdToken(await sign(key, claims()), { ...options, jwks: new JwksSource(down.uri) });
    assert.deepEqual(failed(result), ['signature']);
    assert.match(detail(result, 'signature'), /could not fetch the issuer's keys .*ECONNREFUSED/);
  });

  describe('one checklist row per case, at a fixed now', () => {
    const NOW = 1_700_000_000; // seconds; the checks get it as options.now
    /** The status and detail of one row for a token with `overrides`; every other row must pass or skip. */
    async function row(id: string, overrides: JWTPayload, extra: Partial<IdTokenCheckOptions> = {}) {
      const token = await sign(key, claims({ iat: NOW, exp: NOW + 3600, ...overrides }));
      const result = await checkIdToken(token, { ...options, now: NOW * 1000, ...extra });
      const check = result.checks.find((c) => c.id === id)!;
      assert.deepEqual(failed(result), check.status === 'fail' ? [id] : [], `only the ${id} row decides (${check.detail})`);
      assert.equal(result.ok, check.status !== 'fail');
      return { status: check.status, detail: check.detail };
    }
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

    it('aud: an array without the client fails, naming the audiences; with it among others it passes', async () => {
      assert.deepEqual(await row('aud', { aud: ['other-a', 'other-b'], azp: CLIENT_ID }), {
        status: 'fail',
        detail: `["other-a","other-b"] does not contain the client ID "${CLIENT_ID}": the token was issued to someone else.`,
      });
      assert.deepEqual(await row('aud', { aud: ['other-a', CLIENT_ID], azp: CLIENT_ID }), { status: 'pass', detail: `Contains the client ID "${CLIENT_ID}" (among 2 audiences).` });
      assert.deepEqual(await row('aud', { aud: [CLIENT_ID] }), { status: 'pass', detail: `Contains the client ID "${CLIENT_ID}".` });
      assert.deepEqual(await row('aud', { aud: `${CLIENT_ID}-2` }), { status: 'fail', detail: `"${CLIENT_ID}-2" does not contain the client ID "${CLIENT_ID}": the token was issued to someone else.` });
      assert.deepEqual(await row('aud', { aud: undefined }), { status: 'fail', detail: `The required "aud" claim is missing; expected "${CLIENT_ID}".` });
    });

    it('azp: needed with several audiences, optional with one, compared exactly', async () => {
      assert.deepEqual(await row('azp', { aud: [CLIENT_ID, 'api'] }), { status: 'fail', detail: 'The token has several audiences but no "azp" naming the client it was issued to.' });
      assert.deepEqual(await row('azp', { aud: [CLIENT_ID] }), { status: 'skip', detail: 'Absent; not needed with a single audience.' });
      assert.deepEqual(await row('azp', { azp: CLIENT_ID }), { status: 'pass', detail: `"${CLIENT_ID}"` });
      assert.deepEqual(await row('azp', { azp: 'api' }), { status: 'fail', detail: `"api" is not "${CLIENT_ID}".` });
    });

    it('exp: a token without exp fails; the skew extends validity to exactly exp + 60 s', async () => {
      assert.deepEqual(await row('exp', { exp: undefined }), { status: 'fail', detail: 'The required claim is missing.' });
      assert.deepEqual(await row('exp', { exp: NOW - 60 }), { status: 'pass', detail: `Valid until ${iso(NOW - 60)} (60 s ago).` });
      assert.deepEqual(await row('exp', { exp: NOW - 61 }), { status: 'fail', detail: `Expired ${iso(NOW - 61)} (61 s ago).` });
      assert.deepEqual(await row('exp', { exp: NOW }, { clockSkewSeconds: 0 }), { status: 'pass', detail: `Valid until ${iso(NOW)} (now).` });
      assert.deepEqual(await row('exp', { exp: NOW - 1 }, { clockSkewSeconds: 0, clockNote: 'The provider\'s clock is 90 s ahead.' }), {
        status: 'fail',
        detail: `Expired ${iso(NOW - 1)} (1 s ago). The provider's clock is 90 s ahead.`,
      });
      assert.deepEqual(await row('exp', { exp: 'tomorrow' as unknown as number }), { status: 'fail', detail: '"tomorrow" is not a number of seconds since 1970.' });
    });

    it('nbf: at now and now + 30 s valid (the skew allows a provider clock ahead of ours), beyond the skew not yet', async () => {
      assert.deepEqual(await row('nbf', { nbf: NOW }), { status: 'pass', detail: `Valid since ${iso(NOW)} (now).` });
      assert.deepEqual(await row('nbf', { nbf: NOW + 30 }), { status: 'pass', detail: `Valid since ${iso(NOW + 30)} (in 30 s).` });
      assert.deepEqual(await row('nbf', { nbf: NOW + 60 }), { status: 'pass', detail: `Valid since ${iso(NOW + 60)} (in 60 s).` });
      assert.deepEqual(await row('nbf', { nbf: NOW + 61 }), { status: 'fail', detail: `Not valid before ${iso(NOW + 61)} (in 61 s).` });
      assert.deepEqual(await row('nbf', { nbf: NOW + 30 }, { clockSkewSeconds: 0 }), { status: 'fail', detail: `Not valid before ${iso(NOW + 30)} (in 30 s).` });
      assert.deepEqual(await row('nbf', { nbf: NOW - 3600 }, { clockSkewSeconds: 0 }), { status: 'pass', detail: `Valid since ${iso(NOW - 3600)} (60 min ago).` });
      assert.deepEqual(await row('nbf', { nbf: undefined }), { status: 'skip', detail: 'Absent.' });
    });

    it('iat: required; from the future only beyond the skew; times read in s, min and h', async () => {
      assert.deepEqual(await row('iat', { iat: undefined }), { status: 'fail', detail: 'The required claim is missing.' });
      assert.deepEqual(await row('iat', { iat: NOW + 60 }), { status: 'pass', detail: `Issued ${iso(NOW + 60)} (in 60 s).` });
      assert.deepEqual(await row('iat', { iat: NOW + 61 }), { status: 'fail', detail: `Issued in the future (${iso(NOW + 61)} (in 61 s)): check the clocks.` });
      assert.deepEqual(await row('iat', { iat: NOW - 119 }), { status: 'pass', detail: `Issued ${iso(NOW - 119)} (119 s ago).` });
      assert.deepEqual(await row('iat', { iat: NOW - 120 }), { status: 'pass', detail: `Issued ${iso(NOW - 120)} (2 min ago).` });
      assert.deepEqual(await row('iat', { iat: NOW - 7199 }), { status: 'pass', detail: `Issued ${iso(NOW - 7199)} (120 min ago).` });
      assert.deepEqual(await row('iat', { iat: NOW - 7200 }), { status: 'pass', detail: `Issued ${iso(NOW - 7200)} (2 h ago).` });
    });

    it('sub, iss and nonce: each row says what it found', async () => {
      assert.deepEqual(await row('sub', { sub: '' }), { status: 'fail', detail: 'The required "sub" claim is missing or empty.' });
      assert.deepEqual(await row('sub', { sub: 'u-1' }), { status: 'pass', detail: '"u-1"' });
      assert.deepEqual(await row('iss', { iss: undefined }), { status: 'fail', detail: `The "iss" claim is missing; expected "${ISSUER}".` });
      assert.deepEqual(await row('iss', { iss: `${ISSUER}/` }), { status: 'fail', detail: `"${ISSUER}/" is not "${ISSUER}".` });
      assert.deepEqual(await row('nonce', { nonce: 'other' }), { status: 'fail', detail: '"other" is not the one sent.' });
      assert.deepEqual(await row('nonce', { nonce: undefined }), { status: 'fail', detail: 'A nonce was sent but the token carries none: it may be replayed from another sign-in.' });
      assert.deepEqual(await row('nonce', {}), { status: 'pass', detail: `"${NONCE}"` });
      assert.deepEqual(await row('nonce', {}, { nonce: undefined }), { status: 'skip', detail: 'No nonce was sent with this sign-in.' });
    });

    it('at_hash: skipped without an access token; not a string or another token\'s hash fails', async () => {
      assert.deepEqual(await row('at_hash', {}, { accessToken: undefined }), { status: 'skip', detail: 'No access token to compare with.' });
      assert.deepEqual(await row('at_hash', { at_hash: 42 }), { status: 'fail', detail: '42 is not a string.' });
      assert.deepEqual(await row('at_hash', {}), { status: 'pass', detail: 'Matches the access token.' });
      assert.deepEqual(await row('at_hash', { at_hash: await computeAtHash('another', 'RS256') }), { status: 'fail', detail: 'Does not match the access token: the two tokens were not issued together.' });
    });
  });

  it('never throws for garbage: one failed format check, the rest skipped', async () => {
    for (const token of ['', 'abc', 'a.b.c', '....']) {
      const result = await checkIdToken(token, options);
      assert.equal(result.ok, false);
      assert.equal(result.checks[0].label, 'Well-formed JWT');
      assert.deepEqual(failed(result), ['format'], token);
      assert.match(result.checks[0].detail, /^Not a decodable signed JWT: .+\.$/, token);
      assert.deepEqual(result.checks.map((c) => c.id), ['format', 'signature', 'typ', 'iss', 'sub', 'aud', 'azp', 'exp', 'nbf', 'iat', 'nonce', 'at_hash'], 'every row, once');
      assert.ok(result.checks.slice(1).every((c) => c.status === 'skip' && c.detail === 'The token could not be decoded.'));
    }
  });
});
