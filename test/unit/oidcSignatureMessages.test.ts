// The signature row's messages: header-embedded keys ignored, key sets without a fitting key,
// candidate keys that all fail, and pasted keys that cannot check the token's algorithm.
// Real (EC, quick to make) keys and tokens (jose); checkSignature and keyMisfit are called directly.
import { strict as assert } from 'node:assert';
import { decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK, type JWSHeaderParameters } from 'jose';
import { checkSignature, keyMisfit, type KeyOwner } from '../../src/core/oidc/signature';

async function ec(kid?: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  return { privateKey: privateKey as CryptoKey, jwk: kid === undefined ? jwk : { ...jwk, kid } };
}

async function ecJwk(): Promise<JWK> {
  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  return exportJWK(publicKey);
}

async function edJwk(): Promise<JWK> {
  const { publicKey } = await generateKeyPair('Ed25519', { extractable: true });
  return exportJWK(publicKey);
}

async function signed(privateKey: CryptoKey, header: JWSHeaderParameters): Promise<{ token: string; header: ReturnType<typeof decodeProtectedHeader> }> {
  const token = await new SignJWT({ sub: 'user-1' }).setProtectedHeader({ ...header, alg: 'ES256' }).sign(privateKey);
  return { token, header: decodeProtectedHeader(token) };
}

function set(owner: KeyOwner, keys: JWK[]) {
  return { kind: 'set' as const, owner, refreshable: false, get: () => Promise.resolve({ keys }) };
}

describe('signature check messages', () => {
  it('says the header\'s embedded keys (several) were ignored, after the verified result', async () => {
    const key = await ec('k1');
    const { token, header } = await signed(key.privateKey, { kid: 'k1', jku: 'https://attacker.example/jwks', x5u: 'https://attacker.example/cert.pem' });
    assert.deepEqual(await checkSignature(token, header, set('pasted', [key.jwk])), {
      status: 'pass',
      detail: 'ES256, verified with the pasted key "k1". The header\'s "jku", "x5u" were ignored: a key the token brings along proves nothing.',
    });
  });

  it('names a key set without any key of the token\'s type, for a token without a kid, issuer\'s and pasted', async () => {
    const key = await ec();
    const { token, header } = await signed(key.privateKey, {});
    const wrong = "a wrong key set, or a key of another type than the token's algorithm needs.";
    assert.deepEqual(await checkSignature(token, header, set('issuer', [await edJwk()])), { status: 'fail', detail: `The issuer's key set has no ES256 key without a kid: ${wrong}` });
    assert.deepEqual(await checkSignature(token, header, set('pasted', [await edJwk()])), { status: 'fail', detail: `The pasted key set has no ES256 key without a kid: ${wrong}` });
  });

  it('names the kid an issuer\'s key set (not fetched again) has no key for', async () => {
    const key = await ec('k9');
    const { token, header } = await signed(key.privateKey, { kid: 'k9' });
    assert.deepEqual(await checkSignature(token, header, set('issuer', [(await ec('k1')).jwk])), {
      status: 'fail',
      detail: "The issuer's key set has no ES256 key \"k9\" (keys are chosen by kid, key type and alg): a wrong key set, or a key of another type than the token's algorithm needs.",
    });
  });

  it('says the signature matches none of the pasted candidate keys when several could have signed it', async () => {
    const signer = await ec();
    const { token, header } = await signed(signer.privateKey, {});
    assert.deepEqual(await checkSignature(token, header, set('pasted', [(await ec()).jwk, (await ec()).jwk])), {
      status: 'fail',
      detail: 'The signature matches none of the candidate keys in the pasted key set: the token was altered or signed by someone else.',
    });
  });

  it('says ES512 needs an EC P-521 key when the pasted key is another one', async () => {
    const jwk = await ecJwk();
    assert.equal(keyMisfit(jwk, 'ES512'), 'The token says alg ES512, which needs an EC P-521 key; the pasted key is EC P-256 key: a wrong key or a wrong algorithm.');
  });

  it('refuses a pasted key whose key_ops lack "verify", and accepts one that has it', async () => {
    const jwk = await ecJwk();
    assert.equal(keyMisfit({ ...jwk, key_ops: ['sign'] }, 'ES256'), 'The pasted key\'s "key_ops" ["sign"] do not include "verify".');
    assert.equal(keyMisfit({ ...jwk, key_ops: 'verify' as unknown as string[] }, 'ES256'), 'The pasted key\'s "key_ops" "verify" do not include "verify".');
    assert.equal(keyMisfit({ ...jwk, key_ops: ['verify'] }, 'ES256'), undefined);
    assert.equal(keyMisfit(jwk, 'ES256'), undefined);
  });
});
