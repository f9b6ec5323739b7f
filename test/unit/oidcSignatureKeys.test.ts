// The signature row with one pasted key, a shared secret or a key set: which key fits which
// algorithm (key type, curve, alg, use), how a key is described, what a kid mismatch says, when a
// secret is too short, and the translators' comments that key the key words in a bundle.
// Real keys and tokens (jose); checkSignature, keyMisfit and describeKey are called directly.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK, type JWSHeaderParameters } from 'jose';
import { checkSignature, describeKey, keyMisfit } from '../../src/core/oidc/signature';

const pairs = new Map<string, Promise<{ privateKey: CryptoKey; jwk: JWK }>>();

/** One key pair per algorithm for the whole file (RSA ones are slow to make). */
function pair(alg: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  let made = pairs.get(alg);
  if (!made) {
    made = generateKeyPair(alg, { extractable: true }).then(async ({ privateKey, publicKey }) => ({ privateKey: privateKey as CryptoKey, jwk: await exportJWK(publicKey) }));
    pairs.set(alg, made);
  }
  return made;
}

async function signed(privateKey: CryptoKey | Uint8Array, header: JWSHeaderParameters & { alg: string }): Promise<{ token: string; header: ReturnType<typeof decodeProtectedHeader> }> {
  const token = await new SignJWT({ sub: 'user-1' }).setProtectedHeader(header).sign(privateKey);
  return { token, header: decodeProtectedHeader(token) };
}

function withBundle(contents: Record<string, string>, body: () => Promise<void> | void): Promise<void> {
  l10n.config({ contents });
  return Promise.resolve()
    .then(body)
    .finally(() => l10n.config({ contents: {} }));
}

const key = (jwk: JWK) => ({ kind: 'key' as const, owner: 'pasted' as const, jwk });

