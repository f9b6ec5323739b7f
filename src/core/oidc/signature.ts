// The signature row of the checklist: which keys may check which algorithm, and the check itself.
// Keys come from an issuer's key set (refetched once for an unknown kid: keys rotate), from a key
// set or one public key the user pasted, or from a shared secret the user pasted. Never `none`;
// never a MAC checked with a public key (key confusion, RFC 8725 §2.1), never a public-key
// signature "checked" with a secret. Keys a token brings along (jwk, jku, x5u, x5c) are ignored.
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

/** Whose keys, in words for the checklist: "the issuer's" key set, "the pasted" key. */
export type KeyOwner = "the issuer's" | 'the pasted';

export type SignatureOutcome = { status: 'pass' | 'fail'; detail: string };

const EMBEDDED_KEYS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

export async function checkSignature(token: string, header: ProtectedHeaderParameters, keys: SignatureKeys): Promise<SignatureOutcome> {
  const outcome = await signatureOutcome(token, header, keys);
  const embedded = EMBEDDED_KEYS.filter((name) => header[name] !== undefined);
  if (embedded.length === 0) return outcome;
  const names = embedded.map((n) => `"${n}"`).join(', ');
  return { ...outcome, detail: `${outcome.detail} The header's ${names} ${embedded.length > 1 ? 'were' : 'was'} ignored: a key the token brings along proves nothing.` };
}

async function signatureOutcome(token: string, header: ProtectedHeaderParameters, keys: SignatureKeys): Promise<SignatureOutcome> {
  const alg = header.alg;
  if (typeof alg !== 'string') return fail('The header has no "alg".');
  if (alg.toLowerCase() === 'none') return fail('alg "none": the token is unsigned and is never accepted.');
  const isMac = /^HS/i.test(alg);
  if (keys.kind === 'secret') {
    if (!(HMAC_ALGORITHMS as readonly string[]).includes(alg)) {
      return fail(`alg ${json(alg)} is ${isMac ? 'not a MAC Token Inspector checks' : 'a public-key signature'}, but a shared secret was given: ${isMac ? `use ${HMAC_ALGORITHMS.join(', ')}` : "verify it with the issuer's public key (its keys, a JWK, a PEM public key or a certificate) instead"}.`);
    }
    return verifyWithSecret(token, alg, keys.secret);
  }
  if (isMac) {
    return fail(`alg ${json(alg)} is a shared-secret MAC, and ${keys.owner} ${keys.kind === 'set' ? 'keys are' : 'key is'} public: a MAC "checked" with a public key is the key-confusion attack (RFC 8725 §2.1), since anyone holding the public key could have made it. Never accepted; verify it with the shared secret if it really is an HMAC token.`);
  }
  if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) return fail(`alg ${json(alg)} is not allowed (allowed: ${ALLOWED_ALGORITHMS.join(', ')}).`);
  return keys.kind === 'key' ? verifyWithKey(token, header, alg, keys.jwk) : verifyWithSet(token, header, alg, keys);
}

async function verifyWithSet(token: string, header: ProtectedHeaderParameters, alg: string, keys: Extract<SignatureKeys, { kind: 'set' }>): Promise<SignatureOutcome> {
  const keyName = header.kid === undefined ? 'without a kid' : json(header.kid);
  for (const refresh of keys.refreshable ? [false, true] : [false]) {
    let set;
    try {
      set = await keys.get(refresh);
    } catch (err) {
      return fail(`Cannot check: ${err instanceof Error ? err.message : String(err)}.`);
    }
    const outcome = await againstSet(token, set, keys.owner);
    if (outcome === 'no-key') continue; // unknown kid: the issuer may have rotated its keys; refetch once
    if (outcome === 'ok') return pass(`${alg}, verified with ${keys.owner} key ${keyName}${refresh ? ' (after fetching the rotated key set)' : ''}.`);
    return fail(outcome);
  }
  if (keys.refreshable) return fail(`${capital(keys.owner)} key set has no ${alg} key ${keyName}, even after fetching it again: the token was not signed by this issuer's current keys.`);
  return fail(`${capital(keys.owner)} key set has no ${alg} key ${keyName}${header.kid === undefined ? '' : ' (keys are chosen by kid, key type and alg)'}: a wrong key set, or a key of another type than the token's algorithm needs.`);
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
      return `The signature matches none of the candidate keys in ${owner} key set: the token was altered or signed by someone else.`;
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
    return fail(`The pasted key cannot check ${alg}: ${err instanceof Error ? err.message : String(err)}.`);
  }
  try {
    await compactVerify(token, key, { algorithms: [alg] });
  } catch (err) {
    return fail(failureText(err));
  }
  const kidNote = header.kid !== undefined && jwk.kid !== undefined && header.kid !== jwk.kid ? ` The token names key ${json(header.kid)}, the pasted key is ${json(jwk.kid)}: it verified all the same.` : '';
  return pass(`${alg}, verified with the pasted ${describeKey(jwk)}.${kidNote}`);
}

