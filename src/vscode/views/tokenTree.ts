// The two sidebar views: Sessions (issuer profiles, signed in or not) and Decoded Tokens. Both
// map the plain view model (core/view) to TreeItems; each owns its TreeView.
import * as vscode from 'vscode';
import { withVerification } from '../../core/view/checksTree';
import { profileNode } from '../../core/view/sessionTree';
import { tokenNode, type ViewNode } from '../../core/view/treeModel';
import { markdown } from '../ui/markdown';
import type { ZitadelApiState } from '../state/zitadelApi';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';
import type { DecodedTokenStore } from '../state/tokenStore';
import { describeKeys, type VerificationState } from '../state/verifications';

/** How often relative times ("expires in 42 min") are refreshed while a view is visible. */
const CLOCK_MS = 30_000;

export const SESSIONS_VIEW = 'tokenInspector.sessions';
export const DECODED_VIEW = 'tokenInspector.tokens';

abstract class ViewNodeTree implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ViewNode>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private clock: ReturnType<typeof setInterval> | undefined;
  /** Resolves when VS Code next fetches the roots (after a change), see `refreshed`. */
  private fetched: { promise: Promise<void>; resolve(): void } | undefined;

  constructor(viewId: string, changes: vscode.Event<unknown>[]) {
    // Several rows can be selected: two tokens selected compare in one step.
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true, canSelectMany: true });
    const refresh = () => {
      if (!this.fetched) {
        let resolve!: () => void;
        this.fetched = { promise: new Promise<void>((r) => (resolve = r)), resolve };
      }
      this.changed.fire(undefined);
    };
    // Ticks the relative times only while someone can see them.
    const tick = () => {
      clearInterval(this.clock);
      this.clock = this.view.visible ? setInterval(refresh, CLOCK_MS) : undefined;
    };
    this.disposables.push(this.view, ...changes.map((e) => e(refresh)), this.view.onDidChangeVisibility(tick), { dispose: () => clearInterval(this.clock) });
    tick();
  }

  protected abstract roots(nowMs: number): Promise<ViewNode[]>;

  async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    if (node) return node.children?.() ?? [];
    const fetched = this.fetched;
    this.fetched = undefined;
    try {
      return await this.roots(Date.now());
    } finally {
      fetched?.resolve();
    }
  }

  /**
   * Settles once VS Code has fetched the roots after the last change (at most `timeoutMs`: a
   * hidden view fetches nothing). A reveal sent before that can lose its expansion to the refresh.
   */
  protected refreshed(timeoutMs = 1000): Promise<void> {
    const fetched = this.fetched?.promise;
    return fetched ? Promise.race([fetched, new Promise<void>((r) => setTimeout(r, timeoutMs))]) : Promise.resolve();
  }

  /** Roots only: enough for `TreeView.reveal` of a token node. */
  getParent(): undefined {
    return undefined;
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    const state = node.children
      ? node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    if (node.tooltip) item.tooltip = markdown(node.tooltip);
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = [node.kind, node.contextValue, node.copyValue !== undefined && 'copyable', node.copyJson !== undefined && 'json'].filter(Boolean).join(' ');
    if (node.command) item.command = { command: node.command.id, title: node.label, arguments: node.command.args };
    else if (node.kind === 'token') item.command = { command: 'tokenInspector.openInspector', title: vscode.l10n.t('Open in Inspector'), arguments: [node] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Issuer profiles: signed out (with a sign-in action) or the session's checks, tokens, userinfo and metadata. */
export class SessionsTree extends ViewNodeTree {
  constructor(
    private readonly profiles: ProfileSettings,
    private readonly sessions: SessionManager,
    private readonly api: ZitadelApiState,
  ) {
    super(SESSIONS_VIEW, [profiles.onDidChange, sessions.onDidChange, api.onDidChange]);
  }

  protected roots(nowMs: number): Promise<ViewNode[]> {
    return Promise.all(
      this.profiles.list().map(async (p) => {
        const decoded = await this.sessions.decoded(p);
        return profileNode(p, decoded, nowMs, decoded ? this.api.get(p.name) : {});
      }),
    );
  }
}

/** Tokens decoded in this or another window, latest first, each under the user's label if it has one, with its signature's verification if the user asked for one. */
export class DecodedTokensTree extends ViewNodeTree {
  constructor(
    private readonly store: DecodedTokenStore,
    private readonly verifications: VerificationState,
  ) {
    super(DECODED_VIEW, [store.onDidChange, verifications.onDidChange]);
  }

  protected async roots(nowMs: number): Promise<ViewNode[]> {
    const nodes = (await this.store.list()).map((e) => {
      const node = tokenNode(e.inspection, nowMs, undefined, e.label);
      const verification = this.verifications.get(e.inspection.fingerprint);
      return verification ? withVerification(node, verification.checks, describeKeys(verification)) : node;
    });
    void vscode.commands.executeCommand('setContext', 'tokenInspector.hasTokens', nodes.length > 0);
    return nodes;
  }

  /** The current root node of a decoded token, for reveal (once VS Code has the current roots). */
  async rootFor(fingerprint: string): Promise<ViewNode | undefined> {
    await this.refreshed();
    return (await this.roots(Date.now())).find((n) => n.fingerprint === fingerprint);
  }

  /** The token node that keyboard commands (F2, Delete) act on: the selection's. */
  selectedToken(): ViewNode | undefined {
    return this.view.selection.find((n) => n.kind === 'token');
  }
}
