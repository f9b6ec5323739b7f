// The signing keys of the issuer a pasted token names, found through its discovery document
// (https, or http on a loopback host only) and cached per issuer, with the rule sign-in uses: a
// kid the cached set lacks makes it fetch the set once more. A failed lookup is not cached.
import * as l10n from '@vscode/l10n';
import { jsonForMessage } from '../json';
import { discoverMetadata } from '../oidc/metadata';
import { JwksSource } from '../oidc/jwks';
import type { SignatureKeys } from '../oidc/signature';
import { isLoopbackHttp } from '../oidc/urls';
import { VerifyError } from './errors';

export interface IssuerKeys {
  /** The issuer exactly as its discovery document names it (the token's `iss`). */
  issuer: string;
  jwksUri: string;
  keys: SignatureKeys;
}

/**
 * The issuer whose keys would be fetched for a token: `expected` when the user named one (keys
 * come from the issuer they trust, not from whatever the token claims), else the token's `iss`.
 * Throws VerifyError when there is none or it cannot be contacted safely. Callers ask the user
 * before contacting it.
 */
export function issuerToContact(iss: unknown, expected?: string): string {
  const issuer = expected ?? iss;
  if (issuer === undefined) throw new VerifyError('no-issuer', l10n.t('The token has no "iss" claim naming its issuer, so its keys cannot be looked up. Paste the key instead, or give the issuer you expect.'));
  const shown = jsonForMessage(issuer);
  const whose = expected === undefined ? l10n.t("The token's issuer {0}", shown) : l10n.t('The expected issuer {0}', shown);
  if (typeof issuer !== 'string' || issuer === '') throw new VerifyError('no-issuer', l10n.t('{0} is not a URL, so its keys cannot be looked up. Paste the key instead.', whose));
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new VerifyError('no-issuer', l10n.t('{0} is not a URL, so its keys cannot be looked up (some issuers name themselves otherwise). Paste the key instead.', whose));
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) {
    throw new VerifyError('no-issuer', l10n.t('{0} is not https: its keys would travel unprotected, so Token Inspector does not fetch them (plain http only for 127.0.0.1, localhost or [::1]). Paste the key instead.', whose));
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new VerifyError('no-issuer', l10n.t('{0} carries credentials, a query or a fragment, which an issuer never does. Paste the key instead.', whose));
  }
  return issuer;
}

/** Issuers' keys, cached for as long as this object lives (e.g. a window). */
export class IssuerKeyCache {
  readonly #issuers = new Map<string, Promise<{ issuer: string; source: JwksSource }>>();

  constructor(private readonly options: { timeoutSeconds?: number } = {}) {}

  /** The keys of `issuer` (from issuerToContact). Rejects with a message saying why they cannot be had. */
  async keysOf(issuer: string): Promise<IssuerKeys> {
    let pending = this.#issuers.get(issuer);
    if (!pending) {
      pending = this.#lookUp(issuer);
      this.#issuers.set(issuer, pending);
      pending.catch(() => this.#issuers.delete(issuer));
    }
    const { issuer: named, source } = await pending;
    return { issuer: named, jwksUri: source.uri, keys: source.keys() };
  }

  async #lookUp(issuer: string): Promise<{ issuer: string; source: JwksSource }> {
    const metadata = await discoverMetadata(issuer, { timeoutSeconds: this.options.timeoutSeconds ?? 15 });
    if (!metadata.jwks_uri) throw new VerifyError('no-issuer', l10n.t('{0} publishes no keys (its discovery document has no jwks_uri). Paste the key instead.', issuer));
    let source: JwksSource;
    try {
      source = new JwksSource(metadata.jwks_uri);
    } catch {
      throw new VerifyError('no-issuer', l10n.t('{0} names its keys at {1}, which is neither https nor loopback: not fetched.', issuer, jsonForMessage(metadata.jwks_uri)));
    }
    return { issuer: metadata.issuer, source };
  }
}
