// Back-channel token calls through openid-client: code exchange, refresh, revocation.
// openid-client validates the authorization response (state, iss), sends the PKCE verifier and
// validates the ID token claims; we turn its errors into OidcErrors the user can act on.
import * as l10n from '@vscode/l10n';
import * as oidc from 'openid-client';
import type { AuthorizationRequest } from './authorize';
import type { ClientAuthMethod } from './clientAuth';
import type { OidcClient } from './discovery';
import { decodeJwt } from 'jose';
import { OidcError, describeOAuthError, isAbort, networkProblem, oauthErrorOf, wrapError } from './errors';
import { explainCommonFailure } from './explain';
import { toStoredTokenSet, type StoredTokenSet } from './tokenSet';

export interface ExchangeResult {
  tokens: StoredTokenSet;
  /** The ID token claims as openid-client validated them. */
  claims?: oidc.IDToken;
}

/**
 * Exchanges the code from `callbackUrl` (what the loopback receiver returned). The redirect_uri
 * sent to the token endpoint is `request.redirectUri`, which may differ from the local callback
 * URL when the browser reached us through a forwarded port (vscode.env.asExternalUri).
 */
export async function exchangeCode(client: OidcClient, request: AuthorizationRequest, callbackUrl: URL): Promise<ExchangeResult> {
  const currentUrl = new URL(request.redirectUri);
  currentUrl.search = callbackUrl.search;
  try {
    const response = await oidc.authorizationCodeGrant(client.config, currentUrl, {
      pkceCodeVerifier: request.codeVerifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    return { tokens: toStoredTokenSet(client.issuer, client.clientId, response), claims: response.claims() };
  } catch (err) {
    throw exchangeError(err, client);
  }
}

function exchangeError(err: unknown, client: OidcClient): OidcError {
  const code = (err as { code?: string }).code;
  const inner = (err as { cause?: unknown }).cause;
  const detail = inner instanceof Error ? inner.message : '';
  if (code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR') {
    const o = oauthErrorOf(err)!;
    return new OidcError('provider-error', l10n.t("The identity provider refused the sign-in: {0}. Try again, or check the client's settings at the provider.", describeOAuthError(o)), { ...o, cause: err });
  }
  if (code === 'OAUTH_INVALID_RESPONSE' && detail.includes('"state"')) {
    return new OidcError('state-mismatch', l10n.t('The sign-in answer does not belong to this sign-in attempt (state mismatch), so it was rejected. Start the sign-in again.'), { cause: err });
  }
  if (code === 'OAUTH_INVALID_RESPONSE' && detail.includes('"iss"')) {
    return new OidcError('issuer-mismatch', l10n.t('The sign-in answer did not come from {0} ({1}). This can be a mix-up attack (RFC 9207); start the sign-in again.', client.issuer, detail), { cause: err });
  }
  const what = l10n.t('Exchanging the authorization code for tokens failed');
  const common = explainCommonFailure(err, client, what);
  if (common) return common;
  const oauth = oauthErrorOf(err);
  if (oauth?.error === 'invalid_grant') {
    return new OidcError('token-exchange-failed', l10n.t('The provider did not accept the authorization code: {0}. Codes work once and expire quickly; start the sign-in again.', describeOAuthError(oauth)), { ...oauth, cause: err });
  }
  const hint = l10n.t('Start the sign-in again; if it keeps failing, check the client settings at the provider.');
  if (oauth || networkProblem(err) || isAbort(err) || !detail) return wrapError(err, 'token-exchange-failed', what, hint);
  // openid-client's own message is generic ("unexpected JWT claim value encountered"); the cause says which.
  return new OidcError('token-exchange-failed', `${l10n.t('{0}: {1} ({2}).', what, (err as Error).message, detail)} ${hint}`, { cause: err });
}

/**
 * Refreshes the tokens. The provider may rotate the refresh token; when it returns none the old
 * one stays valid (RFC 6749 §6). A new ID token must be about the same user (OIDC Core §12.2).
 */
export async function refresh(client: OidcClient, current: StoredTokenSet, scopes?: string[], requestedScopes?: readonly string[]): Promise<ExchangeResult> {
  if (!current.refresh_token) {
    const asked = requestedScopes?.includes('offline_access');
    throw new OidcError(
      'refresh-failed',
      asked
        ? l10n.t('There is no refresh token: the provider issued none although offline_access was requested (with prompt=consent, as OpenID Connect Core §11 requires). Allow the refresh_token grant for the app at the provider, then sign in again.')
        : l10n.t('There is no refresh token. Add the offline_access scope to the profile and sign in again to get one.'),
    );
  }
  let response: Awaited<ReturnType<typeof oidc.refreshTokenGrant>>;
  try {
    response = await oidc.refreshTokenGrant(client.config, current.refresh_token, scopes ? { scope: scopes.join(' ') } : undefined);
  } catch (err) {
    const what = l10n.t('Refreshing the tokens failed');
    const common = explainCommonFailure(err, client, what);
    if (common) throw common;
    const oauth = oauthErrorOf(err);
    if (oauth?.error === 'invalid_grant') {
      throw new OidcError('refresh-failed', l10n.t('The provider no longer accepts the refresh token ({0}); it may have expired or been revoked. Sign in again.', describeOAuthError(oauth)), { ...oauth, cause: err });
    }
    throw wrapError(err, 'refresh-failed', what, l10n.t('Sign in again if this persists.'));
  }
  const claims = response.claims();
  const previousSub = current.id_token ? subOf(current.id_token) : undefined;
  if (claims && previousSub !== undefined && claims.sub !== previousSub) {
    throw new OidcError('subject-mismatch', l10n.t('The refreshed ID token is about another user ("{0}" instead of "{1}"). The new tokens were discarded; sign in again.', claims.sub, previousSub));
  }
  const tokens = toStoredTokenSet(client.issuer, client.clientId, response);
  tokens.refresh_token ??= current.refresh_token;
  // Keep the sign-in's ID token when the provider does not issue a new one on refresh.
  tokens.id_token ??= current.id_token;
  return { tokens, claims };
}

/**
 * Revokes a token (RFC 7009), authenticating as the revocation endpoint asks
 * (revocation_endpoint_auth_methods_supported), then, if refused, as at the token endpoint.
 * Returns false when the provider advertises no revocation endpoint.
 */
export async function revoke(client: OidcClient, token: string, hint?: 'access_token' | 'refresh_token'): Promise<boolean> {
  if (!client.metadata.revocation_endpoint) return false;
  const attempts = [client.revocation, { config: client.config, authMethod: client.authMethod }].filter((a, i, all) => all.findIndex((b) => b.config === a.config) === i);
  let failure: OidcError | undefined;
  for (const attempt of attempts) {
    try {
      await oidc.tokenRevocation(attempt.config, token, hint ? { token_type_hint: hint } : undefined);
      return true;
    } catch (err) {
      failure = revocationError(err, client, attempt.authMethod);
      if (failure.status !== 401 && failure.status !== 403 && failure.error !== 'invalid_client' && failure.error !== 'unauthorized_client') break;
    }
  }
  throw failure!;
}

function revocationError(err: unknown, client: OidcClient, method: ClientAuthMethod): OidcError {
  const listed = client.metadata.revocation_endpoint_auth_methods_supported;
  const status = (err as { status?: unknown }).status ?? (err as { cause?: { status?: unknown } }).cause?.status;
  const oauth = oauthErrorOf(err);
  const refused = status === 401 || status === 403 || oauth?.error === 'invalid_client' || oauth?.error === 'unauthorized_client';
  if (refused) {
    const answered = oauth ? describeOAuthError(oauth) : `HTTP ${String(status)}`;
    const needs = listed && !listed.includes(method) ? l10n.t('it requires client authentication there ({0})', listed.join(', ')) : l10n.t("it did not accept the client's authentication");
    const fix = method === 'none' ? l10n.t('a public client cannot authenticate; give the profile a client secret or key if the app has one') : l10n.t("check the app's credentials and authMethod (used: {0})", method);
    return new OidcError('revocation-failed', l10n.t('The provider refused to revoke the token ({0}): {1}; {2}.', answered, needs, fix), { ...oauth, status: typeof status === 'number' ? status : undefined, cause: err });
  }
  return wrapError(err, 'revocation-failed', l10n.t('Revoking the token failed'), l10n.t('Retrying will not help if the provider keeps refusing.'));
}

function subOf(idToken: string): string | undefined {
  try {
    return decodeJwt(idToken).sub;
  } catch {
    return undefined;
  }
}
