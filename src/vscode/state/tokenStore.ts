// Keeps the decoded tokens in SecretStorage (a pasted token is a secret too) and in
// memory, decoded once, and keeps several windows in sync through secrets.onDidChange (its own
// writes come back as change events too: those are recognised and change nothing).
import * as vscode from 'vscode';
import type { TokenInspection } from '../../core/inspect';
import { parseTokenList, serialiseTokenList, withToken, type TokenListEntry } from '../../core/tokenList';
import type { Log } from '../ui/log';

const SECRET_KEY = 'tokenInspector.decodedTokens';

export class DecodedTokenStore implements vscode.Disposable {
  private entries: Promise<TokenListEntry[]> | undefined;
  /** What this window last wrote (undefined after clearing); null before any write. */
  private written: string | undefined | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key !== SECRET_KEY) return;
      if (this.written !== null && (await secrets.get(SECRET_KEY)) === this.written) return;
      this.written = null;
      this.entries = undefined; // another window wrote: read again on next use
      this.changed.fire();
    });
  }

  /** Latest first. Loaded from SecretStorage on first use, not at activation. */
  list(): Promise<TokenListEntry[]> {
    this.entries ??= this.load();
    return this.entries;
  }

  async find(fingerprint: string): Promise<TokenListEntry | undefined> {
    return (await this.list()).find((e) => e.inspection.fingerprint === fingerprint);
  }

  async add(inspection: TokenInspection): Promise<void> {
    await this.save(withToken(await this.list(), { token: inspection.token, addedAt: Date.now(), inspection }));
  }

  async remove(fingerprint: string): Promise<void> {
    await this.save((await this.list()).filter((e) => e.inspection.fingerprint !== fingerprint));
  }

  async clear(): Promise<void> {
    this.entries = Promise.resolve([]);
    this.written = undefined;
    await this.secrets.delete(SECRET_KEY);
    this.changed.fire();
  }

  private async load(): Promise<TokenListEntry[]> {
    const { entries, problems } = parseTokenList(await this.secrets.get(SECRET_KEY));
    for (const problem of problems) this.log.warn(`Decoded tokens: ${problem}.`);
    return entries;
  }

  private async save(entries: TokenListEntry[]): Promise<void> {
    this.entries = Promise.resolve(entries);
    this.changed.fire();
    const text = serialiseTokenList(entries);
    this.written = text;
    await this.secrets.store(SECRET_KEY, text);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
