// The checklist of a signed JWT, one row per check with its outcome, independent of
// openid-client so the UI can show every check. Claims are checked even when the signature
// fails: the user should see everything that is wrong at once. Never throws for a bad token.
// ID tokens (after sign-in) follow OpenID Connect Core §3.1.3.7; any other token (pasted and
// verified) gets the same rows, with what only an ID token must have skipped.
import * as l10n from '@vscode/l10n';
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { jsonForMessage } from '../json';
import { encodeBase64Url } from '../jwt/base64';
import { checkSignature, type SignatureKeys } from './signature';

export type CheckId = 'format' | 'signature' | 'typ' | 'iss' | 'sub' | 'aud' | 'azp' | 'exp' | 'nbf' | 'iat' | 'nonce' | 'at_hash';

export interface Check {
  id: CheckId;
  label: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}

export interface JwtCheckResult {
  checks: Check[];
  ok: boolean;
}

export interface JwtCheckOptions {
  keys: SignatureKeys;
  /** The expected `iss`, compared exactly; without it the row shows the token's, unchecked. */
  issuer?: string;
  /** Said on the iss row when no issuer is expected (e.g. where the keys came from). */
  issuerNote?: string;
  /** The expected audience (for ID tokens: the client id); without it the row shows the token's, unchecked. */
  audience?: string;
  /** Check as an ID token: typ must not mark another kind of JWT; sub, aud, exp and iat are required; azp, nonce. */
  idToken?: {
    /** The nonce sent in the authorization request. Omit to skip (e.g. device flow). */
    nonce?: string;
  };
  /** Access token issued with the token, for `at_hash`. */
  accessToken?: string;
  clockSkewSeconds?: number;
  /** Appended to a failed exp/nbf/iat check: what the provider's clock says and what to do. */
  clockNote?: string;
  /** Milliseconds since 1970; for tests. */
  now?: number;
}

const CHECK_IDS: readonly CheckId[] = ['format', 'signature', 'typ', 'iss', 'sub', 'aud', 'azp', 'exp', 'nbf', 'iat', 'nonce', 'at_hash'];

/** A check's name, in the display language (the signature's names whose keys checked it). */
export function checkLabel(id: CheckId, keys?: SignatureKeys): string {
  switch (id) {
    case 'format':
      return l10n.t('Well-formed JWT');
    case 'signature':
      return keys?.kind === 'secret' ? l10n.t('Signature (HMAC secret)') : keys?.owner === 'pasted' ? l10n.t('Signature (pasted key)') : l10n.t('Signature by the issuer');
    case 'typ':
      return l10n.t('Token type (typ)');
    case 'iss':
      return l10n.t('Issuer (iss)');
    case 'sub':
      return l10n.t('Subject (sub)');
    case 'aud':
      return l10n.t('Audience (aud)');
    case 'azp':
      return l10n.t('Authorized party (azp)');
    case 'exp':
      return l10n.t('Not expired (exp)');
    case 'nbf':
      return l10n.t('Already valid (nbf)');
    case 'iat':
      return l10n.t('Issued at (iat)');
    case 'nonce':
      return l10n.t({ message: 'Nonce', comment: ['The OpenID Connect nonce parameter, a check name'] });
    case 'at_hash':
      return l10n.t('Access token hash (at_hash)');
  }
}

