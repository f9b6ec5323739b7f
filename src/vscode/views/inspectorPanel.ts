// The "Open in Inspector" webview: one reusable panel showing one TokenInspection (with its
// checks, when it was signed in for or verified), or two tokens compared side by side.
//
// The HTML is a fixed shell (no token data in it) under a strict CSP with a per-load
// script nonce; the inspection goes in only by postMessage, and is posted again whenever
// the webview says `ready` (it reloads when hidden, as retainContextWhenHidden is off).
// Messages coming back are validated; copy requests name what to copy and the text is
// looked up here, so the webview never supplies clipboard text.
import * as vscode from 'vscode';
import type { TokenComparison } from '../../core/compare';
import type { TokenInspection } from '../../core/inspect';
import { jsonForMessage } from '../../core/json';
import { encodeBase64 } from '../../core/jwt/base64';
import { inline } from '../../core/text';
import { parseFromWebview, textToCopy, type CompareMessage, type CopyTarget, type ShowMessage, type ToWebview } from '../../webview/protocol';
import type { Log } from '../ui/log';
import { flash } from '../ui/notify';

/** What the inspector shows beside a token: a signed-in ID token's checks and metadata sources, or a verification. */
export type InspectorExtras = Pick<ShowMessage, 'checks' | 'metadataSources' | 'verification'>;

/** What the panel shows, without the translations added on posting. */
type Content = Omit<ShowMessage, 'l10n'> | Omit<CompareMessage, 'l10n'>;

export class InspectorPanel implements vscode.Disposable {
  static readonly viewType = 'tokenInspector.inspector';
  private static instance: InspectorPanel | undefined;

  /** Runs "Verify Signature…" for the token shown (the panel's Verify button). Set at activation. */
  static onVerify: ((inspection: TokenInspection, label: string) => unknown) | undefined;

  /** Shows an inspection, creating the panel or revealing and updating the open one. */
  static show(extensionUri: vscode.Uri, inspection: TokenInspection, label: string, log: Log, extras: InspectorExtras = {}): void {
    InspectorPanel.open(extensionUri, { type: 'show', label, inspection, ...extras }, label, log);
  }

  /** Shows two tokens compared, side by side. */
  static compare(extensionUri: vscode.Uri, before: { label: string; inspection: TokenInspection }, after: { label: string; inspection: TokenInspection }, comparison: TokenComparison, log: Log): void {
    InspectorPanel.open(extensionUri, { type: 'compare', before, after, comparison }, vscode.l10n.t('{0} ↔ {1}', before.label, after.label), log);
  }

  private static open(extensionUri: vscode.Uri, content: Content, label: string, log: Log): void {
    const open = InspectorPanel.instance;
    if (open) {
      open.update(content, label);
      open.panel.reveal(open.panel.viewColumn);
      return;
    }
    const panel = vscode.window.createWebviewPanel(InspectorPanel.viewType, titleFor(label), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    InspectorPanel.instance = new InspectorPanel(panel, extensionUri, content, log);
  }

  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private content: Content,
    private readonly log: Log,
  ) {
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'key-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'key-dark.svg'),
    };
    panel.webview.html = shellHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      panel.onDidDispose(() => this.disposed()),
    );
  }

  /** Closes the panel. */
  dispose(): void {
    this.panel.dispose();
  }

  private update(content: Content, label: string): void {
    this.content = content;
    this.panel.title = titleFor(label);
    this.post();
  }

  /** Posts what the panel shows; a webview that is not loaded yet asks again with `ready`. */
  private post(): void {
    const bundle = vscode.l10n.bundle;
    const message = { ...this.content, ...(bundle ? { l10n: bundle } : {}) } as ToWebview;
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      const type = typeof raw === 'object' && raw !== null ? jsonForMessage((raw as { type?: unknown }).type).slice(0, 40) : typeof raw;
      this.log.warn(`Inspector: ignored an invalid message from the webview (type ${type}).`);
      return;
    }
    if (message.type === 'ready') return this.post();
    if (this.content.type !== 'show') return; // the comparison offers no copying or verifying
    if (message.type === 'verify') return void InspectorPanel.onVerify?.(this.content.inspection, this.content.label);
    const { type: _type, ...target } = message;
    void this.copy(this.content.inspection, target);
  }

  private async copy(inspection: TokenInspection, target: CopyTarget): Promise<void> {
    const text = textToCopy(inspection, target);
    if (text === undefined) {
      this.log.warn(`Inspector: nothing to copy for a ${target.what} request that names nothing in this token.`);
      return;
    }
    await vscode.env.clipboard.writeText(text);
    flash('check', copiedMessage(target), 2000);
  }

  private disposed(): void {
    if (InspectorPanel.instance === this) InspectorPanel.instance = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function titleFor(label: string): string {
  return vscode.l10n.t('Token Inspector: {0}', inline(label, 80));
}

/** The status-bar confirmation (flash makes the names in it literal). */
function copiedMessage(target: CopyTarget): string {
  switch (target.what) {
    case 'claim':
      return vscode.l10n.t('Copied claim {0}', target.claim);
    case 'metadata-value':
      return vscode.l10n.t('Copied metadata {0}', target.key);
    case 'metadata-raw':
      return vscode.l10n.t('Copied raw metadata {0}', target.key);
    case 'header':
      return vscode.l10n.t('Copied header JSON');
    case 'payload':
      return vscode.l10n.t('Copied payload JSON');
    case 'signature':
      return vscode.l10n.t('Copied signature');
    case 'token':
      return vscode.l10n.t('Copied token');
  }
}

/** The fixed HTML shell: CSP, stylesheets, an empty #app and the nonce'd script. */
function shellHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = encodeBase64(crypto.getRandomValues(new Uint8Array(16)));
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${uri('media', 'inspector.css')}">
<title>${vscode.l10n.t('Token Inspector')}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${uri('dist', 'webview.js')}"></script>
</body>
</html>`;
}
