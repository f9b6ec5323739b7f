// Keeps the decoded tokens in SecretStorage (a pasted token is a secret too) and in
// memory, decoded once, and keeps several windows in sync through secrets.onDidChange (its own
// writes come back as change events too: those are recognized and change nothing).
import * as vscode from 'vscode';
import type { TokenInspection } from '../../core/inspect';
import { parseTokenList, serialiseTokenList, withLabel, withToken, type TokenListEntry } from '../../core/tokenList';
import type { Log } from '../ui/log';

const SECRET_KEY = 'tokenInspector.decodedTokens';

export class DecodedTokenStore implements vscode.Disposable {
  private entries: Promise<TokenListEntry[]> | undefined;
  /** What this window last wrote (undefined after clearing); null before any write. */
  private written: string | undefined | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly added = new vscode.EventEmitter<TokenInspection>();
  /** Fires when a token was decoded and kept (in this window). */
  readonly onDidAdd = this.added.event;
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
    this.added.fire(inspection);
  }

  /** Removes a token; resolves with its entry (for Undo), if it was there. */
  async remove(fingerprint: string): Promise<TokenListEntry | undefined> {
    const entries = await this.list();
    const removed = entries.find((e) => e.inspection.fingerprint === fingerprint);
    if (removed) await this.save(entries.filter((e) => e !== removed));
    return removed;
  }

  /** Puts a removed entry back where its time places it (Undo), with its label. */
  async restore(entry: TokenListEntry): Promise<void> {
    const others = (await this.list()).filter((e) => e.inspection.fingerprint !== entry.inspection.fingerprint);
    await this.save([...others, entry].sort((a, b) => b.addedAt - a.addedAt));
  }

  /** Gives a token the user's label (stored with it in SecretStorage); blank removes it. */
  async rename(fingerprint: string, label: string | undefined): Promise<void> {
    await this.save(withLabel(await this.list(), fingerprint, label));
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
    this.added.dispose();
  }
}
