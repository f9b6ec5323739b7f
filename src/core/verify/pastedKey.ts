// A key the user pasted to verify a token with: a JWK, a JWK Set, a PEM public key (SPKI, or
// PKCS#1 "RSA PUBLIC KEY"), or an X.509 certificate (PEM), made into public JWKs; or a shared
// secret for HMAC tokens (text, base64 or hex), kept in memory only. Private keys are refused:
// verification never needs one, and they should not be pasted anywhere.
import * as l10n from '@vscode/l10n';
import { exportJWK, importJWK, importSPKI, importX509, type JWK } from 'jose';
import { jsonForMessage, parseJson } from '../json';
import { decodeBase64Tolerant, isBase64UrlSegment, utf8Bytes } from '../jwt/base64';
import { describeKey, modulusBits, type SignatureKeys } from '../oidc/signature';
import { VerifyError } from './errors';
import { pemBlocks, spkiFromPkcs1, toPem } from './pem';

export type KeyFormat = 'JWK' | 'JWK Set' | 'PEM public key' | 'X.509 certificate' | 'HMAC secret';

export interface PastedKey {
  format: KeyFormat;
  keys: SignatureKeys;
  /** For the checklist and the result: "RSA key (2048 bits) "k1"", "3 keys", "32-byte secret". */
  description: string;
  /** What else the user should know about the key (e.g. a certificate's dates are not checked). */
  note?: string;
}

export type SecretEncoding = 'text' | 'base64' | 'hex';

/** Far beyond any real key, certificate chain or key set; bounds the work on hostile text. */
export const MAX_KEY_TEXT = 256 * 1024;

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];
const PUBLIC_MEMBERS = ['kty', 'kid', 'alg', 'use', 'key_ops', 'n', 'e', 'crv', 'x', 'y'] as const;
const KEY_MATERIAL: Record<'RSA' | 'EC' | 'OKP', string[]> = { RSA: ['n', 'e'], EC: ['x', 'y'], OKP: ['x'] };
const MIN_RSA_BITS = 2048;
const CURVES: Record<string, string[]> = { EC: ['P-256', 'P-384', 'P-521'], OKP: ['Ed25519'] };
/** One algorithm per key type (and curve) to import a key with; the key then checks any of its family. */
const IMPORT_AS = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'Ed25519'];
const publicFormats = () => l10n.t('a JWK, a JWK Set ({0}), a PEM public key (-----BEGIN PUBLIC KEY-----) or an X.509 certificate (-----BEGIN CERTIFICATE-----)', '{"keys": [...]}');

