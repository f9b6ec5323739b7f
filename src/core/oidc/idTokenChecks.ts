// Our own ID token checklist (OpenID Connect Core §3.1.3.7), independent of openid-client so the
// UI can show every check with its outcome. Claims are checked even when the signature fails:
// the user should see everything that is wrong at once. Never throws for a bad token.
import { createHash } from 'node:crypto';
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

const LABELS: Record<CheckId, string> = {
  format: 'Well-formed JWT',
  signature: 'Signature by the issuer',
  typ: 'Token type (typ)',
  iss: 'Issuer (iss)',
  sub: 'Subject (sub)',
  aud: 'Audience (aud)',
  azp: 'Authorized party (azp)',
  exp: 'Not expired (exp)',
  nbf: 'Already valid (nbf)',
  iat: 'Issued at (iat)',
  nonce: 'Nonce',
  at_hash: 'Access token hash (at_hash)',
};

export async function checkIdToken(token: string, options: IdTokenCheckOptions): Promise<IdTokenCheckResult> {
  const checks: Check[] = [];
  const add = (id: CheckId, status: Check['status'], detail: string) => checks.push({ id, label: LABELS[id], status, detail });

  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch (err) {
    add('format', 'fail', `Not a decodable signed JWT: ${err instanceof Error ? err.message : String(err)}.`);
    for (const id of Object.keys(LABELS) as CheckId[]) if (id !== 'format') add(id, 'skip', 'The token could not be decoded.');
    return { checks, ok: false };
  }

  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const skew = options.clockSkewSeconds ?? 60;

  const signature = await checkSignature(token, header, options.jwks);
  add('signature', signature.status, signature.detail);
  add('typ', ...typCheck(header.typ));

  add('iss', ...equalsExactly('iss', payload.iss, options.issuer));

  if (typeof payload.sub === 'string' && payload.sub.length > 0) add('sub', 'pass', `"${payload.sub}"`);
  else add('sub', 'fail', 'The required "sub" claim is missing or empty.');

  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : undefined;
  if (!audiences) add('aud', 'fail', 'The required "aud" claim is missing.');
  else if (audiences.includes(options.clientId)) add('aud', 'pass', `Contains the client id "${options.clientId}"${audiences.length > 1 ? ` (among ${audiences.length} audiences)` : ''}.`);
  else add('aud', 'fail', `${json(payload.aud)} does not contain the client id "${options.clientId}": the token was issued to someone else.`);

  if (payload.azp !== undefined) add('azp', ...equalsExactly('azp', payload.azp, options.clientId));
  else if (audiences && audiences.length > 1) add('azp', 'fail', 'The token has several audiences but no "azp" naming the client it was issued to.');
  else add('azp', 'skip', 'Absent; not needed with a single audience.');

  const clock = options.clockNote ? ` ${options.clockNote}` : '';
  add('exp', ...timeCheck(payload.exp, (exp) => now <= exp + skew, (exp) => `Expired ${when(exp, now)}.${clock}`, (exp) => `Valid until ${when(exp, now)}.`, true));
  add('nbf', ...timeCheck(payload.nbf, (nbf) => nbf <= now + skew, (nbf) => `Not valid before ${when(nbf, now)}.${clock}`, (nbf) => `Valid since ${when(nbf, now)}.`, false));
  add('iat', ...timeCheck(payload.iat, (iat) => iat <= now + skew, (iat) => `Issued in the future (${when(iat, now)}): check the clocks.${clock}`, (iat) => `Issued ${when(iat, now)}.`, true));

  if (options.nonce === undefined) add('nonce', 'skip', 'No nonce was sent with this sign-in.');
  else if (payload.nonce === undefined) add('nonce', 'fail', 'A nonce was sent but the token carries none: it may be replayed from another sign-in.');
  else add('nonce', ...equalsExactly('nonce', payload.nonce, options.nonce, 'the one sent'));

  add('at_hash', ...atHashCheck(payload.at_hash, header.alg, options.accessToken));

  return { checks, ok: checks.every((c) => c.status !== 'fail') };
}

type Outcome = [Check['status'], string];

function equalsExactly(claim: string, actual: unknown, expected: string, expectedName = `"${expected}"`): Outcome {
  if (actual === undefined) return ['fail', `The "${claim}" claim is missing; expected ${expectedName}.`];
  if (actual === expected) return ['pass', `"${expected}"`];
  return ['fail', `${json(actual)} is not ${expectedName}.`];
}

