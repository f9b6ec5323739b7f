// The "Open in Inspector" webview: one reusable panel showing one TokenInspection.
//
// The HTML is a fixed shell (no token data in it) under a strict CSP with a per-load
// script nonce; the inspection goes in only by postMessage, and is posted again whenever
// the webview says `ready` (it reloads when hidden, as retainContextWhenHidden is off).
// Messages coming back are validated; copy requests name what to copy and the text is
// looked up here, so the webview never supplies clipboard text.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { TokenInspection } from '../../core/inspect';
import { jsonForMessage } from '../../core/json';
import { inline } from '../../core/text';
import { parseFromWebview, textToCopy, type CopyTarget, type ToWebview } from '../../webview/protocol';
import type { Log } from '../ui/log';
import { flash } from '../ui/notify';

/** What the inspector shows beside a signed-in profile's ID token. */
export type InspectorExtras = Pick<ToWebview, 'checks' | 'metadataSources'>;

export class InspectorPanel implements vscode.Disposable {
  static readonly viewType = 'tokenInspector.inspector';
  private static instance: InspectorPanel | undefined;

  /** The open inspector, if any. */
  static get current(): InspectorPanel | undefined {
    return InspectorPanel.instance;
  }

  /** Shows an inspection, creating the panel or revealing and updating the open one. */
  static show(extensionUri: vscode.Uri, inspection: TokenInspection, label: string, log: Log, extras: InspectorExtras = {}): void {
    const open = InspectorPanel.instance;
    if (open) {
      open.update(inspection, label, extras);
      open.panel.reveal(open.panel.viewColumn);
      return;
    }
    const panel = vscode.window.createWebviewPanel(InspectorPanel.viewType, titleFor(label), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    InspectorPanel.instance = new InspectorPanel(panel, extensionUri, inspection, label, log, extras);
  }

  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private inspection: TokenInspection,
    private label: string,
    private readonly log: Log,
    private extras: InspectorExtras,
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

  private update(inspection: TokenInspection, label: string, extras: InspectorExtras): void {
    this.inspection = inspection;
    this.label = label;
    this.extras = extras;
    this.panel.title = titleFor(label);
    this.post();
  }

  /** Posts the current inspection; a webview that is not loaded yet asks again with `ready`. */
  private post(): void {
    const message: ToWebview = { type: 'show', label: this.label, inspection: this.inspection, ...this.extras };
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
    const { type: _type, ...target } = message;
    void this.copy(target);
  }

  private async copy(target: CopyTarget): Promise<void> {
    const text = textToCopy(this.inspection, target);
    if (text === undefined) {
      this.log.warn(`Inspector: nothing to copy for a ${target.what} request that names nothing in this token.`);
      return;
    }
    await vscode.env.clipboard.writeText(text);
    flash('check', `Copied ${describeTarget(target)}`, 2000);
  }

  private disposed(): void {
    if (InspectorPanel.instance === this) InspectorPanel.instance = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function titleFor(label: string): string {
  return `Token Inspector: ${inline(label, 80)}`;
}

function describeTarget(target: CopyTarget): string {
  switch (target.what) {
    case 'claim':
      return `claim ${target.claim}`;
    case 'metadata-value':
      return `metadata ${target.key}`;
    case 'metadata-raw':
      return `raw metadata ${target.key}`;
    case 'header':
    case 'payload':
      return `${target.what} JSON`;
    default:
      return target.what;
  }
}

/** The fixed HTML shell: CSP, stylesheets, an empty #app and the nonce'd script. */
function shellHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${uri('media', 'inspector.css')}">
<title>Token Inspector</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${uri('dist', 'webview.js')}"></script>
</body>
</html>`;
}
