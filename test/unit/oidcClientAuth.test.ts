// Choosing the client authentication method and reading private keys (PEM or ZITADEL's key file).
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { changedByFormEncoding, parseClientKey, resolveClientAuth } from '../../src/core/oidc/clientAuth';
import { rejection } from '../support/oidcAssertions';

describe('oidc client authentication', () => {
  it('auto: none without credentials, private_key_jwt with a key, and a secret method from discovery', () => {
    assert.equal(resolveClientAuth('auto', 'app', {}, ['client_secret_basic']), 'none');
    assert.equal(resolveClientAuth('auto', 'app', { clientSecret: 's' }, ['client_secret_basic', 'client_secret_post']), 'client_secret_basic');
    assert.equal(resolveClientAuth('auto', 'app', { clientSecret: 's' }, ['client_secret_post']), 'client_secret_post');
    assert.equal(resolveClientAuth('auto', 'app', { clientSecret: 's' }, ['client_secret_basic']), 'client_secret_basic');
    assert.equal(resolveClientAuth('auto', 'app', { clientSecret: 's' }, undefined), 'client_secret_basic');
    // Form-encoding would change the id or secret: post, unless the provider lists basic alone.
    assert.equal(resolveClientAuth('auto', 'my-app', { clientSecret: 's' }, ['client_secret_basic', 'client_secret_post']), 'client_secret_post');
    assert.equal(resolveClientAuth('auto', 'app', { clientSecret: 'a+b/c=' }, undefined), 'client_secret_post');
    assert.equal(resolveClientAuth('auto', 'my-app', { clientSecret: 's' }, ['client_secret_basic']), 'client_secret_basic');
    assert.equal(resolveClientAuth('client_secret_basic', 'my-app', { clientSecret: 's' }, ['client_secret_post']), 'client_secret_basic', 'an explicit choice stands');
    assert.equal(changedByFormEncoding('abcXYZ019'), false);
    for (const c of ['-', '_', '.', '+', '/', '=', ' ', '%', ':']) assert.equal(changedByFormEncoding(`a${c}b`), true, c);
  });

  it("reads ZITADEL's key JSON (PKCS#1 RSA PEM inside) with its keyId and clientId, and plain PEMs", async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const zitadel = JSON.stringify({ type: 'application', keyId: '2841', key: pkcs1, appId: '2840', clientId: '2840@project' });
    const fromJson = await parseClientKey(zitadel);
    assert.deepEqual([fromJson.alg, fromJson.kid, fromJson.clientId], ['RS256', '2841', '2840@project']);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const fromPem = await parseClientKey(ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString());
    assert.deepEqual([fromPem.alg, fromPem.kid], ['ES256', undefined]);
  });

  it('refuses what is not a usable private key, without quoting it', async () => {
    const serviceUser = JSON.stringify({ type: 'serviceaccount', keyId: '1', key: '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----', userId: '9' });
    assert.match((await rejection(parseClientKey(serviceUser))).message, /service user's key/);
    assert.match((await rejection(parseClientKey('{"type":'))).message, /cannot be parsed/);
    assert.match((await rejection(parseClientKey('hello'))).message, /neither a PEM private key/);
    const broken = await rejection(parseClientKey('-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----'));
    assert.equal(broken.code, 'invalid-client-key');
    assert.doesNotMatch(broken.message, /c2VjcmV0/);
  });
});