async function verifyWithSecret(token: string, alg: string, secret: Uint8Array): Promise<SignatureOutcome> {
  try {
    await compactVerify(token, secret, { algorithms: [...HMAC_ALGORITHMS] });
  } catch (err) {
    if (err instanceof errors.JWSSignatureVerificationFailed) return fail('The MAC does not match: a wrong secret (mind how it is encoded: text, base64 or hex), or the token was altered.');
    return fail(failureText(err));
  }
  const needed = Number(alg.slice(2)) / 8;
  const weak = secret.length < needed ? ` The secret has only ${secret.length} bytes; ${alg} needs at least ${needed} (RFC 7518 §3.2): anyone who guesses it can make tokens.` : '';
  return pass(`${alg}, verified with the given secret.${weak}`);
}

/** Why a public JWK cannot check `alg` (its key type, curve, alg, use or key_ops), before trying. */
export function keyMisfit(jwk: JWK, alg: string): string | undefined {
  const needed = /^(RS|PS)/.test(alg) ? 'an RSA key' : alg === 'ES256' ? 'an EC P-256 key' : alg === 'ES384' ? 'an EC P-384 key' : alg === 'ES512' ? 'an EC P-521 key' : 'an Ed25519 key';
  const fits = /^(RS|PS)/.test(alg)
    ? jwk.kty === 'RSA'
    : /^ES/.test(alg)
      ? jwk.kty === 'EC' && jwk.crv === { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg]
      : jwk.kty === 'OKP' && jwk.crv === 'Ed25519';
  if (!fits) return `The token says alg ${alg}, which needs ${needed}; the pasted key is ${describeKey(jwk)}: a wrong key or a wrong algorithm.`;
  if (jwk.alg !== undefined && jwk.alg !== alg) return `The pasted key is for ${json(jwk.alg)} only (its "alg"); the token says ${alg}.`;
  if (jwk.use !== undefined && jwk.use !== 'sig') return `The pasted key is marked for ${json(jwk.use)} ("use"), not for signatures.`;
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))) return `The pasted key's "key_ops" ${json(jwk.key_ops)} do not include "verify".`;
  return undefined;
}

/** "RSA key (2048 bits)", "EC P-256 key", "Ed25519 key", with its kid. */
export function describeKey(jwk: JWK): string {
  const bits = jwk.kty === 'RSA' && typeof jwk.n === 'string' ? ` (${modulusBits(jwk.n)} bits)` : '';
  const type = jwk.kty === 'RSA' ? 'RSA' : jwk.kty === 'EC' ? `EC ${String(jwk.crv)}` : jwk.kty === 'OKP' ? String(jwk.crv) : String(jwk.kty);
  return `${type} key${bits}${jwk.kid === undefined ? '' : ` ${json(jwk.kid)}`}`;
}

/** Bits of an RSA modulus from its base64url text. */
function modulusBits(n: string): number {
  const bytes = decodeBase64Tolerant(n)?.bytes ?? new Uint8Array();
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return i === bytes.length ? 0 : (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

function failureText(err: unknown): string {
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'The signature does not match: the token was altered or signed by someone else.';
  return `The signature could not be verified: ${err instanceof Error ? err.message : String(err)}.`;
}

const pass = (detail: string): SignatureOutcome => ({ status: 'pass', detail });
const fail = (detail: string): SignatureOutcome => ({ status: 'fail', detail });
const json = (value: unknown) => jsonForMessage(value);
const capital = (text: string) => text[0].toUpperCase() + text.slice(1);