export async function checkJwt(token: string, options: JwtCheckOptions): Promise<JwtCheckResult> {
  const checks: Check[] = [];
  const add = (id: CheckId, status: Check['status'], detail: string) => checks.push({ id, label: checkLabel(id, options.keys), status, detail });
  const idToken = options.idToken;

  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch (err) {
    add('format', 'fail', l10n.t('Not a decodable signed JWT: {0}.', err instanceof Error ? err.message : String(err)));
    for (const id of CHECK_IDS) if (id !== 'format') add(id, 'skip', l10n.t('The token could not be decoded.'));
    return { checks, ok: false };
  }

  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const skew = options.clockSkewSeconds ?? 60;

  const signature = await checkSignature(token, header, options.keys);
  add('signature', signature.status, signature.detail);
  add('typ', ...typCheck(header.typ, idToken !== undefined));

  if (options.issuer !== undefined) add('iss', ...equalsExactly('iss', payload.iss, options.issuer));
  else {
    const shown = payload.iss === undefined ? l10n.t('Absent; not compared: no expected issuer given.') : l10n.t('{0}; not compared: no expected issuer given.', json(payload.iss));
    add('iss', 'skip', options.issuerNote ? `${shown} ${options.issuerNote}` : shown);
  }

  if (typeof payload.sub === 'string' && payload.sub.length > 0) add('sub', 'pass', `"${payload.sub}"`);
  else if (idToken) add('sub', 'fail', l10n.t('The required "sub" claim is missing or empty.'));
  else if (payload.sub !== undefined) add('sub', 'fail', l10n.t('{0} is not a non-empty string.', json(payload.sub)));
  else add('sub', 'skip', l10n.t('Absent.'));

  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : undefined;
  const audience = options.audience;
  if (audience === undefined) add('aud', 'skip', payload.aud === undefined ? l10n.t('Absent; not compared: no expected audience given.') : l10n.t('{0}; not compared: no expected audience given.', json(payload.aud)));
  else if (!audiences) add('aud', 'fail', idToken ? l10n.t('The required "aud" claim is missing; expected "{0}".', audience) : l10n.t('The "aud" claim is missing; expected "{0}".', audience));
  else if (audiences.includes(audience)) {
    const among = audiences.length > 1;
    if (idToken) add('aud', 'pass', among ? l10n.t('Contains the client ID "{0}" (among {1} audiences).', audience, audiences.length) : l10n.t('Contains the client ID "{0}".', audience));
    else add('aud', 'pass', among ? l10n.t('Contains "{0}" (among {1} audiences).', audience, audiences.length) : l10n.t('Contains "{0}".', audience));
  } else if (idToken) add('aud', 'fail', l10n.t('{0} does not contain the client ID "{1}": the token was issued to someone else.', json(payload.aud), audience));
  else add('aud', 'fail', l10n.t('{0} does not contain "{1}": the token was issued to someone else.', json(payload.aud), audience));

  if (!idToken) add('azp', 'skip', payload.azp === undefined ? l10n.t('Absent.') : l10n.t('{0}; only compared for ID tokens.', json(payload.azp)));
  else if (payload.azp !== undefined) add('azp', ...equalsExactly('azp', payload.azp, options.audience ?? ''));
  else if (audiences && audiences.length > 1) add('azp', 'fail', l10n.t('The token has several audiences but no "azp" naming the client it was issued to.'));
  else add('azp', 'skip', l10n.t('Absent; not needed with a single audience.'));

  const clock = (text: string) => (options.clockNote ? `${text} ${options.clockNote}` : text);
  const required = idToken !== undefined;
  add('exp', ...timeCheck(payload.exp, (exp) => now <= exp + skew, (exp) => clock(l10n.t('Expired {0}.', when(exp, now))), (exp) => l10n.t('Valid until {0}.', when(exp, now)), required, l10n.t('Absent: this token never expires.')));
  add('nbf', ...timeCheck(payload.nbf, (nbf) => nbf <= now + skew, (nbf) => clock(l10n.t('Not valid before {0}.', when(nbf, now))), (nbf) => l10n.t('Valid since {0}.', when(nbf, now)), false));
  add('iat', ...timeCheck(payload.iat, (iat) => iat <= now + skew, (iat) => clock(l10n.t('Issued in the future ({0}): check the clocks.', when(iat, now))), (iat) => l10n.t('Issued {0}.', when(iat, now)), required));

  if (idToken?.nonce === undefined) {
    add('nonce', 'skip', idToken ? l10n.t('No nonce was sent with this sign-in.') : payload.nonce === undefined ? l10n.t('Absent.') : l10n.t('{0}; only compared with the one sent at sign-in.', json(payload.nonce)));
  } else if (payload.nonce === undefined) add('nonce', 'fail', l10n.t('A nonce was sent but the token carries none: it may be replayed from another sign-in.'));
  else add('nonce', ...equalsExactly('nonce', payload.nonce, idToken.nonce, l10n.t({ message: 'the one sent', comment: ['The nonce sent with the sign-in, as in "X is not the one sent"'] })));

  add('at_hash', ...(await atHashCheck(payload.at_hash, header.alg, options.accessToken)));

  return { checks, ok: checks.every((c) => c.status !== 'fail') };
}

type Outcome = [Check['status'], string];

function equalsExactly(claim: string, actual: unknown, expected: string, expectedName = `"${expected}"`): Outcome {
  if (actual === undefined) return ['fail', l10n.t('The "{0}" claim is missing; expected {1}.', claim, expectedName)];
  if (actual === expected) return ['pass', `"${expected}"`];
  return ['fail', l10n.t('{0} is not {1}.', json(actual), expectedName)];
}

