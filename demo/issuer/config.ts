// oidc-provider configuration for the demo issuer: one public native client, ZITADEL-like
// scopes, claims and endpoint paths, our own pages, memory storage.
import type { AnyObject } from 'oidc-provider';
import { claimsByScope, findAccount } from './account';
import { AUD_PARAM } from './authorizationRequest';
import { memoryAdapter, type MemoryStore } from './adapter';
import type { SigningKey } from './keys';
import { deviceCodeInputPage, deviceConfirmPage, deviceSuccessPage, errorPage, loggedOutPage, logoutPage } from './pages';

export const CLIENT_ID = 'token-inspector-demo';
export const CLIENT_NAME = 'Token Inspector';
/** Registered without a port: loopback redirect URIs of native clients match on any port (RFC 8252 7.3). */
export const REDIRECT_URI = 'http://127.0.0.1/callback';
export const POST_LOGOUT_REDIRECT_URI = 'http://127.0.0.1/signed-out';

/** ZITADEL's default endpoint paths, so the demo looks like the real thing in discovery. */
export const ROUTES = {
  authorization: '/oauth/v2/authorize',
  token: '/oauth/v2/token',
  revocation: '/oauth/v2/revoke',
  introspection: '/oauth/v2/introspect',
  jwks: '/oauth/v2/keys',
  device_authorization: '/oauth/v2/device_authorization',
  code_verification: '/device',
  userinfo: '/oidc/v1/userinfo',
  end_session: '/oidc/v1/end_session',
};

/** Where our own interaction pages live (outside oidc-provider, see interactions.ts). */
export const INTERACTION_PATH = '/interaction/';

export interface ConfigInput {
  signingKey: SigningKey;
  store: MemoryStore;
  cookieKeys: string[];
}

/** The bits of oidc-provider's Koa context the page hooks touch. */
interface KoaContext {
  type: string;
  body: unknown;
  host: string;
  oidc: { client?: { clientId: string; clientName?: string } };
}

const clientName = (ctx: KoaContext) => ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId ?? 'the application';

function html(ctx: KoaContext, body: string): void {
  ctx.type = 'html';
  ctx.body = body;
}

const DAY = 24 * 60 * 60;

export function providerConfiguration({ signingKey, store, cookieKeys }: ConfigInput): AnyObject {
  return {
    adapter: memoryAdapter(store),
    clients: [
      {
        client_id: CLIENT_ID,
        client_name: CLIENT_NAME,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: [REDIRECT_URI],
        post_logout_redirect_uris: [POST_LOGOUT_REDIRECT_URI],
        response_types: ['code'],
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      },
    ],
    jwks: { keys: [signingKey.privateJwk] },
    // Plain http on loopback: oidc-provider marks cookies secure only when the request is https,
    // so they work here; signed with per-issuer keys.
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', secure: false },
      short: { httpOnly: true, sameSite: 'lax', secure: false },
    },
    // amr comes from the login, not the account: listed under openid so that ID tokens carry it.
    claims: { ...claimsByScope, openid: ['sub', 'amr'] },
    scopes: ['openid', 'offline_access'],
    // ZITADEL's "User Info inside ID Token": every claim the scopes release goes into the ID
    // token too (oidc-provider's default puts only `sub` there when an access token is issued).
    conformIdTokenClaims: false,
    findAccount,
    extraParams: [AUD_PARAM],
    responseTypes: ['code'],
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => true },
    routes: ROUTES,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}${interaction.uid}` },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      DeviceCode: 600,
      Grant: 14 * DAY,
      IdToken: 3600,
      Interaction: 3600,
      RefreshToken: 14 * DAY,
      Session: 14 * DAY,
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: async (ctx: KoaContext, form: string, _out: unknown, err?: { name?: string }) => {
          let message: string | undefined;
          const messages: Record<string, string> = {
            NoCodeError: 'Enter the code shown on your device.',
            NotFoundError: 'That code is not valid. Try again.',
            ExpiredError: 'That code has expired. Start again on your device.',
            AlreadyUsedError: 'That code was already used. Start again on your device.',
            AbortedError: 'The sign-in was aborted.',
          };
          if (err) message = messages[err.name ?? ''] ?? 'The request could not be processed.';
          html(ctx, deviceCodeInputPage(form, message));
        },
        userCodeConfirmSource: async (ctx: KoaContext, form: string, _client: unknown, _info: unknown, userCode: string) =>
          html(ctx, deviceConfirmPage(form, clientName(ctx), userCode)),
        successSource: async (ctx: KoaContext) => html(ctx, deviceSuccessPage(clientName(ctx))),
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContext, form: string) => html(ctx, logoutPage(form, ctx.host)),
        postLogoutSuccessSource: async (ctx: KoaContext) => html(ctx, loggedOutPage()),
      },
    },
    renderError: async (ctx: KoaContext, out: Record<string, unknown>) => html(ctx, errorPage(out)),
  };
}