/** Reads a pasted public key, key set or certificate. Throws VerifyError saying what is wrong. */
export async function parsePublicKeyText(text: string): Promise<PastedKey> {
  if (typeof text !== 'string' || text.trim() === '') throw new VerifyError('bad-key', l10n.t('No key given: paste {0}.', publicFormats()));
  if (text.length > MAX_KEY_TEXT) throw new VerifyError('bad-key', l10n.t('The pasted text has {0} characters; a key, key set or certificate chain has far fewer (the limit is {1}). Paste just the key.', text.length, MAX_KEY_TEXT));
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return fromJson(trimmed);
  if (trimmed.includes('-----BEGIN ')) return fromPem(trimmed);
  if (/^https?:\/\//i.test(trimmed)) throw new VerifyError('bad-key', l10n.t("That is an address, not a key. To use an issuer's published keys, choose to verify against the token's issuer; otherwise paste the key itself."));
  if (/^ssh-(rsa|ed25519)|^ecdsa-sha2-/.test(trimmed)) throw new VerifyError('bad-key', l10n.t('That is an SSH public key; tokens are verified with {0}. Convert it with {1}.', publicFormats(), 'ssh-keygen -e -m PKCS8 -f key.pub'));
  throw new VerifyError('bad-key', l10n.t('Not a key Token Inspector can read: paste {0}. For an HMAC (HS256) token, give the shared secret instead.', publicFormats()));
}

/** The bytes of a pasted HMAC secret. Throws VerifyError for an empty or badly encoded one. */
export function parseSecret(secret: string, encoding: SecretEncoding = 'text'): PastedKey {
  if (typeof secret !== 'string' || secret.length === 0) throw new VerifyError('bad-secret', l10n.t('No secret given: paste the shared secret the token was signed with.'));
  if (secret.length > MAX_KEY_TEXT) throw new VerifyError('bad-secret', l10n.t('The secret has {0} characters; the limit is {1}.', secret.length, MAX_KEY_TEXT));
  let bytes: Uint8Array;
  if (encoding === 'text') bytes = utf8Bytes(secret);
  else if (encoding === 'base64') {
    const decoded = decodeBase64Tolerant(secret.trim());
    if (!decoded || decoded.bytes.length === 0) throw new VerifyError('bad-secret', l10n.t('The secret is not valid base64 or base64url. If it is the secret text itself, choose "text".'));
    bytes = decoded.bytes;
  } else if (encoding === 'hex') {
    const hex = secret.trim();
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new VerifyError('bad-secret', l10n.t('The secret is not hex (pairs of 0-9 and a-f). If it is the secret text itself, choose "text".'));
    bytes = Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
  } else {
    throw new VerifyError('bad-secret', l10n.t('Unknown secret encoding {0}: use "text", "base64" or "hex".', jsonForMessage(encoding)));
  }
  return secretKey(bytes);
}

function secretKey(bytes: Uint8Array): PastedKey {
  return { format: 'HMAC secret', keys: { kind: 'secret', owner: 'pasted', secret: bytes }, description: l10n.t('{0}-byte secret', bytes.length) };
}

async function fromJson(text: string): Promise<PastedKey> {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new VerifyError('bad-key', l10n.t('The pasted text starts like JSON but is not ({0}). Paste {1}.', parsed.reason, publicFormats()));
  const value = parsed.value;
  // Text starting with "{" or "[" that parses is an object or an array.
  if (!isObject(value)) throw new VerifyError('bad-key', l10n.t('The pasted JSON is an array; a JWK is an object with "kty", a JWK Set an object with "keys".'));
  if (typeof value.key === 'string' && (typeof value.keyId === 'string' || typeof value.type === 'string')) {
    throw new VerifyError('private-key', l10n.t("This is a ZITADEL key file: it holds a private key, which verification never needs. To check tokens ZITADEL signed, verify against the token's issuer (its published keys)."));
  }
  if (Array.isArray(value.keys)) return fromJwkSet(value.keys);
  if (value.kty !== undefined) {
    if (value.kty === 'oct') return secretKey(octBytes(value));
    const jwk = await publicJwk(value, l10n.t('The pasted JWK'));
    return { format: 'JWK', keys: { kind: 'key', owner: 'pasted', jwk }, description: describeKey(jwk) };
  }
  throw new VerifyError('bad-key', l10n.t('The pasted JSON has neither "kty" (a JWK) nor "keys" (a JWK Set). Paste {0}.', publicFormats()));
}

async function fromJwkSet(items: unknown[]): Promise<PastedKey> {
  if (items.length === 0) throw new VerifyError('bad-key', l10n.t('The pasted JWK Set has no keys.'));
  const keys: JWK[] = [];
  for (const [i, item] of items.entries()) {
    const where = isObject(item) && typeof item.kid === 'string' ? l10n.t('Key {0} of the pasted JWK Set (kid {1})', i + 1, jsonForMessage(item.kid)) : l10n.t('Key {0} of the pasted JWK Set', i + 1);
    if (!isObject(item)) throw new VerifyError('bad-key', l10n.t('{0} is not an object.', where));
    if (item.kty === 'oct') throw new VerifyError('bad-key', l10n.t('{0} is a shared secret (kty "oct"). Give the secret on its own to verify an HMAC token; a key set for verification holds public keys.', where));
    keys.push(await publicJwk(item, where));
  }
  const set = { keys };
  return {
    format: 'JWK Set',
    keys: { kind: 'set', owner: 'pasted', get: async () => set, refreshable: false },
    description: keys.length === 1 ? describeKey(keys[0]) : l10n.t('{0} keys', keys.length),
  };
}

/** The public members of a JWK, checked: a supported type and curve, no private part, and importable. */
async function publicJwk(value: Record<string, unknown>, where: string): Promise<JWK> {
  const { kty } = value;
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') {
    throw new VerifyError('bad-key', l10n.t('{0} has kty {1}; Token Inspector verifies with RSA, EC (P-256, P-384, P-521) and OKP (Ed25519) keys.', where, jsonForMessage(kty)));
  }
  const privateMembers = PRIVATE_MEMBERS.filter((m) => value[m] !== undefined);
  if (privateMembers.length > 0) {
    const members = privateMembers.map((m) => `"${m}"`).join(', ');
    throw new VerifyError('private-key', l10n.t('{0} is a private key (it has {1}). Verification only needs the public key: paste the JWK without {1}, and keep the private key out of editors and tools.', where, members));
  }
  if (CURVES[kty] && !CURVES[kty].includes(value.crv as string)) {
    throw new VerifyError('bad-key', l10n.t('{0} is on curve {1}; supported: {2}.', where, jsonForMessage(value.crv), CURVES[kty].join(', ')));
  }
  for (const member of ['kid', 'alg', 'use'] as const) {
    if (value[member] !== undefined && typeof value[member] !== 'string') throw new VerifyError('bad-key', l10n.t('{0} has a "{1}" that is not a string: {2}.', where, member, jsonForMessage(value[member])));
  }
  if (value.key_ops !== undefined && !(Array.isArray(value.key_ops) && value.key_ops.every((op) => typeof op === 'string'))) {
    throw new VerifyError('bad-key', l10n.t('{0} has "key_ops" that are not a list of strings: {1}.', where, jsonForMessage(value.key_ops)));
  }
  for (const member of KEY_MATERIAL[kty]) {
    if (typeof value[member] !== 'string' || !isBase64UrlSegment(value[member] as string) || value[member] === '') {
      throw new VerifyError('bad-key', value[member] === undefined ? l10n.t('{0} is not a usable {1} key: its "{2}" is missing.', where, kty, member) : l10n.t('{0} is not a usable {1} key: its "{2}" is not base64url.', where, kty, member));
    }
  }
  refuseSmallRsaKey(value, where);
  const jwk: JWK = {};
  for (const member of PUBLIC_MEMBERS) if (value[member] !== undefined) (jwk as Record<string, unknown>)[member] = value[member];
  const alg = kty === 'RSA' ? 'RS256' : kty === 'OKP' ? 'Ed25519' : { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[value.crv as string]!;
  try {
    await importJWK({ ...jwk, alg: undefined, use: undefined, key_ops: undefined }, alg);
  } catch (err) {
    throw new VerifyError('bad-key', l10n.t('{0} is not a usable {1} key: {2}.', where, kty, err instanceof Error ? err.message : String(err)));
  }
  return jwk;
}

/** jose refuses RSA keys under 2048 bits when verifying: said as soon as such a key is pasted. */
function refuseSmallRsaKey(jwk: { kty?: unknown; n?: unknown }, where: string): void {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string') return;
  const bits = modulusBits(jwk.n);
  if (bits >= MIN_RSA_BITS) return;
  throw new VerifyError('bad-key', l10n.t('{0} is an RSA key of only {1} bits; RS256 to PS512 need at least {2} (RFC 7518 §3.3): it cannot verify a token.', where, bits, MIN_RSA_BITS));
}

function octBytes(value: Record<string, unknown>): Uint8Array {
  const bytes = typeof value.k === 'string' ? decodeBase64Tolerant(value.k)?.bytes : undefined;
  if (!bytes || bytes.length === 0) throw new VerifyError('bad-secret', l10n.t('The pasted JWK has kty "oct" (a shared secret) but no valid base64url "k".'));
  return bytes;
}

async function fromPem(text: string): Promise<PastedKey> {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) throw new VerifyError('bad-key', l10n.t('The pasted text has a -----BEGIN line but no matching -----END line: copy the whole key.'));
  const privateBlock = blocks.find((b) => b.label.endsWith('PRIVATE KEY'));
  if (privateBlock) {
    throw new VerifyError('private-key', l10n.t('This is a private key ({0}). Verification only needs the public key: make it with "{1}" and paste that; keep the private key out of editors and tools.', privateBlock.label, 'openssl pkey -in key.pem -pubout'));
  }
  const block = blocks.find((b) => b.label === 'PUBLIC KEY' || b.label === 'RSA PUBLIC KEY' || b.label === 'CERTIFICATE');
  if (!block) throw new VerifyError('bad-key', l10n.t('A PEM {0} is not a key to verify with; paste a PUBLIC KEY or a CERTIFICATE.', blocks[0].label));
  const certificate = block.label === 'CERTIFICATE';
  let pem: string;
  if (block.label === 'RSA PUBLIC KEY') {
    const spki = spkiFromPkcs1(block.body);
    if (!spki) throw new VerifyError('bad-key', l10n.t('The RSA PUBLIC KEY is not valid base64: copy the whole key.'));
    pem = toPem('PUBLIC KEY', spki);
  } else {
    pem = `-----BEGIN ${block.label}-----\n${block.body}\n-----END ${block.label}-----`;
  }
  const jwk = await jwkFromPem(pem, certificate);
  refuseSmallRsaKey(jwk, certificate ? l10n.t("The pasted certificate's key") : l10n.t('The pasted PEM public key'));
  const others = blocks.filter((b) => b.label === 'CERTIFICATE').length - 1;
  const note = !certificate
    ? undefined
    : others === 0
      ? l10n.t("Only the certificate's key is used: its validity dates, subject and chain are not checked.")
      : others === 1
        ? l10n.t("Only the certificate's key is used: its validity dates, subject and chain are not checked, and the certificate after the first is ignored.")
        : l10n.t("Only the certificate's key is used: its validity dates, subject and chain are not checked, and the {0} certificates after the first are ignored.", others);
  return { format: certificate ? 'X.509 certificate' : 'PEM public key', keys: { kind: 'key', owner: 'pasted', jwk }, description: describeKey(jwk), ...(note ? { note } : {}) };
}

/** The public JWK of a PEM key or certificate, trying each key type (jose needs an algorithm to import). */
async function jwkFromPem(pem: string, certificate: boolean): Promise<JWK> {
  let firstError: unknown;
  for (const alg of IMPORT_AS) {
    try {
      const key = certificate ? await importX509(pem, alg, { extractable: true }) : await importSPKI(pem, alg, { extractable: true });
      const exported = await exportJWK(key);
      const jwk: JWK = {};
      for (const member of ['kty', 'n', 'e', 'crv', 'x', 'y'] as const) if (exported[member] !== undefined) jwk[member] = exported[member];
      return jwk;
    } catch (err) {
      firstError ??= err;
    }
  }
  const reason = firstError instanceof Error ? firstError.message : String(firstError);
  throw new VerifyError(
    'bad-key',
    certificate
      ? l10n.t('The PEM certificate could not be read: it is damaged, or not an RSA, EC (P-256, P-384, P-521) or Ed25519 key ({0}).', reason)
      : l10n.t('The PEM public key could not be read: it is damaged, or not an RSA, EC (P-256, P-384, P-521) or Ed25519 key ({0}).', reason),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
