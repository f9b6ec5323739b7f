// Causes that several back-channel calls (code exchange, refresh, device flow) share, each
// explained with its fix: the provider's clock, the client authentication, the signing algorithm.
import * as l10n from '@vscode/l10n';
import type { ClientAuthMethod } from './clientAuth';
import { alternativeMethods } from './clientAuth';
import type { OidcClient } from './discovery';
import { OidcError, describeOAuthError, oauthErrorOf } from './errors';
import { describeOffset } from './providerClock';


/** A clock, client-authentication or algorithm failure explained, or undefined for other errors. */
export function explainCommonFailure(err: unknown, client: OidcClient, what: string): OidcError | undefined {
  return clockFailure(err, client, what) ?? clientAuthFailure(err, client, what) ?? encodedAudience(err, client, what) ?? algorithmFailure(err, client, what);
}

/** A provider that took the client id from client_secret_basic without decoding it puts the encoded id in `aud`. */
function encodedAudience(err: unknown, client: OidcClient, what: string): OidcError | undefined {
  if (client.authMethod !== 'client_secret_basic') return undefined;
  const claims = details<{ claims?: { aud?: unknown } }>(err, 'claims')?.claims;
  const auds = typeof claims?.aud === 'string' ? [claims.aud] : Array.isArray(claims?.aud) ? claims.aud : [];
  const found = auds.find((a): a is string => typeof a === 'string' && a !== client.clientId && safeDecode(a) === client.clientId);
  if (!found) return undefined;
  const message = l10n.t("{0}: the ID token's audience is {1}, the client ID still form-encoded: the provider did not decode the client_secret_basic credentials.", what, JSON.stringify(found));
  return new OidcError('client-auth-failed', `${message} ${authAdvice(client.authMethod, client)}`, { cause: err });
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** openid-client wraps oauth4webapi's error: the details sit one or two `cause`s down. */
function details<T>(err: unknown, has: keyof T): T | undefined {
  for (let e = (err as { cause?: unknown }).cause, i = 0; e && typeof e === 'object' && i < 3; e = (e as { cause?: unknown }).cause, i++) {
    if (has in e) return e as T;
  }
  return undefined;
}

function clockFailure(err: unknown, client: OidcClient, what: string): OidcError | undefined {
  if ((err as { code?: string }).code !== 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return undefined;
  const claim = String(details<{ claim?: unknown }>(err, 'claim')?.claim ?? '');
  return new OidcError('clock-skew', `${clockProblem(what, claim)} ${clockAdvice(client)}`, { cause: err });
}

function clockProblem(what: string, claim: string): string {
  switch (claim) {
    case 'exp':
      return l10n.t("{0}: the ID token had already expired (exp) by this computer's clock.", what);
    case 'nbf':
      return l10n.t("{0}: the ID token is not valid yet (nbf) by this computer's clock.", what);
    case 'iat':
      return l10n.t("{0}: the ID token was issued too long ago (iat) by this computer's clock.", what);
    case 'auth_time':
      return l10n.t("{0}: the ID token names a sign-in too long ago (auth_time) by this computer's clock.", what);
    default:
      return claim ? l10n.t("{0}: the ID token failed its {1} check by this computer's clock.", what, claim) : l10n.t("{0}: the ID token failed its time check by this computer's clock.", what);
  }
}

/** What the provider's clock says and what to do; shared with the ID token checklist. */
export function clockAdvice(client: Pick<OidcClient, 'clock' | 'clockSkewSeconds'>): string {
  const offset = client.clock.offsetSeconds;
  const skew = client.clockSkewSeconds;
  if (offset === undefined) {
    return l10n.t("The provider's clock may differ from this computer's by more than the allowed {0} s (tokenInspector.clockSkewSeconds). Correct the clock that is wrong, or raise tokenInspector.clockSkewSeconds.", skew);
  }
  const needed = Math.ceil((Math.abs(offset) + 5) / 10) * 10;
  const measured = l10n.t('{0} (measured from its Date header), against the allowed {1} s (tokenInspector.clockSkewSeconds).', describeOffset(offset), skew);
  const fix = needed <= 600 ? l10n.t('Correct the clock that is wrong, or raise tokenInspector.clockSkewSeconds to at least {0}.', needed) : l10n.t('Correct the clock that is wrong.');
  return `${measured} ${fix}`;
}

const AUTH_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

function clientAuthFailure(err: unknown, client: OidcClient, what: string): OidcError | undefined {
  const oauth = oauthErrorOf(err);
  const status = (err as { status?: unknown }).status;
  if (!(oauth && AUTH_ERRORS.has(oauth.error)) && !(status === 401 && !oauth)) return undefined;
  const answered = oauth ? describeOAuthError(oauth) : 'HTTP 401';
  return new OidcError('client-auth-failed', `${l10n.t('{0}: the provider refused the client ({1}).', what, answered)} ${authAdvice(client.authMethod, client)}`, { ...oauth, status: typeof status === 'number' ? status : oauth?.status, cause: err });
}

/** Names the method used (and why) and what to try instead. */
export function authAdvice(method: ClientAuthMethod, client: Pick<OidcClient, 'authMethodAuto' | 'credentials' | 'metadata' | 'clientId'>): string {
  const used = client.authMethodAuto
    ? l10n.t("Token Inspector authenticated with {0} (chosen automatically from the provider's discovery document).", method)
    : l10n.t("Token Inspector authenticated with {0} (the profile's authMethod).", method);
  const listed = client.metadata.token_endpoint_auth_methods_supported;
  if (method === 'none') {
    const expect = listed
      ? l10n.t('The provider seems to expect a confidential client (it lists {0}): set its client secret or private key with "Set Client Credentials…", or make the app a public (PKCE) client at the provider.', listed.join(', '))
      : l10n.t('The provider seems to expect a confidential client: set its client secret or private key with "Set Client Credentials…", or make the app a public (PKCE) client at the provider.');
    return `${used} ${expect}`;
  }
  const others = alternativeMethods(method, client.credentials, listed);
  return [
    used,
    method === 'client_secret_basic'
      ? l10n.t('client_secret_basic form-encodes the client ID and secret before base64 (RFC 6749 §2.3.1) and some providers do not decode them, which breaks IDs and secrets with any character but letters and digits (- _ . + / = …).')
      : undefined,
    others.length ? l10n.t('Try {0}: set "authMethod" in the profile (tokenInspector.profiles).', others.join(l10n.t({ message: ' or ', comment: ['Between alternatives: "client_secret_post or private_key_jwt"'] }))) : undefined,
    l10n.t('Also check the client ID and the credentials at the provider.'),
  ]
    .filter(Boolean)
    .join(' ');
}

function algorithmFailure(err: unknown, client: OidcClient, what: string): OidcError | undefined {
  const cause = details<{ header?: { alg?: unknown }; expected?: unknown; reason?: unknown }>(err, 'expected');
  if ((err as { code?: string }).code !== 'OAUTH_INVALID_RESPONSE' || !cause?.header || cause.expected === undefined) return undefined;
  const alg = JSON.stringify(cause.header.alg);
  const expected = Array.isArray(cause.expected) ? cause.expected.join(', ') : String(cause.expected);
  const problem =
    cause.reason === 'authorization server metadata'
      ? l10n.t("{0}: the ID token is signed with {1}, but the provider's discovery document lists only {2} (id_token_signing_alg_values_supported).", what, alg, expected)
      : l10n.t('{0}: the ID token is signed with {1}, but only {2} is expected.', what, alg, expected);
  const fix = l10n.t("The provider signs with a key its discovery document does not announce; fix the provider's signing key or its metadata (for {0}) and sign in again.", client.issuer);
  return new OidcError('unexpected-algorithm', `${problem} ${fix}`, { cause: err });
}
