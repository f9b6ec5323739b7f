// Front-channel URLs: the authorization request (code + PKCE S256) and the logout URL.
import * as l10n from '@vscode/l10n';
import * as oidc from 'openid-client';
import type { OidcClient } from './discovery';
import { OidcError } from './errors';

/** One sign-in attempt. Keep it in memory only, and only until the code is exchanged. */
export interface AuthorizationRequest {
  url: URL;
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  scopes: string[];
}

export interface AuthorizationRequestOptions {
  client: OidcClient;
  scopes: string[];
  /** Exactly what the browser will be sent to; also sent again at the token endpoint. */
  redirectUri: string;
  /** Extra parameters such as `prompt`, `login_hint`, `max_age`. Cannot override the security ones. */
  extraParams?: Record<string, string>;
  /** Normally omitted (a fresh one is made). The loopback flow passes the state its receiver already waits for. */
  state?: string;
}

const RESERVED = new Set(['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method']);

export async function buildAuthorizationRequest(options: AuthorizationRequestOptions): Promise<AuthorizationRequest> {
  const { client, redirectUri } = options;
  if (!client.metadata.authorization_endpoint) {
    throw new OidcError('unsupported', l10n.t('{0} advertises no authorization endpoint, so browser sign-in is not possible. Try the device flow.', client.issuer));
  }
  const methods = client.metadata.code_challenge_methods_supported;
  if (methods && !methods.includes('S256')) {
    const listed = methods.join(', ') || l10n.t({ message: 'nothing', comment: ['As in "it lists nothing"'] });
    throw new OidcError('unsupported', l10n.t('{0} does not support PKCE with S256 (it lists {1}); signing in without it is unsafe.', client.issuer, listed));
  }
  const scopes = options.scopes.includes('openid') ? options.scopes : ['openid', ...options.scopes];
  for (const key of Object.keys(options.extraParams ?? {})) {
    if (RESERVED.has(key)) throw new TypeError(`extraParams must not set ${key}`);
  }
  const extra = { ...options.extraParams };
  // OIDC Core §11: offline_access is ignored unless prompt contains consent (and then a refresh
  // token may be issued); stock providers follow that rule.
  const prompt = (extra.prompt ?? '').split(' ').filter(Boolean);
  if (scopes.includes('offline_access') && !prompt.includes('consent') && !prompt.includes('none')) extra.prompt = [...prompt, 'consent'].join(' ');
  // Fresh random values for every attempt (RFC 7636 §4.1, RFC 9700 §2.1.1).
  const state = options.state ?? oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(client.config, {
    ...extra,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: scopes.join(' '),
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, redirectUri, state, nonce, codeVerifier, scopes };
}

/** The `iss` the loopback receiver must insist on, when the provider promises to send it (RFC 9207). */
export function expectedIssuerParameter(client: OidcClient): string | undefined {
  return client.metadata.authorization_response_iss_parameter_supported ? client.issuer : undefined;
}

/** RP-initiated logout URL, or undefined when the provider advertises no end_session_endpoint. */
export function endSessionUrl(client: OidcClient, options: { idTokenHint?: string; postLogoutRedirectUri?: string; state?: string } = {}): URL | undefined {
  if (!client.metadata.end_session_endpoint) return undefined;
  const params: Record<string, string> = { client_id: client.clientId };
  if (options.idTokenHint) params.id_token_hint = options.idTokenHint;
  if (options.postLogoutRedirectUri) params.post_logout_redirect_uri = options.postLogoutRedirectUri;
  if (options.state) params.state = options.state;
  return oidc.buildEndSessionUrl(client.config, params);
}

/**
 * Asks the authorization endpoint for the request the browser is about to open, without cookies,
 * and tells whether the provider refused it outright: an HTTP 4xx page instead of a redirect to
 * its login (or to us). Providers check the client and redirect URI first, so this catches a
 * redirect URI they do not accept (typically a loopback port they compare, contrary to RFC 8252
 * §7.3) before the user faces an error page in the browser. Undefined when it looks fine or the
 * probe itself failed (the real sign-in then tells).
 */
export async function probeAuthorizationRequest(client: OidcClient, url: URL, timeoutMs = 10_000): Promise<{ status: number } | undefined> {
  try {
    const response = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html' }, signal: AbortSignal.timeout(timeoutMs) });
    client.clock.record(response);
    await response.body?.cancel();
    return response.status >= 400 && response.status < 500 && response.status !== 401 ? { status: response.status } : undefined;
  } catch {
    return undefined;
  }
}
