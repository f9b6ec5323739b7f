// Reading private keys for private_key_jwt as people paste or save them: ZITADEL's key JSON with
// surrounding whitespace or without "type", and a PEM that is damaged.
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { parseClientKey } from '../../src/core/oidc/clientAuth';
import { rejection } from '../support/oidcAssertions';

const pem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('oidc client authentication: reading key files', () => {
  it("reads ZITADEL's key JSON with a blank line before it and a newline after it, keeping key id and client id", async () => {
    const file = `\n  ${JSON.stringify({ type: 'application', keyId: 'kid-1', key: pem(), appId: '1', clientId: 'client-1@project' })}\n`;
    const key = await parseClientKey(file);
    assert.deepEqual({ kid: key.kid, alg: key.alg, clientId: key.clientId }, { kid: 'kid-1', alg: 'ES256', clientId: 'client-1@project' });
  });

  it('reads key JSON without a "type" as an application key', async () => {
    const key = await parseClientKey(JSON.stringify({ keyId: 'kid-2', key: pem(), clientId: 'client-2' }));
    assert.deepEqual({ kid: key.kid, alg: key.alg, clientId: key.clientId }, { kid: 'kid-2', alg: 'ES256', clientId: 'client-2' });
  });

  it('refuses a damaged PEM, saying it cannot be read and what to use instead', async () => {
    const damaged = pem().replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!!!!!!!!!!!!!!!!!');
    const err = await rejection(parseClientKey(damaged));
    assert.equal(err.code, 'invalid-client-key');
    assert.equal(err.message, "The private key cannot be read (damaged PEM, or encrypted with a passphrase). Use an unencrypted PEM private key or ZITADEL's key file.");
  });
});
