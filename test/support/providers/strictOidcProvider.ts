// oidc-provider in its stock strict configuration (strict-oidc-provider.mjs, a child process):
// its own dev login and consent pages, driven like a browser by providerLogin.ts.
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { completeDeviceLogin, loginThroughProvider } from '../providerLogin';
import { startNodeProvider } from './childProvider';
import type { InteropProvider, ProviderOptions } from './types';

/** Its dev interactions accept any login and password; the login becomes the account id. */
const USER = { username: 'interop-user', password: 'any-password' };

export async function startStrictOidcProvider(options: ProviderOptions = {}): Promise<InteropProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const clientJwk = { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig', kid: 'interop-client-key' };
  const secret = 'strict+secret/with=chars';
  const child = await startNodeProvider('oidc-provider (stock)', 'strict-oidc-provider.mjs', [JSON.stringify({ secret, clientJwk })], options.clockOffsetSeconds);
  // As ZITADEL hands out an app key: JSON with the PEM, its key id and the client id.
  const keyFile = JSON.stringify({ type: 'application', keyId: clientJwk.kid, key: await exportPKCS8(privateKey), appId: '1', clientId: 'interop-jwt' });
  return {
    name: 'oidc-provider (stock)',
    issuer: child.issuer,
    publicClient: 'interop-public',
    deviceClient: 'interop-device',
    confidential: [
      { clientId: 'interop-basic', clientSecret: secret, method: 'client_secret_basic' },
      { clientId: 'interop-post', clientSecret: secret, method: 'client_secret_post' },
      { clientId: 'interop-jwt', key: keyFile, method: 'private_key_jwt' },
    ],
    login: (url) => loginThroughProvider(url, USER),
    completeDevice: (url) => completeDeviceLogin(url, USER, (html) => /<title>Sign-in Success<\/title>/.test(html)),
    // Its login cookies expire with the tokens (1 h), so a browser drops them before the code exists.
    skips: { clockFarBehind: 'its login cookies (1 h) expire before its tokens do, so no browser gets that far' },
    stop: child.stop,
  };
}