function timeCheck(value: unknown, ok: (t: number) => boolean, bad: (t: number) => string, good: (t: number) => string, required: boolean): Outcome {
  if (value === undefined) return required ? ['fail', 'The required claim is missing.'] : ['skip', 'Absent.'];
  if (typeof value !== 'number' || !Number.isFinite(value)) return ['fail', `${json(value)} is not a number of seconds since 1970.`];
  if (Number.isNaN(new Date(value * 1000).getTime())) return ['fail', `${value} is outside the range of dates (seconds since 1970 within about ±275,000 years): not a usable time.`];
  return ok(value) ? ['pass', good(value)] : ['fail', bad(value)];
}

function when(t: number, now: number): string {
  const iso = new Date(t * 1000).toISOString();
  const d = t - now;
  const span = Math.abs(d) < 120 ? `${Math.abs(d)} s` : Math.abs(d) < 7200 ? `${Math.round(Math.abs(d) / 60)} min` : `${Math.round(Math.abs(d) / 3600)} h`;
  return `${iso} (${d >= 0 ? `in ${span}` : `${span} ago`})`;
}

function json(value: unknown): string {
  return jsonForMessage(value);
}

// Explicitly typed JWTs that are something else (RFC 8725 §3.11): an ID token's typ is "JWT" or absent.
const OTHER_TYPES: Record<string, string> = {
  'at+jwt': 'a JWT access token (RFC 9068)',
  'logout+jwt': 'a logout token (OpenID Connect Back-Channel Logout)',
  'secevent+jwt': 'a security event token (RFC 8417)',
  'dpop+jwt': 'a DPoP proof (RFC 9449)',
  'token-introspection+jwt': 'a token introspection response (RFC 9701)',
};

function typCheck(typ: unknown): Outcome {
  if (typ === undefined) return ['pass', 'Absent (allowed for ID tokens).'];
  if (typeof typ !== 'string') return ['fail', `${json(typ)} is not a string.`];
  const type = typ.toLowerCase().replace(/^application\//, '');
  const other = Object.hasOwn(OTHER_TYPES, type) ? OTHER_TYPES[type] : undefined;
  if (other) return ['fail', `typ ${json(typ)} marks ${other}, not an ID token: never accept it as one.`];
  return ['pass', `${json(typ)}.`];
}

async function checkSignature(token: string, header: ProtectedHeaderParameters, jwks: JwksSource): Promise<{ status: Check['status']; detail: string }> {
  const alg = header.alg;
  if (typeof alg !== 'string') return { status: 'fail', detail: 'The header has no "alg".' };
  if (alg.toLowerCase() === 'none') return { status: 'fail', detail: 'alg "none": the token is unsigned and is never accepted.' };
  if (/^HS/i.test(alg)) return { status: 'fail', detail: `alg "${alg}" is a shared-secret MAC; Token Inspector only accepts issuer signatures with public keys.` };
  if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) return { status: 'fail', detail: `alg "${alg}" is not allowed (allowed: ${ALLOWED_ALGORITHMS.join(', ')}).` };
  const keyName = header.kid === undefined ? 'without a kid' : json(header.kid);

  for (const refresh of [false, true]) {
    let set;
    try {
      set = await jwks.get(refresh);
    } catch (err) {
      return { status: 'fail', detail: `Cannot check: ${err instanceof Error ? err.message : String(err)}.` };
    }
    const outcome = await verifyWithSet(token, set);
    if (outcome === 'no-key') continue; // unknown kid: the issuer may have rotated its keys; refetch once
    if (outcome === 'ok') return { status: 'pass', detail: `${alg}, verified with the issuer's key ${keyName}${refresh ? ' (after fetching the rotated key set)' : ''}.` };
    return { status: 'fail', detail: outcome };
  }
  return { status: 'fail', detail: `The issuer's key set has no ${alg} key ${keyName}, even after fetching it again: the token was not signed by this issuer's current keys.` };
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
      return 'The signature matches none of the candidate keys in the issuer\'s key set: the token was altered or signed by someone else.';
    }
    if (err instanceof errors.JWSSignatureVerificationFailed) return 'The signature does not match: the token was altered or signed by someone else.';
    return `The signature could not be verified: ${err instanceof Error ? err.message : String(err)}.`;
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
  if (atHash === undefined) return ['skip', 'Absent (optional in the code flow).'];
  if (typeof atHash !== 'string') return ['fail', `${json(atHash)} is not a string.`];
  if (accessToken === undefined) return ['skip', 'No access token to compare with.'];
  const expected = alg ? computeAtHash(accessToken, alg) : undefined;
  if (!expected) return ['skip', `Cannot compute at_hash for alg ${json(alg)}.`];
  return atHash === expected ? ['pass', 'Matches the access token.'] : ['fail', 'Does not match the access token: the two tokens were not issued together.'];
}