describe('signature check with pasted keys and secrets', () => {
  it('passes a pasted key without a kid-mismatch note when either kid is missing or both agree', async () => {
    const signer = await pair('ES256');
    const noKid = await signed(signer.privateKey, { alg: 'ES256' });
    const withKid = await signed(signer.privateKey, { alg: 'ES256', kid: 'k1' });
    assert.deepEqual(await checkSignature(noKid.token, noKid.header, key({ ...signer.jwk, kid: 'k1' })), { status: 'pass', detail: 'ES256, verified with the pasted EC P-256 key "k1".' });
    assert.deepEqual(await checkSignature(withKid.token, withKid.header, key(signer.jwk)), { status: 'pass', detail: 'ES256, verified with the pasted EC P-256 key.' });
    assert.deepEqual(await checkSignature(withKid.token, withKid.header, key({ ...signer.jwk, kid: 'k1' })), { status: 'pass', detail: 'ES256, verified with the pasted EC P-256 key "k1".' });
  });

  it('notes that the token names another kid than the pasted key, and that it verified all the same', async () => {
    const signer = await pair('ES256');
    const { token, header } = await signed(signer.privateKey, { alg: 'ES256', kid: 'k1' });
    assert.deepEqual(await checkSignature(token, header, key({ ...signer.jwk, kid: 'k2' })), {
      status: 'pass',
      detail: 'ES256, verified with the pasted EC P-256 key "k2". The token names key "k1", the pasted key is "k2": it verified all the same.',
    });
  });

  it('passes an Ed25519 token with the pasted Ed25519 key, describing it', async () => {
    const signer = await pair('Ed25519');
    const { token, header } = await signed(signer.privateKey, { alg: 'EdDSA' });
    assert.deepEqual(await checkSignature(token, header, key(signer.jwk)), { status: 'pass', detail: 'EdDSA, verified with the pasted Ed25519 key.' });
  });

  it('passes a secret long enough for its algorithm without a warning, even at exactly the length needed', async () => {
    const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef'); // 32 bytes: HS256's minimum
    const { token, header } = await signed(secret, { alg: 'HS256' });
    assert.deepEqual(await checkSignature(token, header, { kind: 'secret', owner: 'pasted', secret }), { status: 'pass', detail: 'HS256, verified with the given secret.' });
  });

  it('warns that a secret shorter than its algorithm needs lets anyone who guesses it make tokens', async () => {
    const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef'); // 32 bytes, HS384 needs 48
    const { token, header } = await signed(secret, { alg: 'HS384' });
    assert.deepEqual(await checkSignature(token, header, { kind: 'secret', owner: 'pasted', secret }), {
      status: 'pass',
      detail: 'HS384, verified with the given secret. The secret has only 32 bytes; HS384 needs at least 48 (RFC 7518 §3.2): anyone who guesses it can make tokens.',
    });
  });

  it('checks a secret only against the HMAC algorithms, whatever header it is told the token has', async () => {
    const signer = await pair('ES256');
    const { token } = await signed(signer.privateKey, { alg: 'ES256' });
    const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
    assert.deepEqual(await checkSignature(token, { alg: 'HS256' }, { kind: 'secret', owner: 'pasted', secret }), {
      status: 'fail',
      detail: 'The signature could not be verified: "alg" (Algorithm) Header Parameter value not allowed.',
    });
  });

  it('refuses a MAC token against the issuer\'s public keys as key confusion', async () => {
    const { token, header } = await signed(new TextEncoder().encode('0123456789abcdef0123456789abcdef'), { alg: 'HS256' });
    const issuer = { kind: 'set' as const, owner: 'issuer' as const, refreshable: true, get: () => Promise.resolve({ keys: [] }) };
    assert.deepEqual(await checkSignature(token, header, issuer), {
      status: 'fail',
      detail: 'alg "HS256" is a shared-secret MAC, and the issuer\'s keys are public: a MAC "checked" with a public key is the key-confusion attack (RFC 8725 §2.1), since anyone holding the public key could have made it. Never accepted; verify it with the shared secret if it really is an HMAC token.',
    });
  });

  it('fetches an issuer\'s key set that is not refreshable once, without saying it was fetched again', async () => {
    const signer = await pair('ES256');
    const { token, header } = await signed(signer.privateKey, { alg: 'ES256', kid: 'k1' });
    const asked: boolean[] = [];
    const issuer = {
      kind: 'set' as const,
      owner: 'issuer' as const,
      refreshable: false,
      get: (refresh: boolean) => {
        asked.push(refresh);
        return Promise.resolve({ keys: [{ ...signer.jwk, kid: 'k1' }] });
      },
    };
    assert.deepEqual(await checkSignature(token, header, issuer), { status: 'pass', detail: 'ES256, verified with the issuer\'s key "k1".' });
    assert.deepEqual(asked, [false]);
  });
});

