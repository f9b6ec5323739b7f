// Causes that several back-channel calls (code exchange, refresh, device flow) share, each
// explained with its fix: the provider's clock, the client authentication, the signing algorithm.
import type { ClientAuthMethod } from './clientAuth';
import { alternativeMethods } from './clientAuth';
import type { OidcClient } from './discovery';
import { OidcError, describeOAuthError, oauthErrorOf } from './errors';
import { describeOffset } from './providerClock';

const CLAIM_WORDS: Record<string, string> = {
  exp: 'had already expired (exp)',
  nbf: 'is not valid yet (nbf)',
  iat: 'was issued too long ago (iat)',
  auth_time: 'names a sign-in too long ago (auth_time)',
};

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
  return new OidcError('client-auth-failed', `${what}: the ID token's audience is ${JSON.stringify(found)}, the client id still form-encoded: the provider did not decode the client_secret_basic credentials. ${authAdvice(client.authMethod, client)}`, { cause: err });
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
  return new OidcError('clock-skew', `${what}: the ID token ${CLAIM_WORDS[claim] ?? `failed its ${claim || 'time'} check`} by this computer's clock. ${clockAdvice(client)}`, { cause: err });
}

/** What the provider's clock says and what to do; shared with the ID token checklist. */
export function clockAdvice(client: Pick<OidcClient, 'clock' | 'clockSkewSeconds'>): string {
  const offset = client.clock.offsetSeconds;
  const allowed = `the allowed ${client.clockSkewSeconds} s (tokenInspector.clockSkewSeconds)`;
  if (offset === undefined) return `The provider's clock may differ from this computer's by more than ${allowed}. Correct the clock that is wrong, or raise tokenInspector.clockSkewSeconds.`;
  const needed = Math.ceil((Math.abs(offset) + 5) / 10) * 10;
  return `The provider's clock is ${describeOffset(offset)} this computer's (measured from its Date header), against ${allowed}. Correct the clock that is wrong${needed <= 600 ? `, or raise tokenInspector.clockSkewSeconds to at least ${needed}` : ''}.`;
}

const AUTH_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

function clientAuthFailure(err: unknown, client: OidcClient, what: string): OidcError | undefined {
  const oauth = oauthErrorOf(err);
  const status = (err as { status?: unknown }).status;
  if (!(oauth && AUTH_ERRORS.has(oauth.error)) && !(status === 401 && !oauth)) return undefined;
  const answered = oauth ? describeOAuthError(oauth) : 'HTTP 401';
  return new OidcError('client-auth-failed', `${what}: the provider refused the client (${answered}). ${authAdvice(client.authMethod, client)}`, { ...oauth, status: typeof status === 'number' ? status : oauth?.status, cause: err });
}

/** Names the method used (and why) and what to try instead. */
export function authAdvice(method: ClientAuthMethod, client: Pick<OidcClient, 'authMethodAuto' | 'credentials' | 'metadata' | 'clientId'>): string {
  const used = `Token Inspector authenticated with ${method}${client.authMethodAuto ? ' (chosen automatically from the provider\'s discovery document)' : ' (the profile\'s authMethod)'}.`;
  const listed = client.metadata.token_endpoint_auth_methods_supported;
  if (method === 'none') {
    return `${used} The provider seems to expect a confidential client${listed ? ` (it lists ${listed.join(', ')})` : ''}: set its client secret or private key with "Set Client Credentials…", or make the app a public (PKCE) client at the provider.`;
  }
  const others = alternativeMethods(method, client.credentials, listed);
  const basicNote = method === 'client_secret_basic' ? ' client_secret_basic form-encodes the client id and secret before base64 (RFC 6749 §2.3.1) and some providers do not decode them, which breaks ids and secrets with any character but letters and digits (- _ . + / = …).' : '';
  const tryOther = others.length ? ` Try ${others.join(' or ')}: set "authMethod" in the profile (tokenInspector.profiles).` : '';
  return `${used}${basicNote}${tryOther} Also check the client id and the credentials at the provider.`;
}

function algorithmFailure(err: unknown, client: OidcClient, what: string): OidcError | undefined {
  const cause = details<{ header?: { alg?: unknown }; expected?: unknown; reason?: unknown }>(err, 'expected');
  if ((err as { code?: string }).code !== 'OAUTH_INVALID_RESPONSE' || !cause?.header || cause.expected === undefined) return undefined;
  const alg = JSON.stringify(cause.header.alg);
  const expected = Array.isArray(cause.expected) ? cause.expected.join(', ') : String(cause.expected);
  const where = cause.reason === 'authorization server metadata' ? `the provider's discovery document lists only ${expected} (id_token_signing_alg_values_supported)` : `only ${expected} is expected`;
  return new OidcError('unexpected-algorithm', `${what}: the ID token is signed with ${alg}, but ${where}. The provider signs with a key its discovery document does not announce; fix the provider's signing key or its metadata (for ${client.issuer}) and sign in again.`, { cause: err });
}
