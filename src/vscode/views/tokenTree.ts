// Sidebar tree adapter: maps the plain view model (core/view/treeModel) to TreeItems.
import * as vscode from 'vscode';
import { profileNode } from '../../core/view/sessionTree';
import { tokenNode, type ViewNode } from '../../core/view/treeModel';
import { markdown } from '../ui/markdown';
import type { ZitadelApiState } from '../state/zitadelApi';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';
import type { DecodedTokenStore } from '../state/tokenStore';

/** How often relative times ("expires in 42 min") are refreshed while the view is visible. */
const CLOCK_MS = 30_000;

export class TokenTreeProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private clock: ReturnType<typeof setInterval> | undefined;
  private roots: ViewNode[] = [];

  constructor(
    private readonly store: DecodedTokenStore,
    private readonly profiles: ProfileSettings,
    private readonly sessions: SessionManager,
    private readonly api: ZitadelApiState,
  ) {
    const refresh = () => this.changed.fire(undefined);
    this.disposables.push(store.onDidChange(refresh), profiles.onDidChange(refresh), sessions.onDidChange(refresh), api.onDidChange(refresh));
  }

  /** Ticks the relative times only while someone can see them. */
  attach(view: vscode.TreeView<ViewNode>): void {
    const update = () => {
      clearInterval(this.clock);
      this.clock = view.visible ? setInterval(() => this.changed.fire(undefined), CLOCK_MS) : undefined;
    };
    this.disposables.push(view.onDidChangeVisibility(update), { dispose: () => clearInterval(this.clock) });
    update();
  }

  /** Issuer profiles first (signed in or not), then the decoded tokens. */
  async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    if (node) return node.children?.() ?? [];
    const now = Date.now();
    const profiles = await Promise.all(
      this.profiles.list().map(async (p) => {
        const decoded = await this.sessions.decoded(p);
        return profileNode(p, decoded, now, decoded ? this.api.get(p.name) : {});
      }),
    );
    const decoded = (await this.store.list()).map((e) => tokenNode(e.inspection, now));
    void vscode.commands.executeCommand('setContext', 'tokenInspector.hasTokens', decoded.length > 0);
    this.roots = [...profiles, ...decoded];
    return this.roots;
  }

  /** Roots only: enough for `TreeView.reveal` of a token node. */
  getParent(): undefined {
    return undefined;
  }

  /** The current root node of a token, for reveal. */
  async rootFor(fingerprint: string): Promise<ViewNode | undefined> {
    return (await this.getChildren()).find((n) => n.fingerprint === fingerprint);
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
    else if (node.kind === 'token') item.command = { command: 'tokenInspector.openInspector', title: 'Open in Inspector', arguments: [node] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