function timeCheck(value: unknown, ok: (t: number) => boolean, bad: (t: number) => string, good: (t: number) => string, required: boolean, absent?: string): Outcome {
  if (value === undefined) return required ? ['fail', l10n.t('The required claim is missing.')] : ['skip', absent ?? l10n.t('Absent.')];
  if (typeof value !== 'number' || !Number.isFinite(value)) return ['fail', l10n.t('{0} is not a number of seconds since 1970.', json(value))];
  if (Number.isNaN(new Date(value * 1000).getTime())) return ['fail', l10n.t('{0} is outside the range of dates (seconds since 1970 within about ±275,000 years): not a usable time.', value)];
  return ok(value) ? ['pass', good(value)] : ['fail', bad(value)];
}

function when(t: number, now: number): string {
  const iso = new Date(t * 1000).toISOString();
  const d = t - now;
  if (d === 0) return l10n.t('{0} (now)', iso);
  const a = Math.abs(d);
  const span = a < 120 ? l10n.t('{0} s', a) : a < 7200 ? l10n.t('{0} min', Math.round(a / 60)) : l10n.t('{0} h', Math.round(a / 3600));
  return d >= 0 ? l10n.t('{0} (in {1})', iso, span) : l10n.t('{0} ({1} ago)', iso, span);
}

function json(value: unknown): string {
  return jsonForMessage(value);
}

// Explicitly typed JWTs that are something else (RFC 8725 §3.11): an ID token's typ is "JWT" or absent.
function otherType(type: string): string | undefined {
  switch (type) {
    case 'at+jwt':
      return l10n.t('a JWT access token (RFC 9068)');
    case 'logout+jwt':
      return l10n.t('a logout token (OpenID Connect Back-Channel Logout)');
    case 'secevent+jwt':
      return l10n.t('a security event token (RFC 8417)');
    case 'dpop+jwt':
      return l10n.t('a DPoP proof (RFC 9449)');
    case 'token-introspection+jwt':
      return l10n.t('a token introspection response (RFC 9701)');
    default:
      return undefined;
  }
}

function typCheck(typ: unknown, idToken: boolean): Outcome {
  if (typ === undefined) return ['pass', idToken ? l10n.t('Absent (allowed for ID tokens).') : l10n.t('Absent.')];
  if (typeof typ !== 'string') return ['fail', l10n.t('{0} is not a string.', json(typ))];
  const other = otherType(typ.toLowerCase().replace(/^application\//, ''));
  if (other && idToken) return ['fail', l10n.t('typ {0} marks {1}, not an ID token: never accept it as one.', json(typ), other)];
  return ['pass', other ? `${json(typ)}: ${other}.` : `${json(typ)}.`];
}

/**
 * at_hash = base64url(left half of hash(access_token)), the hash chosen by the alg's size.
 * EdDSA is taken as Ed25519 (SHA-512), the only curve issuers use in practice; Ed448 would need SHAKE256.
 * WebCrypto, so the check runs alike in Node and in VS Code for the web.
 */
export async function computeAtHash(accessToken: string, alg: string): Promise<string | undefined> {
  const hash = /(256)$/.test(alg) ? 'SHA-256' : /(384)$/.test(alg) ? 'SHA-384' : /(512)$/.test(alg) || alg === 'EdDSA' || alg === 'Ed25519' ? 'SHA-512' : undefined;
  if (!hash) return undefined;
  const digest = new Uint8Array(await crypto.subtle.digest(hash, new TextEncoder().encode(accessToken)));
  return encodeBase64Url(digest.subarray(0, digest.length / 2));
}

async function atHashCheck(atHash: unknown, alg: string | undefined, accessToken: string | undefined): Promise<Outcome> {
  if (atHash === undefined) return ['skip', l10n.t('Absent (optional in the code flow).')];
  if (typeof atHash !== 'string') return ['fail', l10n.t('{0} is not a string.', json(atHash))];
  if (accessToken === undefined) return ['skip', l10n.t('No access token to compare with.')];
  const expected = alg ? await computeAtHash(accessToken, alg) : undefined;
  if (!expected) return ['skip', l10n.t('Cannot compute at_hash for alg {0}.', json(alg))];
  return atHash === expected ? ['pass', l10n.t('Matches the access token.')] : ['fail', l10n.t('Does not match the access token: the two tokens were not issued together.')];
}
