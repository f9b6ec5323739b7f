// RS256 signing keys, made at start and on rotation. The kid is the key's JWK thumbprint.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  /** The private JWK as oidc-provider's `jwks` setting wants it (with kid, alg, use). */
  privateJwk: JWK;
  privateKey: CryptoKey;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' }, privateKey };
}
