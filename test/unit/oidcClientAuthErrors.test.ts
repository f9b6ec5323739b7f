// Private keys that cannot authenticate a client, methods without their credential, a key file of
// another app, and the methods offered instead after one failed.
import { strict as assert } from 'node:assert';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { compactVerify, SignJWT } from 'jose';
import { alternativeMethods, clientAuthFor, parseClientKey, type ClientCredentials, type ClientPrivateKey } from '../../src/core/oidc/clientAuth';
import { OidcError } from '../../src/core/oidc/errors';
import { rejection } from '../support/oidcAssertions';

const pkcs8 = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The OidcError `fn` throws. */
function thrown(fn: () => unknown): OidcError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof OidcError, String(err));
    return err;
  }
  assert.fail('expected an OidcError');
}

describe('oidc client authentication: keys and credentials that do not fit', () => {
  it('signs client assertions with the algorithm of the key: EdDSA for Ed25519, ES384 for P-384, ES512 for P-521', async () => {
    const cases: [KeyObject, KeyObject, string][] = [];
    const ed = generateKeyPairSync('ed25519');
    cases.push([ed.privateKey, ed.publicKey, 'EdDSA']);
    for (const [curve, alg] of [
      ['P-384', 'ES384'],
      ['P-521', 'ES512'],
      ['P-256', 'ES256'],
    ]) {
      const ec = generateKeyPairSync('ec', { namedCurve: curve });
      cases.push([ec.privateKey, ec.publicKey, alg]);
    }
    for (const [privateKey, publicKey, alg] of cases) {
      const parsed = await parseClientKey(pkcs8(privateKey));
      assert.equal(parsed.alg, alg);
      const jws = await new SignJWT({ sub: 'app' }).setProtectedHeader({ alg: parsed.alg }).sign(parsed.key);
      assert.equal((await compactVerify(jws, publicKey)).protectedHeader.alg, alg, 'the imported key signs with that algorithm');
    }
  });

  it('refuses an EC key on a curve JOSE cannot sign with (secp256k1), naming the key type and the usable ones', async () => {
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const err = await rejection(parseClientKey(pkcs8(k1.privateKey)));
    assert.equal(err.code, 'invalid-client-key');
    assert.equal(err.message, 'A ec private key cannot sign a client assertion; use an RSA, P-256/384/521 or Ed25519 key.');
  });

  it('refuses key types that cannot sign at all (X25519 key agreement)', async () => {
    const x = generateKeyPairSync('x25519');
    const err = await rejection(parseClientKey(pkcs8(x.privateKey)));
    assert.equal(err.code, 'invalid-client-key');
    assert.equal(err.message, 'A x25519 private key cannot sign a client assertion; use an RSA, P-256/384/521 or Ed25519 key.');
  });

  it('refuses a key of a type Node cannot name (SM2) without naming a type', async () => {
    const sm2 = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const err = await rejection(parseClientKey(pkcs8(sm2.privateKey)));
    assert.equal(err.code, 'invalid-client-key');
    assert.equal(err.message, 'This private key cannot sign a client assertion; use an RSA, P-256/384/521 or Ed25519 key.');
  });

  it('refuses key JSON without a PEM private key in "key", showing the shape of the file ZITADEL downloads', async () => {
    const expected = 'The key JSON has no "key" with a PEM private key. Use the key file ZITADEL downloads when you add a key to the app ({"type":"application","keyId":…,"key":…,"clientId":…}).';
    for (const json of [{ type: 'application', keyId: '1', clientId: 'app' }, { type: 'application', key: 42 }, { type: 'application', key: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }]) {
      const err = await rejection(parseClientKey(JSON.stringify(json)));
      assert.equal(err.code, 'invalid-client-key');
      assert.equal(err.message, expected, JSON.stringify(json));
    }
  });

  it('refuses a secret method without a client secret, naming the method and the ways out', () => {
    for (const method of ['client_secret_basic', 'client_secret_post'] as const) {
      const err = thrown(() => clientAuthFor(method, 'app', { clientSecret: '' }));
      assert.equal(err.code, 'unsupported');
      assert.equal(err.message, `Client authentication ${method} needs a client secret: set one with "Set Client Credentials…", or use the method "none" for a public (PKCE) client.`);
    }
  });

  it('refuses private_key_jwt without a private key, even with a client secret', () => {
    const err = thrown(() => clientAuthFor('private_key_jwt', 'app', { clientSecret: 's3cret' }));
    assert.equal(err.code, 'unsupported');
    assert.equal(err.message, 'Client authentication private_key_jwt needs a private key: set one with "Set Client Credentials…" (a PEM or ZITADEL\'s key JSON file).');
  });

  describe('a key file that names its client', () => {
    let key: ClientPrivateKey;
    before(async () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
      key = await parseClientKey(JSON.stringify({ type: 'application', keyId: '2841', key: pkcs8(rsa.privateKey), clientId: '2840@project' }));
    });

    it("refuses the key file of another app, naming both clients", () => {
      const err = thrown(() => clientAuthFor('private_key_jwt', 'other@project', { privateKey: key }));
      assert.equal(err.code, 'invalid-client-key');
      assert.equal(err.message, 'The key file belongs to client "2840@project", but this profile\'s client is "other@project". Use that app\'s key, or change the profile\'s clientId.');
    });

    it("accepts the key file of the profile's own client, and a PEM that names no client", () => {
      assert.equal(typeof clientAuthFor('private_key_jwt', '2840@project', { privateKey: key }), 'function');
      assert.equal(typeof clientAuthFor('private_key_jwt', 'anything', { privateKey: { ...key, clientId: undefined } }), 'function');
    });
  });

  describe('the methods to try after one failed', () => {
    const key = { alg: 'RS256' } as ClientPrivateKey;
    const secret: ClientCredentials = { clientSecret: 's3cret' };
    const both: ClientCredentials = { clientSecret: 's3cret', privateKey: key };

    it('offers the other secret method with a secret, and never "none"', () => {
      assert.deepEqual(alternativeMethods('client_secret_basic', secret, undefined), ['client_secret_post']);
      assert.deepEqual(alternativeMethods('client_secret_post', secret, undefined), ['client_secret_basic']);
      assert.deepEqual(alternativeMethods('none', secret, undefined), ['client_secret_basic', 'client_secret_post']);
    });

    it('offers private_key_jwt only with a private key, and the secret methods only with a secret', () => {
      assert.deepEqual(alternativeMethods('client_secret_basic', { privateKey: key }, undefined), ['private_key_jwt']);
      assert.deepEqual(alternativeMethods('none', { privateKey: key }, undefined), ['private_key_jwt']);
      assert.deepEqual(alternativeMethods('private_key_jwt', { privateKey: key }, undefined), []);
      assert.deepEqual(alternativeMethods('none', {}, undefined), []);
      assert.deepEqual(alternativeMethods('client_secret_basic', both, undefined), ['client_secret_post', 'private_key_jwt']);
    });

    it('keeps to the methods the provider lists, unless it lists none of the usable ones', () => {
      assert.deepEqual(alternativeMethods('client_secret_basic', both, ['client_secret_basic', 'private_key_jwt']), ['private_key_jwt']);
      assert.deepEqual(alternativeMethods('private_key_jwt', both, ['client_secret_post', 'private_key_jwt']), ['client_secret_post']);
      assert.deepEqual(alternativeMethods('client_secret_basic', secret, ['client_secret_basic', 'private_key_jwt']), ['client_secret_post'], 'nothing usable listed: all usable ones');
      assert.deepEqual(alternativeMethods('client_secret_basic', both, []), ['client_secret_post', 'private_key_jwt']);
    });
  });
});
