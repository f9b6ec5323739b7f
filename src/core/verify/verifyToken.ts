// Verifies any token the user has (pasted, decoded, or a signed-in session's) against the keys
// the user chooses: its issuer's, found through discovery, or a pasted key or secret. The result
// is the checklist signed-in ID tokens get, as plain JSON (for the tree, the inspector and the
// command other extensions call).
import * as l10n from '@vscode/l10n';
import { inspectToken } from '../inspect';
import { checkJwt, type Check } from '../oidc/jwtChecks';
import type { SignatureKeys } from '../oidc/signature';
import { VerifyError } from './errors';
import { issuerToContact, type IssuerKeyCache } from './issuerKeys';
import { parsePublicKeyText, parseSecret, type KeyFormat, type SecretEncoding } from './pastedKey';

export type KeyChoice =
  /** The issuer's published keys: the expected issuer's if given, else those of the token's `iss`. */
  | { kind: 'issuer'; cache: IssuerKeyCache }
  /** A JWK, JWK Set, PEM public key or X.509 certificate. */
  | { kind: 'key'; text: string }
  /** An HMAC secret. */
  | { kind: 'secret'; secret: string; encoding?: SecretEncoding };

export interface VerifyOptions {
  /** The issuer the token must come from (compared exactly with `iss`; with kind 'issuer', whose keys are used). */
  issuer?: string;
  /** An audience the token must name in `aud`. */
  audience?: string;
  clockSkewSeconds?: number;
  /** Milliseconds since 1970; for tests. */
  now?: number;
}

export interface Verification {
  /** Every check passed or was skipped. */
  ok: boolean;
  checks: Check[];
  /** The fingerprint of the token verified (as in the tree and the inspector). */
  fingerprint: string;
  /** What the keys were. */
  keys:
    | { kind: 'issuer'; issuer: string; jwksUri?: string }
    | { kind: 'key' | 'secret'; format: KeyFormat; description: string; note?: string };
  /** ISO time of the verification. */
  verifiedAt: string;
}

/**
 * Throws TokenError when the text is not a decodable JWT, VerifyError when the pasted key or
 * secret cannot be used. Everything about the token itself, including keys that cannot be had
 * from its issuer, is a row of the checklist.
 */
export async function verifyToken(text: string, choice: KeyChoice, options: VerifyOptions = {}): Promise<Verification> {
  const inspection = inspectToken(text);
  const now = options.now ?? Date.now();
  let keys: SignatureKeys;
  let described: Verification['keys'];
  if (choice.kind === 'issuer') {
    ({ keys, described } = await issuerKeys(inspection.payload.iss, options.issuer, choice.cache));
  } else {
    const pasted = choice.kind === 'key' ? await parsePublicKeyText(choice.text) : parseSecret(choice.secret, choice.encoding);
    keys = pasted.keys;
    described = { kind: choice.kind, format: pasted.format, description: pasted.description, ...(pasted.note ? { note: pasted.note } : {}) };
  }
  const issuerNote = choice.kind === 'issuer' ? l10n.t("The keys are this issuer's: give the issuer you expect to check that it is the right one.") : undefined;
  const result = await checkJwt(inspection.token, { keys, issuer: options.issuer, issuerNote, audience: options.audience, clockSkewSeconds: options.clockSkewSeconds, now });
  return { ok: result.ok, checks: result.checks, fingerprint: inspection.fingerprint, keys: described, verifiedAt: new Date(now).toISOString() };
}

/** The issuer's keys, or keys that fail the signature row with the reason when they cannot be had. */
async function issuerKeys(iss: unknown, expected: string | undefined, cache: IssuerKeyCache): Promise<{ keys: SignatureKeys; described: Verification['keys'] }> {
  let issuer: string;
  try {
    issuer = issuerToContact(iss, expected);
  } catch (err) {
    return { keys: unavailable(err), described: { kind: 'issuer', issuer: typeof (expected ?? iss) === 'string' ? (expected ?? (iss as string)) : '' } };
  }
  try {
    const found = await cache.keysOf(issuer);
    return { keys: found.keys, described: { kind: 'issuer', issuer: found.issuer, jwksUri: found.jwksUri } };
  } catch (err) {
    return { keys: unavailable(err), described: { kind: 'issuer', issuer } };
  }
}

/** Keys whose lookup failed: the signature row says why ("Cannot check: …"). */
function unavailable(err: unknown): SignatureKeys {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
  return { kind: 'set', owner: 'issuer', refreshable: false, get: () => Promise.reject(new VerifyError('no-issuer', message)) };
}
