// Device authorization grant (RFC 8628): the fallback where a loopback redirect cannot reach
// the editor (remote hosts, Codespaces). openid-client polls at the server's interval and
// backs off by 5 s on slow_down; we add prompt cancellation and an overall expiry.
import * as l10n from '@vscode/l10n';
import * as oidc from 'openid-client';
import type { OidcClient } from './discovery';
import { OidcError, describeOAuthError, isAbort, oauthErrorOf, wrapError } from './errors';
import { explainCommonFailure } from './explain';
import { toStoredTokenSet, type StoredTokenSet } from './tokenSet';

export interface DeviceAuthorization {
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** Seconds the user has to finish, from the start. */
  expiresIn: number;
  /** Seconds between polls the server asked for. */
  interval: number;
  /** Polls until the user finished, declined, the code expired, or `signal` aborted. Call once. */
  poll(options?: { signal?: AbortSignal }): Promise<{ tokens: StoredTokenSet; claims?: oidc.IDToken }>;
}

export async function startDeviceAuthorization(client: OidcClient, scopes: string[]): Promise<DeviceAuthorization> {
  if (!client.metadata.device_authorization_endpoint) {
    throw new OidcError('unsupported', l10n.t('{0} advertises no device authorization endpoint. Enable the device code grant for the app, or sign in through the browser.', client.issuer));
  }
  const scope = (scopes.includes('openid') ? scopes : ['openid', ...scopes]).join(' ');
  let response: oidc.DeviceAuthorizationResponse;
  try {
    response = await oidc.initiateDeviceAuthorization(client.config, { scope });
  } catch (err) {
    const what = l10n.t('Starting the device sign-in failed');
    throw explainCommonFailure(err, client, what) ?? wrapError(err, 'device-flow-failed', what, l10n.t('Check that the app allows the device code grant.'));
  }
  const started = Date.now();
  let polling: ReturnType<DeviceAuthorization['poll']> | undefined;

  return {
    userCode: response.user_code,
    verificationUri: response.verification_uri,
    verificationUriComplete: response.verification_uri_complete,
    expiresIn: response.expires_in,
    interval: response.interval ?? 5,
    poll(options = {}) {
      polling ??= pollOnce(client, response, started, options.signal);
      return polling;
    },
  };
}

async function pollOnce(client: OidcClient, response: oidc.DeviceAuthorizationResponse, started: number, userSignal?: AbortSignal) {
  const expiry = AbortSignal.timeout(Math.max(0, started + response.expires_in * 1000 - Date.now()));
  const signal = userSignal ? AbortSignal.any([userSignal, expiry]) : expiry;
  const expired = () => new OidcError('expired', l10n.t('The device code expired before the sign-in was completed ({0} s). Start again and enter the new code.', response.expires_in));
  const cancelled = () => new OidcError('cancelled', l10n.t('Device sign-in canceled.'));

  // openid-client notices an abort only between its wait steps; reject at once instead.
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(userSignal?.aborted ? cancelled() : expired());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([oidc.pollDeviceAuthorizationGrant(client.config, response, undefined, { signal }), aborted]);
    return { tokens: toStoredTokenSet(client.issuer, client.clientId, result), claims: result.claims() };
  } catch (err) {
    if (err instanceof OidcError) throw err;
    if (isAbort(err)) throw userSignal?.aborted ? cancelled() : expired();
    const oauth = oauthErrorOf(err);
    if (oauth?.error === 'expired_token') throw expired();
    if (oauth?.error === 'access_denied') {
      throw new OidcError('provider-error', l10n.t('The sign-in was declined on the other device ({0}).', describeOAuthError(oauth)), { ...oauth, cause: err });
    }
    const what = l10n.t('The device sign-in failed');
    throw explainCommonFailure(err, client, what) ?? wrapError(err, 'device-flow-failed', what, l10n.t('Start it again.'));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
