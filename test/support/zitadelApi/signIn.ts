// JWT access tokens from the demo issuer, through our own sign-in (src/core/oidc) and the
// provider's login pages, with or without the ZITADEL API audience scope.
import { startDemoIssuer, type DemoIssuer } from '../../../demo/issuer/index';
import { discover } from '../../../src/core/oidc/discovery';
import { signInWithLoopback } from '../../../src/core/oidc/signIn';
import { loginThroughProvider } from '../providerLogin';

export const AUD_SCOPE = 'urn:zitadel:iam:org:project:id:zitadel:aud';
export const BASE_SCOPES = ['openid', 'profile', 'urn:zitadel:iam:user:metadata'];

export async function startJwtIssuer(): Promise<DemoIssuer> {
  return startDemoIssuer({ accessTokenFormat: 'jwt' });
}

/** Signs the demo user in with `scopes` and returns the (JWT) access token. */
export async function accessTokenFor(issuer: DemoIssuer, scopes: string[]): Promise<string> {
  const client = await discover(issuer.issuer, { clientId: issuer.clientId });
  const { tokens } = await signInWithLoopback({
    client,
    scopes,
    timeoutMs: 20_000,
    openBrowser: async (url) => {
      const callback = await loginThroughProvider(url.href, issuer.user);
      await (await fetch(callback)).arrayBuffer();
    },
  });
  return tokens.access_token;
}
