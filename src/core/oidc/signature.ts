// The signature row of the checklist: which keys may check which algorithm, and the check itself.
// Keys come from an issuer's key set (refetched once for an unknown kid: keys rotate), from a key
// set or one public key the user pasted, or from a shared secret the user pasted. Never `none`;
// never a MAC checked with a public key (key confusion, RFC 8725 §2.1), never a public-key
// signature "checked" with a secret. Keys a token brings along (jwk, jku, x5u, x5c) are ignored.
import * as l10n from '@vscode/l10n';
import { compactVerify, createLocalJWKSet, errors, importJWK, type JSONWebKeySet, type JWK, type ProtectedHeaderParameters } from 'jose';
import { jsonForMessage } from '../json';
import { decodeBase64Tolerant } from '../jwt/base64';

/** Asymmetric algorithms, for issuer keys and pasted public keys. */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
/** MACs, only ever with a secret the user gave. */
export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;

export type SignatureKeys =
  /** An issuer's key set (`refreshable`: fetched, and fetched again once for an unknown kid) or a pasted one. */
  | { kind: 'set'; owner: KeyOwner; get(refresh: boolean): Promise<JSONWebKeySet>; refreshable: boolean }
  /** One public key the user chose (pasted as a JWK, PEM or certificate): used whatever the token's kid. */
  | { kind: 'key'; owner: KeyOwner; jwk: JWK }
  /** A shared secret the user gave, for HS256/384/512. */
  | { kind: 'secret'; owner: KeyOwner; secret: Uint8Array };

/** Whose keys: the issuer's (found through discovery) or the ones the user pasted. */
export type KeyOwner = 'issuer' | 'pasted';

export type SignatureOutcome = { status: 'pass' | 'fail'; detail: string };

const EMBEDDED_KEYS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

export async function checkSignature(token: string, header: ProtectedHeaderParameters, keys: SignatureKeys): Promise<SignatureOutcome> {
  const outcome = await signatureOutcome(token, header, keys);
  const embedded = EMBEDDED_KEYS.filter((name) => header[name] !== undefined);
  if (embedded.length === 0) return outcome;
  const names = embedded.map((n) => `"${n}"`).join(', ');
  const ignored = embedded.length > 1 ? l10n.t("The header's {0} were ignored: a key the token brings along proves nothing.", names) : l10n.t("The header's {0} was ignored: a key the token brings along proves nothing.", names);
  return { ...outcome, detail: `${outcome.detail} ${ignored}` };
}

async function signatureOutcome(token: string, header: ProtectedHeaderParameters, keys: SignatureKeys): Promise<SignatureOutcome> {
  const alg = header.alg;
  if (typeof alg !== 'string') return fail(l10n.t('The header has no "alg".'));
  if (alg.toLowerCase() === 'none') return fail(l10n.t('alg "none": the token is unsigned and is never accepted.'));
  const isMac = /^HS/i.test(alg);
  if (keys.kind === 'secret') {
    if (!(HMAC_ALGORITHMS as readonly string[]).includes(alg)) {
      return fail(
        isMac
          ? l10n.t('alg {0} is not a MAC Token Inspector checks, but a shared secret was given: use {1}.', json(alg), HMAC_ALGORITHMS.join(', '))
          : l10n.t("alg {0} is a public-key signature, but a shared secret was given: verify it with the issuer's public key (its keys, a JWK, a PEM public key or a certificate) instead.", json(alg)),
      );
    }
    return verifyWithSecret(token, alg, keys.secret);
  }
  if (isMac) {
    const attack = l10n.t('a MAC "checked" with a public key is the key-confusion attack (RFC 8725 §2.1), since anyone holding the public key could have made it. Never accepted; verify it with the shared secret if it really is an HMAC token.');
    if (keys.owner === 'issuer') return fail(l10n.t("alg {0} is a shared-secret MAC, and the issuer's keys are public: {1}", json(alg), attack));
    return fail(keys.kind === 'set' ? l10n.t('alg {0} is a shared-secret MAC, and the pasted keys are public: {1}', json(alg), attack) : l10n.t('alg {0} is a shared-secret MAC, and the pasted key is public: {1}', json(alg), attack));
  }
  if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) return fail(l10n.t('alg {0} is not allowed (allowed: {1}).', json(alg), ALLOWED_ALGORITHMS.join(', ')));
  return keys.kind === 'key' ? verifyWithKey(token, header, alg, keys.jwk) : verifyWithSet(token, header, alg, keys);
}

