// The checklist of a signed JWT, one row per check with its outcome, independent of
// openid-client so the UI can show every check. Claims are checked even when the signature
// fails: the user should see everything that is wrong at once. Never throws for a bad token.
// ID tokens (after sign-in) follow OpenID Connect Core §3.1.3.7; any other token (pasted and
// verified) gets the same rows, with what only an ID token must have skipped.
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

const LABELS: Record<CheckId, string> = {
  format: 'Well-formed JWT',
  signature: 'Signature',
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

export async function checkJwt(token: string, options: JwtCheckOptions): Promise<JwtCheckResult> {
  const checks: Check[] = [];
  const add = (id: CheckId, status: Check['status'], detail: string) => checks.push({ id, label: id === 'signature' ? signatureLabel(options.keys) : LABELS[id], status, detail });
  const idToken = options.idToken;

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

  const signature = await checkSignature(token, header, options.keys);
  add('signature', signature.status, signature.detail);
  add('typ', ...typCheck(header.typ, idToken !== undefined));

  if (options.issuer !== undefined) add('iss', ...equalsExactly('iss', payload.iss, options.issuer));
  else add('iss', 'skip', `${payload.iss === undefined ? 'Absent' : json(payload.iss)}; not compared: no expected issuer given.${options.issuerNote ? ` ${options.issuerNote}` : ''}`);

  if (typeof payload.sub === 'string' && payload.sub.length > 0) add('sub', 'pass', `"${payload.sub}"`);
  else if (idToken) add('sub', 'fail', 'The required "sub" claim is missing or empty.');
  else if (payload.sub !== undefined) add('sub', 'fail', `${json(payload.sub)} is not a non-empty string.`);
  else add('sub', 'skip', 'Absent.');

  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : undefined;
  if (options.audience === undefined) add('aud', 'skip', `${payload.aud === undefined ? 'Absent' : json(payload.aud)}; not compared: no expected audience given.`);
  else if (!audiences) add('aud', 'fail', `The ${idToken ? 'required ' : ''}"aud" claim is missing; expected "${options.audience}".`);
  else if (audiences.includes(options.audience)) add('aud', 'pass', `Contains ${idToken ? 'the client id ' : ''}"${options.audience}"${audiences.length > 1 ? ` (among ${audiences.length} audiences)` : ''}.`);
  else add('aud', 'fail', `${json(payload.aud)} does not contain ${idToken ? 'the client id ' : ''}"${options.audience}": the token was issued to someone else.`);

  if (!idToken) add('azp', 'skip', payload.azp === undefined ? 'Absent.' : `${json(payload.azp)}; only compared for ID tokens.`);
  else if (payload.azp !== undefined) add('azp', ...equalsExactly('azp', payload.azp, options.audience ?? ''));
  else if (audiences && audiences.length > 1) add('azp', 'fail', 'The token has several audiences but no "azp" naming the client it was issued to.');
  else add('azp', 'skip', 'Absent; not needed with a single audience.');

  const clock = options.clockNote ? ` ${options.clockNote}` : '';
  const required = idToken !== undefined;
  add('exp', ...timeCheck(payload.exp, (exp) => now <= exp + skew, (exp) => `Expired ${when(exp, now)}.${clock}`, (exp) => `Valid until ${when(exp, now)}.`, required, 'Absent: this token never expires.'));
  add('nbf', ...timeCheck(payload.nbf, (nbf) => nbf <= now + skew, (nbf) => `Not valid before ${when(nbf, now)}.${clock}`, (nbf) => `Valid since ${when(nbf, now)}.`, false));
  add('iat', ...timeCheck(payload.iat, (iat) => iat <= now + skew, (iat) => `Issued in the future (${when(iat, now)}): check the clocks.${clock}`, (iat) => `Issued ${when(iat, now)}.`, required));

  if (idToken?.nonce === undefined) add('nonce', 'skip', idToken ? 'No nonce was sent with this sign-in.' : payload.nonce === undefined ? 'Absent.' : `${json(payload.nonce)}; only compared with the one sent at sign-in.`);
  else if (payload.nonce === undefined) add('nonce', 'fail', 'A nonce was sent but the token carries none: it may be replayed from another sign-in.');
  else add('nonce', ...equalsExactly('nonce', payload.nonce, idToken.nonce, 'the one sent'));

  add('at_hash', ...(await atHashCheck(payload.at_hash, header.alg, options.accessToken)));

  return { checks, ok: checks.every((c) => c.status !== 'fail') };
}

function signatureLabel(keys: SignatureKeys): string {
  return keys.kind === 'secret' ? 'Signature (HMAC secret)' : keys.owner === "the issuer's" ? 'Signature by the issuer' : 'Signature (pasted key)';
}

type Outcome = [Check['status'], string];

function equalsExactly(claim: string, actual: unknown, expected: string, expectedName = `"${expected}"`): Outcome {
  if (actual === undefined) return ['fail', `The "${claim}" claim is missing; expected ${expectedName}.`];
  if (actual === expected) return ['pass', `"${expected}"`];
  return ['fail', `${json(actual)} is not ${expectedName}.`];
}

function timeCheck(value: unknown, ok: (t: number) => boolean, bad: (t: number) => string, good: (t: number) => string, required: boolean, absent = 'Absent.'): Outcome {
  if (value === undefined) return required ? ['fail', 'The required claim is missing.'] : ['skip', absent];
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

function typCheck(typ: unknown, idToken: boolean): Outcome {
  if (typ === undefined) return ['pass', idToken ? 'Absent (allowed for ID tokens).' : 'Absent.'];
  if (typeof typ !== 'string') return ['fail', `${json(typ)} is not a string.`];
  const type = typ.toLowerCase().replace(/^application\//, '');
  const other = Object.hasOwn(OTHER_TYPES, type) ? OTHER_TYPES[type] : undefined;
  if (other && idToken) return ['fail', `typ ${json(typ)} marks ${other}, not an ID token: never accept it as one.`];
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
  if (atHash === undefined) return ['skip', 'Absent (optional in the code flow).'];
  if (typeof atHash !== 'string') return ['fail', `${json(atHash)} is not a string.`];
  if (accessToken === undefined) return ['skip', 'No access token to compare with.'];
  const expected = alg ? await computeAtHash(accessToken, alg) : undefined;
  if (!expected) return ['skip', `Cannot compute at_hash for alg ${json(alg)}.`];
  return atHash === expected ? ['pass', 'Matches the access token.'] : ['fail', 'Does not match the access token: the two tokens were not issued together.'];
}
