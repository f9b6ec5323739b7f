// oauth2-mock-server (npm) for the interop tests, run by mock-server.mjs in a child process.
import { exportPKCS8, generateKeyPair } from 'jose';
import { startNodeProvider } from './childProvider';
import type { InteropProvider, ProviderOptions } from './types';

export async function startMockServer(options: ProviderOptions & { signingAlg?: string; /** Hostile answers, see mock-server.mjs. */ answers?: 'hostile' | 'object-sub' | 'refresh-other-sub' } = {}): Promise<InteropProvider> {
  const args = [options.signingAlg ?? 'RS256', ...(options.answers ? [options.answers] : [])];
  const child = await startNodeProvider('oauth2-mock-server', 'mock-server.mjs', args, options.clockOffsetSeconds);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const secret = 'mock+secret/with=chars';
  return {
    name: 'oauth2-mock-server',
    issuer: child.issuer,
    publicClient: 'interop-public',
    // It verifies no client authentication: these show what we send is accepted, not checked.
    confidential: [
      { clientId: 'interop-confidential', clientSecret: secret, method: 'client_secret_basic' },
      { clientId: 'interop-confidential', clientSecret: secret, method: 'client_secret_post' },
      { clientId: 'interop-confidential', key: await exportPKCS8(privateKey), method: 'private_key_jwt' },
    ],
    async login(authorizationUrl) {
      // No login page: the authorization endpoint redirects straight back with a code.
      const res = await fetch(authorizationUrl, { redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status !== 302 || !location) throw new Error(`oauth2-mock-server: HTTP ${res.status} from the authorization endpoint`);
      return new URL(location);
    },
    skips: { device: 'no device authorization endpoint' },
    stop: child.stop,
  };
}
