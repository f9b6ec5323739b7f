// What verification says about a pasted key, secret or PEM text, word for word: the messages
// the user reads when a paste cannot be used (real keys from jose; no server involved).
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, type JWK } from 'jose';
import { parsePublicKeyText, parseSecret, VerifyError } from '../../src/core/verify';
import { pemBlocks } from '../../src/core/verify/pem';
import { CA_CERTIFICATE, SIGNER_CERTIFICATE } from '../fixtures/certificates';

const FORMATS = 'a JWK, a JWK Set ({"keys": [...]}), a PEM public key (-----BEGIN PUBLIC KEY-----) or an X.509 certificate (-----BEGIN CERTIFICATE-----)';

async function refusal(text: string): Promise<VerifyError> {
  let caught: unknown;
  await parsePublicKeyText(text).then(
    (key) => assert.fail(`accepted as ${key.format}: ${text.slice(0, 80)}`),
    (err: unknown) => void (caught = err),
  );
  assert.ok(caught instanceof VerifyError, `a VerifyError, got ${String(caught)}`);
  return caught;
}

describe('verify: what a pasted key is told', () => {
  let rsaJwk: JWK;
  let rsaPem: string;
  before(async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    rsaJwk = await exportJWK(publicKey);
    rsaPem = await exportSPKI(publicKey);
  });

  it('is a VerifyError by name, so logs and other extensions can tell it from other errors', async () => {
    const err = await refusal('');
    assert.equal(err.name, 'VerifyError');
    assert.equal(err.domain, 'verify');
    assert.match(String(err), /^VerifyError: No key given/);
  });

  it('names every format it reads when nothing usable is pasted', async () => {
    assert.equal((await refusal('   ')).message, `No key given: paste ${FORMATS}.`);
    assert.equal((await refusal('hello')).message, `Not a key Token Inspector can read: paste ${FORMATS}. For an HMAC (HS256) token, give the shared secret instead.`);
    assert.equal((await refusal('{"a":1}')).message, `The pasted JSON has neither "kty" (a JWK) nor "keys" (a JWK Set). Paste ${FORMATS}.`);
  });

  it('refuses a JWK with only the "oth" private member of a multi-prime RSA key, naming it', async () => {
    const err = await refusal(JSON.stringify({ ...rsaJwk, oth: [{ r: 'AQAB', d: 'AQAB', t: 'AQAB' }] }));
    assert.equal(err.code, 'private-key');
    assert.equal(err.message, 'The pasted JWK is a private key (it has "oth"). Verification only needs the public key: paste the JWK without "oth", and keep the private key out of editors and tools.');
  });

  it('names the missing coordinate of an EC or OKP key', async () => {
    assert.equal((await refusal('{"kty":"EC","crv":"P-256","x":"AAAA"}')).message, 'The pasted JWK is not a usable EC key: its "y" is missing.');
    assert.equal((await refusal('{"kty":"EC","crv":"P-256","y":"AAAA"}')).message, 'The pasted JWK is not a usable EC key: its "x" is missing.');
    assert.equal((await refusal('{"kty":"OKP","crv":"Ed25519"}')).message, 'The pasted JWK is not a usable OKP key: its "x" is missing.');
  });

  it('accepts "key_ops" as a list of strings and refuses any other "key_ops", showing it', async () => {
    const ok = await parsePublicKeyText(JSON.stringify({ ...rsaJwk, key_ops: ['verify'] }));
    assert.equal(ok.format, 'JWK');
    assert.equal(ok.description, 'RSA key (2048 bits)');
    assert.deepEqual(ok.keys.kind === 'key' && ok.keys.jwk.key_ops, ['verify']);
    assert.equal((await refusal(JSON.stringify({ ...rsaJwk, key_ops: 'verify' }))).message, 'The pasted JWK has "key_ops" that are not a list of strings: "verify".');
    assert.equal((await refusal(JSON.stringify({ ...rsaJwk, key_ops: ['verify', 1] }))).message, 'The pasted JWK has "key_ops" that are not a list of strings: ["verify",1].');
    assert.equal((await refusal(JSON.stringify({ ...rsaJwk, key_ops: [1] }))).message, 'The pasted JWK has "key_ops" that are not a list of strings: [1].');
  });

  it('says which key of a pasted JWK Set is not an object', async () => {
    const err = await refusal(JSON.stringify({ keys: [rsaJwk, 42] }));
    assert.equal(err.code, 'bad-key');
    assert.equal(err.message, 'Key 2 of the pasted JWK Set is not an object.');
  });

  it('recognises a ZITADEL key file by its "type" alone, or by its "keyId" alone, as a private key', async () => {
    const message = "This is a ZITADEL key file: it holds a private key, which verification never needs. To check tokens ZITADEL signed, verify against the token's issuer (its published keys).";
    for (const file of [{ type: 'serviceaccount', key: '-----BEGIN RSA PRIVATE KEY-----', userId: '1' }, { keyId: '1', key: '-----BEGIN RSA PRIVATE KEY-----', userId: '1' }]) {
      const err = await refusal(JSON.stringify(file));
      assert.equal(err.code, 'private-key');
      assert.equal(err.message, message);
    }
    const notKeyFile = await refusal(JSON.stringify({ type: 'serviceaccount', userId: '1' }));
    assert.equal(notKeyFile.code, 'bad-key', 'no "key": not a key file');
  });

  it('explains why a damaged PEM public key or certificate could not be read, with the reason from reading it as RSA', async () => {
    assert.equal(
      (await refusal('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).message,
      'The PEM public key could not be read: it is damaged, or not an RSA, EC (P-256, P-384, P-521) or Ed25519 key (Invalid keyData).',
    );
    assert.equal(
      (await refusal('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).message,
      'The PEM certificate could not be read: it is damaged, or not an RSA, EC (P-256, P-384, P-521) or Ed25519 key (Failed to parse the X.509 certificate).',
    );
  });

  it('reads a PEM public key pasted after a line of prose', async () => {
    const key = await parsePublicKeyText(`Our signing key:\n${rsaPem}`);
    assert.equal(key.format, 'PEM public key');
    assert.deepEqual(key.keys.kind === 'key' && key.keys.jwk, { kty: 'RSA', n: rsaJwk.n, e: rsaJwk.e });
  });

  it('finds the PEM blocks among the first 20 BEGIN markers, prose before them not counting as one', () => {
    const block = (i: number) => `-----BEGIN CERTIFICATE-----\nAAA${String.fromCharCode(65 + i)}\n-----END CERTIFICATE-----`;
    const twenty = Array.from({ length: 20 }, (_, i) => block(i)).join('\n');
    for (const text of [twenty, `The chain, leaf first:\n${twenty}`, `CERTIFICATES---------------\n${twenty}`]) {
      const blocks = pemBlocks(text);
      assert.equal(blocks.length, 20, text.slice(0, 40));
      assert.deepEqual(blocks[19], { label: 'CERTIFICATE', body: 'AAAT' });
    }
    assert.deepEqual(pemBlocks(`${twenty}\n${block(20)}`).length, 20, 'the 21st is not looked at');
    assert.deepEqual(pemBlocks('-----END CERTIFICATE-----'), []);
    assert.deepEqual(pemBlocks('X.509 cert:CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'), [], 'an END line without its BEGIN line is no block');
  });

  it('refuses a secret longer than any real one, saying how long it is and the limit', () => {
    assert.throws(
      () => parseSecret('x'.repeat(300_000)),
      (err: unknown) => err instanceof VerifyError && err.code === 'bad-secret' && err.message === 'The secret has 300000 characters; the limit is 262144.',
    );
    assert.equal(parseSecret('x'.repeat(262_144)).description, '262144-byte secret');
  });

  it('refuses anything but text as a paste with the formats it reads, never a TypeError', async () => {
    for (const value of [42, undefined, null, { kty: 'RSA' }]) {
      const err = await refusal(value as unknown as string);
      assert.equal(err.message, `No key given: paste ${FORMATS}.`);
    }
  });

  it('tells an http address as well as an https one from a key', async () => {
    for (const address of ['http://issuer.example/keys', 'HTTPS://issuer.example/oauth/v2/keys']) {
      assert.equal((await refusal(address)).message, "That is an address, not a key. To use an issuer's published keys, choose to verify against the token's issuer; otherwise paste the key itself.");
    }
  });

  it("passes on the crypto library's reason when a well-formed JWK is still no usable key", async () => {
    assert.equal((await refusal('{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}')).message, 'The pasted JWK is not a usable EC key: Invalid keyData.');
    assert.equal((await refusal('{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AAAA","kid":"k1"}]}')).message, 'Key 1 of the pasted JWK Set (kid "k1") is not a usable OKP key: Invalid keyData.');
  });

  it('refuses an RSA key under 2048 bits, saying its size, whether pasted as a JWK, in a set or as PEM', async () => {
    assert.equal((await refusal('{"kty":"RSA","n":"AAAA","e":"AQAB"}')).message, 'The pasted JWK is an RSA key of only 0 bits; RS256 to PS512 need at least 2048 (RFC 7518 §3.3): it cannot verify a token.');
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const smallJwk = small.export({ format: 'jwk' });
    assert.match((await refusal(JSON.stringify({ keys: [rsaJwk, { ...smallJwk, kid: 'old' }] }))).message, /^Key 2 of the pasted JWK Set \(kid "old"\) is an RSA key of only 1024 bits; RS256 to PS512 need at least 2048/);
    assert.match((await refusal(small.export({ type: 'spki', format: 'pem' }) as string)).message, /^The pasted PEM public key is an RSA key of only 1024 bits; /);
    assert.equal((await parsePublicKeyText(JSON.stringify(rsaJwk))).description, 'RSA key (2048 bits)');
  });

  it('refuses a shared-secret JWK without usable "k", and takes one with it as the secret', async () => {
    for (const jwk of [{ kty: 'oct' }, { kty: 'oct', k: '' }, { kty: 'oct', k: '!!' }, { kty: 'oct', k: 42 }]) {
      const err = await refusal(JSON.stringify(jwk));
      assert.equal(err.code, 'bad-secret');
      assert.equal(err.message, 'The pasted JWK has kty "oct" (a shared secret) but no valid base64url "k".');
    }
    const secret = await parsePublicKeyText('{"kty":"oct","k":"c2VjcmV0"}');
    assert.equal(secret.format, 'HMAC secret');
    assert.equal(secret.description, '6-byte secret');
  });

  it('takes text only starting with an address or an SSH key type for one, not text that merely mentions it', async () => {
    const notAKey = `Not a key Token Inspector can read: paste ${FORMATS}. For an HMAC (HS256) token, give the shared secret instead.`;
    for (const text of ['see https://issuer.example/keys', 'my key ssh-rsa AAAAB3Nza user@host', 'my key ssh-ed25519 AAAAC3Nz user@host', 'my key ecdsa-sha2-nistp256 AAAAE2Vj user@host']) {
      assert.equal((await refusal(text)).message, notAKey, text);
    }
    for (const text of ['ssh-rsa AAAAB3Nza user@host', 'ecdsa-sha2-nistp256 AAAAE2Vj user@host']) {
      assert.equal((await refusal(text)).message, `That is an SSH public key; tokens are verified with ${FORMATS}. Convert it with ssh-keygen -e -m PKCS8 -f key.pub.`, text);
    }
  });

  it('asks for the whole key when an RSA PUBLIC KEY block is not base64', async () => {
    const err = await refusal('-----BEGIN RSA PUBLIC KEY-----\n!!!!\n-----END RSA PUBLIC KEY-----');
    assert.equal(err.code, 'bad-key');
    assert.equal(err.message, 'The RSA PUBLIC KEY is not valid base64: copy the whole key.');
  });

  it("uses the first certificate of a pasted chain and says how many after it are ignored", async () => {
    const note = (text: string) => parsePublicKeyText(text).then((key) => key.note);
    const unchecked = "Only the certificate's key is used: its validity dates, subject and chain are not checked";
    assert.equal(await note(SIGNER_CERTIFICATE), `${unchecked}.`);
    assert.equal(await note(`${SIGNER_CERTIFICATE}\n${CA_CERTIFICATE}`), `${unchecked}, and the certificate after the first is ignored.`);
    assert.equal(await note(`${SIGNER_CERTIFICATE}\n${CA_CERTIFICATE}\n${CA_CERTIFICATE}`), `${unchecked}, and the 2 certificates after the first are ignored.`);
    assert.equal((await parsePublicKeyText(`${SIGNER_CERTIFICATE}\n${CA_CERTIFICATE}`)).description, 'EC P-256 key');
  });
});
