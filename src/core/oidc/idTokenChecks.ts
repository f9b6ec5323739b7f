// Our own ID token checklist (OpenID Connect Core §3.1.3.7), independent of openid-client so the
// UI can show every check with its outcome. Claims are checked even when the signature fails:
// the user should see everything that is wrong at once. Never throws for a bad token.
import { createHash } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { jsonForMessage } from '../json';
import type { JwksSource } from './jwks';

export type CheckId = 'format' | 'signature' | 'typ' | 'iss' | 'sub' | 'aud' | 'azp' | 'exp' | 'nbf' | 'iat' | 'nonce' | 'at_hash';

export interface Check {
  id: CheckId;
  label: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}

export interface IdTokenCheckResult {
  checks: Check[];
  ok: boolean;
}

export interface IdTokenCheckOptions {
  /** The issuer exactly as discovered. */
  issuer: string;
  clientId: string;
  jwks: JwksSource;
  /** The nonce sent in the authorization request. Omit to skip (e.g. device flow). */
  nonce?: string;
  /** Access token issued with the ID token, for `at_hash`. */
  accessToken?: string;
  clockSkewSeconds?: number;
  /** Appended to a failed exp/nbf/iat check: what the provider's clock says and what to do. */
  clockNote?: string;
  /** Milliseconds since 1970; for tests. */
  now?: number;
}

/** Asymmetric algorithms only: never `none`, never HS* (a public client has no secret to share). */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

const CHECK_IDS: readonly CheckId[] = ['format', 'signature', 'typ', 'iss', 'sub', 'aud', 'azp', 'exp', 'nbf', 'iat', 'nonce', 'at_hash'];

