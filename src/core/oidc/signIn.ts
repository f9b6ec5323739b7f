// The whole browser sign-in, UI-free: the VS Code adapter supplies how to open the browser and
// how to map the loopback address for remote hosts, and shows progress / cancel.
import * as l10n from '@vscode/l10n';
import { randomState } from 'openid-client';
import { buildAuthorizationRequest, expectedIssuerParameter, probeAuthorizationRequest } from './authorize';
import { jwksSourceFor, type OidcClient } from './discovery';
import { OidcError } from './errors';
import { clockAdvice } from './explain';
import { checkIdToken, type IdTokenCheckResult } from './idTokenChecks';
import { startLoopbackReceiver } from './loopback';
import type { StoredTokenSet } from './tokenSet';
import { exchangeCode } from './tokens';

export interface LoopbackSignInOptions {
  client: OidcClient;
  scopes: string[];
  /** Opens the system browser (not a webview). Resolve false when it could not be opened. */
  openBrowser(url: URL): Promise<boolean | void>;
  /** The redirect URI as the browser can reach it; identity locally, `asExternalUri` remotely. */
  externalRedirectUri?(localRedirectUri: string): Promise<string>;
  /** Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Default 0: an ephemeral port. */
  port?: number;
  extraParams?: Record<string, string>;
  /** Default true: ask the authorization endpoint first whether it accepts the request (see probeAuthorizationRequest). */
  probe?: boolean;
  /** The profile's name, shown (escaped) with the issuer on the browser page after the sign-in. */
  profileName?: string;
}

export interface SignInResult {
  tokens: StoredTokenSet;
  /** Our own ID token checklist; show it, and do not treat the user as signed in when `ok` is false. */
  idTokenChecks?: IdTokenCheckResult;
}

export async function signInWithLoopback(options: LoopbackSignInOptions): Promise<SignInResult> {
  const { client } = options;
  const state = randomState();
  const receiver = await startLoopbackReceiver({
    port: options.port ?? 0,
    path: '/callback',
    expectedState: state,
    expectedIssuer: expectedIssuerParameter(client),
    timeoutMs: options.timeoutMs ?? 5 * 60_000,
    signal: options.signal,
    names: { profile: options.profileName, issuer: client.issuer },
  });
  try {
    const redirectUri = options.externalRedirectUri ? await options.externalRedirectUri(receiver.redirectUri) : receiver.redirectUri;
    const request = await buildAuthorizationRequest({ client, scopes: options.scopes, redirectUri, extraParams: options.extraParams, state });
    const refused = options.probe === false ? undefined : await probeAuthorizationRequest(client, request.url);
    if (refused) throw redirectRefused(refused.status, redirectUri, options.port);
    if ((await options.openBrowser(request.url)) === false) {
      throw new OidcError('cancelled', l10n.t('The browser could not be opened for the sign-in. Use the device sign-in instead.'));
    }
    const callbackUrl = await receiver.result;
    const { tokens } = await exchangeCode(client, request, callbackUrl);
    const idTokenChecks = tokens.id_token
      ? await checkIdToken(tokens.id_token, { issuer: client.issuer, clientId: client.clientId, jwks: jwksSourceFor(client), nonce: request.nonce, accessToken: tokens.access_token, clockSkewSeconds: client.clockSkewSeconds, clockNote: clockAdvice(client) })
      : undefined;
    // The receiver closes by itself once the browser got the success page (or after its grace).
    return { tokens, idTokenChecks };
  } catch (err) {
    void receiver.close();
    throw err;
  }
}

function redirectRefused(status: number, redirectUri: string, fixedPort: number | undefined): OidcError {
  const registered = `${new URL(redirectUri).origin}/callback`;
  const message = fixedPort
    ? l10n.t('The provider refused the sign-in request before showing its login page (HTTP {0}). Check that {1} is registered exactly as a redirect URI of the app, and the client ID; or sign in with a device code instead.', status, registered)
    : l10n.t(
        "The provider refused the sign-in request before showing its login page (HTTP {0}). Most likely it does not accept the redirect URI {1}: some providers compare the loopback port too (RFC 8252 §7.3 says they should not), and every sign-in uses a new one. Register http://127.0.0.1:<port>/callback with a fixed port at the provider and set that port as the profile's redirectPort, or sign in with a device code instead.",
        status,
        redirectUri,
      );
  return new OidcError('redirect-uri-refused', message, { status });
}
