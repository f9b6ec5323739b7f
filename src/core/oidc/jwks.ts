// The issuer's signing keys, fetched from the discovered jwks_uri. Keys rotate: a token whose
// `kid` we do not know makes us fetch the set again, once per verification, before giving up.
import * as l10n from '@vscode/l10n';
import type { JSONWebKeySet } from 'jose';
import type { SignatureKeys } from './signature';
import { isLoopbackHttp } from './urls';

export class JwksSource {
  private cached?: Promise<JSONWebKeySet>;

  constructor(
    readonly uri: string,
    private readonly options: { timeoutMs?: number } = {},
  ) {
    const url = new URL(uri);
    if (url.protocol !== 'https:' && !isLoopbackHttp(url)) throw new TypeError(`jwks_uri must be https (or loopback http): ${uri}`);
  }

  /** For the checklist: the issuer's keys, fetched again once for an unknown kid. */
  keys(): SignatureKeys {
    return { kind: 'set', owner: 'issuer', get: (refresh) => this.get(refresh), refreshable: true };
  }

  /** The key set, from cache unless `refresh`. Rejects with a readable Error when it cannot be fetched. */
  get(refresh = false): Promise<JSONWebKeySet> {
    if (refresh || !this.cached) {
      const pending = this.fetchSet();
      // A failed fetch must not stick in the cache.
      pending.catch(() => {
        if (this.cached === pending) this.cached = undefined;
      });
      this.cached = pending;
    }
    return this.cached;
  }

  private async fetchSet(): Promise<JSONWebKeySet> {
    let response: Response;
    try {
      response = await fetch(this.uri, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new Error(cause ? l10n.t("could not fetch the issuer's keys from {0} ({1})", this.uri, cause) : l10n.t("could not fetch the issuer's keys from {0}", this.uri));
    }
    if (!response.ok) throw new Error(l10n.t("the issuer's key endpoint {0} answered HTTP {1}", this.uri, response.status));
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new Error(l10n.t("the issuer's key endpoint {0} did not return JSON", this.uri));
    }
    const keys = (body as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys) || !keys.every((k) => k && typeof k === 'object')) throw new Error(l10n.t('{0} is not a JSON Web Key Set (no "keys" array)', this.uri));
    return { keys } as JSONWebKeySet;
  }
}