/** A check's name, in the display language. */
export function checkLabel(id: CheckId): string {
  switch (id) {
    case 'format':
      return l10n.t('Well-formed JWT');
    case 'signature':
      return l10n.t('Signature by the issuer');
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

export async function checkIdToken(token: string, options: IdTokenCheckOptions): Promise<IdTokenCheckResult> {
  const checks: Check[] = [];
  const add = (id: CheckId, status: Check['status'], detail: string) => checks.push({ id, label: checkLabel(id), status, detail });

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

  const signature = await checkSignature(token, header, options.jwks);
  add('signature', signature.status, signature.detail);
  add('typ', ...typCheck(header.typ));

  add('iss', ...equalsExactly('iss', payload.iss, options.issuer));

  if (typeof payload.sub === 'string' && payload.sub.length > 0) add('sub', 'pass', `"${payload.sub}"`);
  else add('sub', 'fail', l10n.t('The required "sub" claim is missing or empty.'));

  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : undefined;
  if (!audiences) add('aud', 'fail', l10n.t('The required "aud" claim is missing.'));
  else if (audiences.includes(options.clientId)) {
    add('aud', 'pass', audiences.length > 1 ? l10n.t('Contains the client ID "{0}" (among {1} audiences).', options.clientId, audiences.length) : l10n.t('Contains the client ID "{0}".', options.clientId));
  } else add('aud', 'fail', l10n.t('{0} does not contain the client ID "{1}": the token was issued to someone else.', json(payload.aud), options.clientId));

  if (payload.azp !== undefined) add('azp', ...equalsExactly('azp', payload.azp, options.clientId));
  else if (audiences && audiences.length > 1) add('azp', 'fail', l10n.t('The token has several audiences but no "azp" naming the client it was issued to.'));
  else add('azp', 'skip', l10n.t('Absent; not needed with a single audience.'));

  const clock = (text: string) => (options.clockNote ? `${text} ${options.clockNote}` : text);
  add('exp', ...timeCheck(payload.exp, (exp) => now <= exp + skew, (exp) => clock(l10n.t('Expired {0}.', when(exp, now))), (exp) => l10n.t('Valid until {0}.', when(exp, now)), true));
  add('nbf', ...timeCheck(payload.nbf, (nbf) => nbf <= now + skew, (nbf) => clock(l10n.t('Not valid before {0}.', when(nbf, now))), (nbf) => l10n.t('Valid since {0}.', when(nbf, now)), false));
  add('iat', ...timeCheck(payload.iat, (iat) => iat <= now + skew, (iat) => clock(l10n.t('Issued in the future ({0}): check the clocks.', when(iat, now))), (iat) => l10n.t('Issued {0}.', when(iat, now)), true));

  if (options.nonce === undefined) add('nonce', 'skip', l10n.t('No nonce was sent with this sign-in.'));
  else if (payload.nonce === undefined) add('nonce', 'fail', l10n.t('A nonce was sent but the token carries none: it may be replayed from another sign-in.'));
  else add('nonce', ...equalsExactly('nonce', payload.nonce, options.nonce, l10n.t({ message: 'the one sent', comment: ['The nonce sent with the sign-in, as in "X is not the one sent"'] })));

  add('at_hash', ...atHashCheck(payload.at_hash, header.alg, options.accessToken));

  return { checks, ok: checks.every((c) => c.status !== 'fail') };
}

type Outcome = [Check['status'], string];

function equalsExactly(claim: string, actual: unknown, expected: string, expectedName = `"${expected}"`): Outcome {
  if (actual === undefined) return ['fail', l10n.t('The "{0}" claim is missing; expected {1}.', claim, expectedName)];
  if (actual === expected) return ['pass', `"${expected}"`];
  return ['fail', l10n.t('{0} is not {1}.', json(actual), expectedName)];
}

function timeCheck(value: unknown, ok: (t: number) => boolean, bad: (t: number) => string, good: (t: number) => string, required: boolean): Outcome {
  if (value === undefined) return required ? ['fail', l10n.t('The required claim is missing.')] : ['skip', l10n.t('Absent.')];
  if (typeof value !== 'number' || !Number.isFinite(value)) return ['fail', l10n.t('{0} is not a number of seconds since 1970.', json(value))];
  if (Number.isNaN(new Date(value * 1000).getTime())) return ['fail', l10n.t('{0} is outside the range of dates (seconds since 1970 within about ±275,000 years): not a usable time.', value)];
  return ok(value) ? ['pass', good(value)] : ['fail', bad(value)];
}

function when(t: number, now: number): string {
  const iso = new Date(t * 1000).toISOString();
  const d = t - now;
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

function typCheck(typ: unknown): Outcome {
  if (typ === undefined) return ['pass', l10n.t('Absent (allowed for ID tokens).')];
  if (typeof typ !== 'string') return ['fail', l10n.t('{0} is not a string.', json(typ))];
  const other = otherType(typ.toLowerCase().replace(/^application\//, ''));
  if (other) return ['fail', l10n.t('typ {0} marks {1}, not an ID token: never accept it as one.', json(typ), other)];
  return ['pass', `${json(typ)}.`];
}

async function checkSignature(token: string, header: ProtectedHeaderParameters, jwks: JwksSource): Promise<{ status: Check['status']; detail: string }> {
  const alg = header.alg;
  if (typeof alg !== 'string') return { status: 'fail', detail: l10n.t('The header has no "alg".') };
  if (alg.toLowerCase() === 'none') return { status: 'fail', detail: l10n.t('alg "none": the token is unsigned and is never accepted.') };
  if (/^HS/i.test(alg)) return { status: 'fail', detail: l10n.t('alg "{0}" is a shared-secret MAC; Token Inspector only accepts issuer signatures with public keys.', alg) };
  if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) return { status: 'fail', detail: l10n.t('alg "{0}" is not allowed (allowed: {1}).', alg, ALLOWED_ALGORITHMS.join(', ')) };
  const keyName = header.kid === undefined ? l10n.t({ message: 'without a kid', comment: ['A signing key that has no key ID, as in "the key without a kid"'] }) : json(header.kid);

  for (const refresh of [false, true]) {
    let set;
    try {
      set = await jwks.get(refresh);
    } catch (err) {
      return { status: 'fail', detail: l10n.t('Cannot check: {0}.', err instanceof Error ? err.message : String(err)) };
    }
    const outcome = await verifyWithSet(token, set);
    if (outcome === 'no-key') continue; // unknown kid: the issuer may have rotated its keys; refetch once
    if (outcome === 'ok') {
      return { status: 'pass', detail: refresh ? l10n.t("{0}, verified with the issuer's key {1} (after fetching the rotated key set).", alg, keyName) : l10n.t("{0}, verified with the issuer's key {1}.", alg, keyName) };
    }
    return { status: 'fail', detail: outcome };
  }
  return { status: 'fail', detail: l10n.t("The issuer's key set has no {0} key {1}, even after fetching it again: the token was not signed by this issuer's current keys.", alg, keyName) };
}

/** 'ok', 'no-key', or why verification failed. */
async function verifyWithSet(token: string, set: Parameters<typeof createLocalJWKSet>[0]): Promise<string> {
  const options = { algorithms: [...ALLOWED_ALGORITHMS] };
  try {
    await compactVerify(token, createLocalJWKSet(set), options);
    return 'ok';
  } catch (err) {
    if (err instanceof errors.JWKSNoMatchingKey) return 'no-key';
    if (err instanceof errors.JWKSMultipleMatchingKeys) {
      // No kid (or a shared one): any key in the set may have signed it.
      for await (const key of err as unknown as AsyncIterable<CryptoKey>) {
        try {
          await compactVerify(token, key, options);
          return 'ok';
        } catch {
          // try the next key
        }
      }
      return l10n.t("The signature matches none of the candidate keys in the issuer's key set: the token was altered or signed by someone else.");
    }
    if (err instanceof errors.JWSSignatureVerificationFailed) return l10n.t('The signature does not match: the token was altered or signed by someone else.');
    return l10n.t('The signature could not be verified: {0}.', err instanceof Error ? err.message : String(err));
  }
}

/**
 * at_hash = base64url(left half of hash(access_token)), the hash chosen by the alg's size.
 * EdDSA is taken as Ed25519 (SHA-512), the only curve issuers use in practice; Ed448 would need SHAKE256.
 */
export function computeAtHash(accessToken: string, alg: string): string | undefined {
  const hash = /(256)$/.test(alg) ? 'sha256' : /(384)$/.test(alg) ? 'sha384' : /(512)$/.test(alg) || alg === 'EdDSA' || alg === 'Ed25519' ? 'sha512' : undefined;
  if (!hash) return undefined;
  const digest = createHash(hash).update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function atHashCheck(atHash: unknown, alg: string | undefined, accessToken: string | undefined): Outcome {
  if (atHash === undefined) return ['skip', l10n.t('Absent (optional in the code flow).')];
  if (typeof atHash !== 'string') return ['fail', l10n.t('{0} is not a string.', json(atHash))];
  if (accessToken === undefined) return ['skip', l10n.t('No access token to compare with.')];
  const expected = alg ? computeAtHash(accessToken, alg) : undefined;
  if (!expected) return ['skip', l10n.t('Cannot compute at_hash for alg {0}.', json(alg))];
  return atHash === expected ? ['pass', l10n.t('Matches the access token.')] : ['fail', l10n.t('Does not match the access token: the two tokens were not issued together.')];
}
