// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): ends the user's session at the
// provider through its end_session_endpoint, in the system browser, with the ID token as
// id_token_hint and a one-shot loopback receiver as post_logout_redirect_uri.
import * as l10n from '@vscode/l10n';
import { randomState } from 'openid-client';
import { endSessionUrl } from './authorize';
import type { OidcClient } from './discovery';
import { OidcError } from './errors';
import { startLoopbackReceiver } from './loopback';

export const LOGOUT_PATH = '/signed-out';

export interface ProviderLogoutOptions {
  client: OidcClient;
  idTokenHint?: string;
  openBrowser(url: URL): Promise<boolean | void>;
  /** Default 2 minutes: the provider may ask the user to confirm. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Default 0: an ephemeral port (a provider that compares ports needs the profile's fixed one). */
  port?: number;
  /** The profile's name, shown (escaped) with the issuer on the browser page afterwards. */
  profileName?: string;
}

/**
 * Resolves true once the provider sent the browser back to us, false when it advertises no
 * end_session_endpoint. Rejects (OidcError) on timeout, cancellation or a provider error.
 */
export async function endProviderSession(options: ProviderLogoutOptions): Promise<boolean> {
  const { client } = options;
  if (!client.metadata.end_session_endpoint) return false;
  const state = randomState();
  const receiver = await startLoopbackReceiver({
    port: options.port ?? 0,
    path: LOGOUT_PATH,
    expectedState: state,
    expectCode: false,
    timeoutMs: options.timeoutMs ?? 2 * 60_000,
    signal: options.signal,
    successTitle: l10n.t('Signed out at the provider'),
    successPage: l10n.t('Your session at the identity provider has ended. VS Code has already forgotten the tokens.'),
    names: { profile: options.profileName, issuer: client.issuer },
  });
  try {
    const url = endSessionUrl(client, { idTokenHint: options.idTokenHint, postLogoutRedirectUri: receiver.redirectUri, state })!;
    if ((await options.openBrowser(url)) === false) throw new OidcError('cancelled', l10n.t('The browser could not be opened to sign out at the provider.'));
    await receiver.result;
    return true;
  } catch (err) {
    void receiver.close();
    throw err;
  }
}