async function verifyWithSet(token: string, header: ProtectedHeaderParameters, alg: string, keys: Extract<SignatureKeys, { kind: 'set' }>): Promise<SignatureOutcome> {
  const keyName = header.kid === undefined ? l10n.t({ message: 'without a kid', comment: ['A signing key that has no key ID, as in "the key without a kid"'] }) : json(header.kid);
  const issuer = keys.owner === 'issuer';
  for (const refresh of keys.refreshable ? [false, true] : [false]) {
    let set;
    try {
      set = await keys.get(refresh);
    } catch (err) {
      return fail(l10n.t('Cannot check: {0}.', err instanceof Error ? err.message : String(err)));
    }
    const outcome = await againstSet(token, set, keys.owner);
    if (outcome === 'no-key') continue; // unknown kid: the issuer may have rotated its keys; refetch once
    if (outcome === 'ok') {
      if (!issuer) return pass(l10n.t('{0}, verified with the pasted key {1}.', alg, keyName));
      return pass(refresh ? l10n.t("{0}, verified with the issuer's key {1} (after fetching the rotated key set).", alg, keyName) : l10n.t("{0}, verified with the issuer's key {1}.", alg, keyName));
    }
    return fail(outcome);
  }
  if (keys.refreshable) return fail(l10n.t("The issuer's key set has no {0} key {1}, even after fetching it again: the token was not signed by this issuer's current keys.", alg, keyName));
  const wrong = l10n.t("a wrong key set, or a key of another type than the token's algorithm needs.");
  if (header.kid === undefined) return fail(issuer ? l10n.t("The issuer's key set has no {0} key {1}: {2}", alg, keyName, wrong) : l10n.t('The pasted key set has no {0} key {1}: {2}', alg, keyName, wrong));
  return fail(issuer ? l10n.t("The issuer's key set has no {0} key {1} (keys are chosen by kid, key type and alg): {2}", alg, keyName, wrong) : l10n.t('The pasted key set has no {0} key {1} (keys are chosen by kid, key type and alg): {2}', alg, keyName, wrong));
}

/** 'ok', 'no-key', or why verification failed. */
async function againstSet(token: string, set: JSONWebKeySet, owner: KeyOwner): Promise<string> {
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
      return owner === 'issuer'
        ? l10n.t("The signature matches none of the candidate keys in the issuer's key set: the token was altered or signed by someone else.")
        : l10n.t('The signature matches none of the candidate keys in the pasted key set: the token was altered or signed by someone else.');
    }
    return failureText(err);
  }
}

async function verifyWithKey(token: string, header: ProtectedHeaderParameters, alg: string, jwk: JWK): Promise<SignatureOutcome> {
  const misfit = keyMisfit(jwk, alg);
  if (misfit) return fail(misfit);
  let key;
  try {
    key = await importJWK(jwk, alg);
  } catch (err) {
    return fail(l10n.t('The pasted key cannot check {0}: {1}.', alg, err instanceof Error ? err.message : String(err)));
  }
  try {
    await compactVerify(token, key, { algorithms: [alg] });
  } catch (err) {
    return fail(failureText(err));
  }
  const verified = l10n.t('{0}, verified with the pasted {1}.', alg, describeKey(jwk));
  if (header.kid === undefined || jwk.kid === undefined || header.kid === jwk.kid) return pass(verified);
  return pass(`${verified} ${l10n.t('The token names key {0}, the pasted key is {1}: it verified all the same.', json(header.kid), json(jwk.kid))}`);
}

