// Client authentication at the token, revocation and device endpoints: which method a profile
// uses (chosen, or `auto` from the provider's discovery document) and the credentials for it.
// A client secret or private key comes from SecretStorage; a private key may be a PEM or the
// key file ZITADEL hands out for an app or service user ({"type", "keyId", "key", "clientId", ...}).
import * as l10n from '@vscode/l10n';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { importPKCS8 } from 'jose';
import * as oidc from 'openid-client';
import { OidcError } from './errors';

import { CLIENT_AUTH_METHODS, type ClientAuthMethod, type ClientAuthSetting } from './authMethods';

export { CLIENT_AUTH_METHODS, type ClientAuthMethod, type ClientAuthSetting };

export interface ClientPrivateKey {
  key: CryptoKey;
  /** Sent as the assertion's `kid`; ZITADEL needs it (its key file's `keyId`). */
  kid?: string;
  alg: string;
  /** The client the key file names (ZITADEL's `clientId`), to catch a key of another app. */
  clientId?: string;
}

export interface ClientCredentials {
  clientSecret?: string;
  privateKey?: ClientPrivateKey;
}

/**
 * Reads a private key for `private_key_jwt`: ZITADEL's key JSON, or a PEM (PKCS#8, PKCS#1 RSA or
 * SEC1 EC). The text is a secret: error messages never quote it.
 */
export async function parseClientKey(text: string): Promise<ClientPrivateKey> {
  const trimmed = text.trim();
  let pem = trimmed;
  let kid: string | undefined;
  let clientId: string | undefined;
  if (trimmed.startsWith('{')) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      throw new OidcError('invalid-client-key', l10n.t('The key file looks like JSON but cannot be parsed. Use the key file exactly as ZITADEL downloaded it, or a PEM private key.'));
    }
    if (typeof json.key !== 'string' || !json.key.includes('PRIVATE KEY')) {
      throw new OidcError('invalid-client-key', l10n.t('The key JSON has no "key" with a PEM private key. Use the key file ZITADEL downloads when you add a key to the app ({0}).', '{"type":"application","keyId":…,"key":…,"clientId":…}'));
    }
    if (json.type !== undefined && json.type !== 'application') {
      throw new OidcError('invalid-client-key', l10n.t('The key file is of type {0}, not "application": a service user\'s key signs JWT profile grants, not client authentication. Add a key to the application instead.', JSON.stringify(json.type)));
    }
    pem = json.key;
    kid = typeof json.keyId === 'string' ? json.keyId : undefined;
    clientId = typeof json.clientId === 'string' ? json.clientId : undefined;
  } else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed)) {
    throw new OidcError('invalid-client-key', l10n.t('This is neither a PEM private key ("-----BEGIN PRIVATE KEY-----") nor ZITADEL\'s key JSON file.'));
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(pem);
  } catch {
    throw new OidcError('invalid-client-key', l10n.t("The private key cannot be read (damaged PEM, or encrypted with a passphrase). Use an unencrypted PEM private key or ZITADEL's key file."));
  }
  const alg = algorithmFor(keyObject);
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { key: await importPKCS8(pkcs8, alg), kid, alg, clientId };
}

function algorithmFor(key: KeyObject): string {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return 'RS256';
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const alg = curve === 'prime256v1' ? 'ES256' : curve === 'secp384r1' ? 'ES384' : curve === 'secp521r1' ? 'ES512' : undefined;
    if (alg) return alg;
  }
  throw new OidcError(
    'invalid-client-key',
    type ? l10n.t('A {0} private key cannot sign a client assertion; use an RSA, P-256/384/521 or Ed25519 key.', type) : l10n.t('This private key cannot sign a client assertion; use an RSA, P-256/384/521 or Ed25519 key.'),
  );
}

/**
 * RFC 6749 §2.3.1 (and Appendix B): client_secret_basic form-encodes id and secret; true when
 * that changes them. openid-client escapes everything but letters and digits, `-` included.
 */
export function changedByFormEncoding(value: string): boolean {
  return /[^A-Za-z0-9]/.test(value);
}

/**
 * The method to use. `auto`: a private key means private_key_jwt, no credentials means none; with
 * a secret, the one of client_secret_basic / client_secret_post the provider lists; when it lists
 * both or neither, client_secret_post if basic's form-encoding would change the id or secret
 * (providers that do not decode it then refuse the client), else client_secret_basic.
 */
export function resolveClientAuth(setting: ClientAuthSetting, clientId: string, credentials: ClientCredentials, supported: readonly string[] | undefined): ClientAuthMethod {
  if (setting !== 'auto') return setting;
  if (credentials.privateKey) return 'private_key_jwt';
  if (!credentials.clientSecret) return 'none';
  const basic = supported?.includes('client_secret_basic') ?? false;
  const post = supported?.includes('client_secret_post') ?? false;
  if (basic !== post) return basic ? 'client_secret_basic' : 'client_secret_post';
  return changedByFormEncoding(clientId) || changedByFormEncoding(credentials.clientSecret) ? 'client_secret_post' : 'client_secret_basic';
}

/** openid-client's authentication for the method; refuses a method without its credential. */
export function clientAuthFor(method: ClientAuthMethod, clientId: string, credentials: ClientCredentials): oidc.ClientAuth {
  switch (method) {
    case 'none':
      return oidc.None();
    case 'client_secret_basic':
    case 'client_secret_post':
      if (!credentials.clientSecret) throw new OidcError('unsupported', l10n.t('Client authentication {0} needs a client secret: set one with "Set Client Credentials…", or use the method "none" for a public (PKCE) client.', method));
      return method === 'client_secret_post' ? oidc.ClientSecretPost(credentials.clientSecret) : oidc.ClientSecretBasic(credentials.clientSecret);
    case 'private_key_jwt': {
      const key = credentials.privateKey;
      if (!key) throw new OidcError('unsupported', l10n.t('Client authentication private_key_jwt needs a private key: set one with "Set Client Credentials…" (a PEM or ZITADEL\'s key JSON file).'));
      if (key.clientId && key.clientId !== clientId) {
        throw new OidcError('invalid-client-key', l10n.t('The key file belongs to client "{0}", but this profile\'s client is "{1}". Use that app\'s key, or change the profile\'s clientId.', key.clientId, clientId));
      }
      return oidc.PrivateKeyJwt(key.kid ? { key: key.key, kid: key.kid } : key.key);
    }
  }
}

/** The other methods worth trying after `method` failed, given the credentials and what the provider lists. */
export function alternativeMethods(method: ClientAuthMethod, credentials: ClientCredentials, supported: readonly string[] | undefined): ClientAuthMethod[] {
  const usable = CLIENT_AUTH_METHODS.filter((m) => m !== method && (m === 'none' ? false : m === 'private_key_jwt' ? !!credentials.privateKey : !!credentials.clientSecret));
  const listed = usable.filter((m) => !supported || supported.includes(m));
  return listed.length ? listed : usable;
}