describe('which pasted key fits which algorithm', () => {
  it('says each algorithm family needs its own key type, naming the pasted one', async () => {
    const rsa = (await pair('RS256')).jwk;
    const p256 = (await pair('ES256')).jwk;
    const ed = (await pair('Ed25519')).jwk;
    const misfit = (alg: string, needed: string, pasted: string) => `The token says alg ${alg}, which needs ${needed}; the pasted key is ${pasted}: a wrong key or a wrong algorithm.`;
    assert.equal(keyMisfit(p256, 'RS256'), misfit('RS256', 'an RSA key', 'EC P-256 key'));
    assert.equal(keyMisfit(ed, 'PS384'), misfit('PS384', 'an RSA key', 'Ed25519 key'));
    assert.equal(keyMisfit(rsa, 'ES256'), misfit('ES256', 'an EC P-256 key', 'RSA key (2048 bits)'));
    assert.equal(keyMisfit(p256, 'ES384'), misfit('ES384', 'an EC P-384 key', 'EC P-256 key'));
    assert.equal(keyMisfit(p256, 'EdDSA'), misfit('EdDSA', 'an Ed25519 key', 'EC P-256 key'));
    assert.equal(keyMisfit(rsa, 'Ed25519'), misfit('Ed25519', 'an Ed25519 key', 'RSA key (2048 bits)'));
  });

  it('accepts each key type for its algorithms, whatever the curve size', async () => {
    assert.equal(keyMisfit((await pair('RS256')).jwk, 'PS512'), undefined);
    assert.equal(keyMisfit((await pair('ES256')).jwk, 'ES256'), undefined);
    assert.equal(keyMisfit((await pair('ES384')).jwk, 'ES384'), undefined);
    assert.equal(keyMisfit((await pair('ES512')).jwk, 'ES512'), undefined);
    assert.equal(keyMisfit((await pair('Ed25519')).jwk, 'EdDSA'), undefined);
  });

  it('checks the key type and the curve both: a curve name on another key type does not fit', async () => {
    const p256 = (await pair('ES256')).jwk;
    const ed = (await pair('Ed25519')).jwk;
    const x25519: JWK = { kty: 'OKP', crv: 'X25519', x: ed.x };
    assert.equal(keyMisfit({ ...p256, kty: 'OKP' }, 'ES256'), 'The token says alg ES256, which needs an EC P-256 key; the pasted key is P-256 key: a wrong key or a wrong algorithm.');
    assert.equal(keyMisfit({ ...ed, kty: 'EC' }, 'EdDSA'), 'The token says alg EdDSA, which needs an Ed25519 key; the pasted key is EC Ed25519 key: a wrong key or a wrong algorithm.');
    assert.equal(keyMisfit(x25519, 'EdDSA'), 'The token says alg EdDSA, which needs an Ed25519 key; the pasted key is X25519 key: a wrong key or a wrong algorithm.');
  });

  it('accepts a key whose "alg" and "use" agree with the token, and refuses one whose do not', async () => {
    const p256 = (await pair('ES256')).jwk;
    assert.equal(keyMisfit({ ...p256, alg: 'ES256', use: 'sig' }, 'ES256'), undefined);
    assert.equal(keyMisfit({ ...p256, alg: 'ES384' }, 'ES256'), 'The pasted key is for "ES384" only (its "alg"); the token says ES256.');
    assert.equal(keyMisfit({ ...p256, use: 'enc' }, 'ES256'), 'The pasted key is marked for "enc" ("use"), not for signatures.');
  });
});

describe('describing a key', () => {
  it('names RSA keys with their size, EC keys with their curve, OKP keys by their curve, others by their type', async () => {
    assert.equal(describeKey({ ...(await pair('RS256')).jwk, kid: 'r1' }), 'RSA key (2048 bits) "r1"');
    assert.equal(describeKey((await pair('ES384')).jwk), 'EC P-384 key');
    assert.equal(describeKey((await pair('Ed25519')).jwk), 'Ed25519 key');
    assert.equal(describeKey({ kty: 'oct', k: 'c2VjcmV0' }), 'oct key');
  });

  it('gives a size only to RSA keys, not to another key that happens to carry an "n"', async () => {
    assert.equal(describeKey({ ...(await pair('ES256')).jwk, n: 'AQAB' }), 'EC P-256 key');
  });

  it('translates key descriptions by their keys with the translators\' comments', async () => {
    const rsa = (await pair('RS256')).jwk;
    const ed = (await pair('Ed25519')).jwk;
    await withBundle(
      {
        '{0} key ({1} bits)/A key type such as RSA, and its size': 'clé {0} ({1} bits)',
        '{0} key/A key type such as "EC P-256" or "Ed25519"': 'clé {0}',
      },
      () => {
        assert.equal(describeKey(rsa), 'clé RSA (2048 bits)');
        assert.equal(describeKey(ed), 'clé Ed25519');
      },
    );
  });

  it('translates "without a kid" in key-set messages by its key with the translators\' comment', async () => {
    const signer = await pair('ES256');
    const { token, header } = await signed(signer.privateKey, { alg: 'ES256' });
    const pasted = { kind: 'set' as const, owner: 'pasted' as const, refreshable: false, get: () => Promise.resolve({ keys: [signer.jwk] }) };
    await withBundle({ 'without a kid/A signing key that has no key ID, as in "the key without a kid"': 'sans kid' }, async () => {
      assert.deepEqual(await checkSignature(token, header, pasted), { status: 'pass', detail: 'ES256, verified with the pasted key sans kid.' });
    });
  });

  it('counts an RSA modulus written with a leading zero byte by its real size', () => {
    const n = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(256, 0xc5)]).toString('base64url');
    assert.equal(describeKey({ kty: 'RSA', n, e: 'AQAB' }), 'RSA key (2048 bits)');
  });
});
