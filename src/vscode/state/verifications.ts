// Verifications run in this window, by token fingerprint (for the tree and the inspector), the
// issuers the user allowed Token Inspector to contact for their keys (kept across windows: an
// issuer URL is no secret), and the issuers' keys as fetched (one cache per window, with the
// unknown-kid refetch rule sign-in uses). Results are in memory only; keys and secrets the user
// pastes are never kept.
import * as vscode from 'vscode';
import type { IssuerKeyCache, Verification } from '../../core/verify/index';
import { verifyClient } from '../clients';

const CONSENT_KEY = 'tokenInspector.verify.allowedIssuers';

export class VerificationState implements vscode.Disposable {
  private readonly results = new Map<string, Verification>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cache: Promise<IssuerKeyCache> | undefined;

  constructor(private readonly globalState: vscode.Memento) {}

  get(fingerprint: string): Verification | undefined {
    return this.results.get(fingerprint);
  }

  set(verification: Verification): void {
    this.results.set(verification.fingerprint, verification);
    this.changed.fire();
  }

  /** The issuers' keys, fetched on demand and kept for this window. */
  issuerKeys(): Promise<IssuerKeyCache> {
    this.cache ??= verifyClient().then(({ IssuerKeyCache }) => new IssuerKeyCache());
    return this.cache;
  }

  /** Whether the user allowed fetching this issuer's keys before. */
  isAllowed(issuer: string): boolean {
    return this.globalState.get<string[]>(CONSENT_KEY, []).includes(issuer);
  }

  async allow(issuer: string): Promise<void> {
    const allowed = this.globalState.get<string[]>(CONSENT_KEY, []);
    if (!allowed.includes(issuer)) await this.globalState.update(CONSENT_KEY, [...allowed, issuer]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** "the keys of https://issuer", "the pasted RSA key (2048 bits) (JWK)", "the given 32-byte secret". */
export function describeKeys({ keys }: Verification): string {
  if (keys.kind === 'issuer') return vscode.l10n.t('the keys of {0}', keys.issuer || vscode.l10n.t('the issuer'));
  if (keys.kind === 'secret') return vscode.l10n.t('the given {0}', keys.description);
  return vscode.l10n.t('the pasted {0} ({1})', keys.description, keys.format);
}