async function verifyWithSecret(token: string, alg: string, secret: Uint8Array): Promise<SignatureOutcome> {
  try {
    await compactVerify(token, secret, { algorithms: [...HMAC_ALGORITHMS] });
  } catch (err) {
    if (err instanceof errors.JWSSignatureVerificationFailed) return fail(l10n.t('The MAC does not match: a wrong secret (mind how it is encoded: text, base64 or hex), or the token was altered.'));
    return fail(failureText(err));
  }
  const needed = Number(alg.slice(2)) / 8;
  const verified = l10n.t('{0}, verified with the given secret.', alg);
  if (secret.length >= needed) return pass(verified);
  return pass(`${verified} ${l10n.t('The secret has only {0} bytes; {1} needs at least {2} (RFC 7518 §3.2): anyone who guesses it can make tokens.', secret.length, alg, needed)}`);
}

/** Why a public JWK cannot check `alg` (its key type, curve, alg, use or key_ops), before trying. */
export function keyMisfit(jwk: JWK, alg: string): string | undefined {
  const needed = /^(RS|PS)/.test(alg) ? l10n.t('an RSA key') : alg === 'ES256' ? l10n.t('an EC P-256 key') : alg === 'ES384' ? l10n.t('an EC P-384 key') : alg === 'ES512' ? l10n.t('an EC P-521 key') : l10n.t('an Ed25519 key');
  const fits = /^(RS|PS)/.test(alg)
    ? jwk.kty === 'RSA'
    : /^ES/.test(alg)
      ? jwk.kty === 'EC' && jwk.crv === { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg]
      : jwk.kty === 'OKP' && jwk.crv === 'Ed25519';
  if (!fits) return l10n.t('The token says alg {0}, which needs {1}; the pasted key is {2}: a wrong key or a wrong algorithm.', alg, needed, describeKey(jwk));
  if (jwk.alg !== undefined && jwk.alg !== alg) return l10n.t('The pasted key is for {0} only (its "alg"); the token says {1}.', json(jwk.alg), alg);
  if (jwk.use !== undefined && jwk.use !== 'sig') return l10n.t('The pasted key is marked for {0} ("use"), not for signatures.', json(jwk.use));
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))) return l10n.t('The pasted key\'s "key_ops" {0} do not include "verify".', json(jwk.key_ops));
  return undefined;
}

/** "RSA key (2048 bits)", "EC P-256 key", "Ed25519 key", with its kid. */
export function describeKey(jwk: JWK): string {
  const type = jwk.kty === 'RSA' ? 'RSA' : jwk.kty === 'EC' ? `EC ${String(jwk.crv)}` : jwk.kty === 'OKP' ? String(jwk.crv) : String(jwk.kty);
  const key = jwk.kty === 'RSA' && typeof jwk.n === 'string' ? l10n.t({ message: '{0} key ({1} bits)', args: [type, modulusBits(jwk.n)], comment: ['A key type such as RSA, and its size'] }) : l10n.t({ message: '{0} key', args: [type], comment: ['A key type such as "EC P-256" or "Ed25519"'] });
  return jwk.kid === undefined ? key : `${key} ${json(jwk.kid)}`;
}

/** Bits of an RSA modulus from its base64url text. */
export function modulusBits(n: string): number {
  const bytes = decodeBase64Tolerant(n)?.bytes ?? new Uint8Array();
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return i === bytes.length ? 0 : (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

function failureText(err: unknown): string {
  if (err instanceof errors.JWSSignatureVerificationFailed) return l10n.t('The signature does not match: the token was altered or signed by someone else.');
  return l10n.t('The signature could not be verified: {0}.', err instanceof Error ? err.message : String(err));
}

const pass = (detail: string): SignatureOutcome => ({ status: 'pass', detail });
const fail = (detail: string): SignatureOutcome => ({ status: 'fail', detail });
const json = (value: unknown) => jsonForMessage(value);
