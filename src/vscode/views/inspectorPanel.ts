// The "Open in Inspector" webview: one reusable panel showing one TokenInspection.
//
// The HTML is a fixed shell (no token data in it) under a strict CSP with a per-load
// script nonce; the inspection goes in only by postMessage, and is posted again whenever
// the webview says `ready` (it reloads when hidden, as retainContextWhenHidden is off).
// Messages coming back are validated; copy requests name what to copy and the text is
// looked up here, so the webview never supplies clipboard text.
//
// After a window reload VS Code hands the panel back (InspectorSerializer) with the webview's
// state, which holds only the token's fingerprint: the token itself comes from SecretStorage
// again, or the panel shows a placeholder saying it is gone.
import * as vscode from 'vscode';
import type { TokenComparison } from '../../core/compare';
import type { TokenInspection } from '../../core/inspect';
import { jsonForMessage } from '../../core/json';
import { encodeBase64 } from '../../core/jwt/base64';
import { inline } from '../../core/text';
import { parseFromWebview, textToCopy, type CompareMessage, type CopyTarget, type GoneMessage, type ShowMessage, type ToWebview } from '../../webview/protocol';
import type { Log } from '../ui/log';
import { flash } from '../ui/notify';

/** What the inspector shows beside a token: a signed-in ID token's checks and metadata sources, or a verification. */
export type InspectorExtras = Pick<ShowMessage, 'checks' | 'metadataSources' | 'verification'>;

/** What the panel shows, without the translations added on posting. */
type Content = Omit<ShowMessage, 'l10n'> | Omit<CompareMessage, 'l10n'>;

/** What one inspector shows after a reload: a token, what to call it, and for a session's ID token its extras. */
export interface InspectorContent {
  inspection: TokenInspection;
  label: string;
  extras?: InspectorExtras;
}

/** Why a token is no longer shown. */
export type GoneReason = 'removed' | 'missing-after-reload';

export class InspectorPanel implements vscode.Disposable {
  static readonly viewType = 'tokenInspector.inspector';
  private static instance: InspectorPanel | undefined;

  /** Runs "Verify Signature…" for the token shown (the panel's Verify button). Set at activation. */
  static onVerify: ((inspection: TokenInspection, label: string) => unknown) | undefined;

  /** Shows an inspection, creating the panel or revealing and updating the open one. */
  static show(extensionUri: vscode.Uri, inspection: TokenInspection, label: string, log: Log, extras: InspectorExtras = {}): void {
    InspectorPanel.open(extensionUri, showContent({ inspection, label, extras }), log);
  }

  /** Shows two tokens compared, side by side. */
  static compare(extensionUri: vscode.Uri, before: { label: string; inspection: TokenInspection }, after: { label: string; inspection: TokenInspection }, comparison: TokenComparison, log: Log): void {
    InspectorPanel.open(extensionUri, { type: 'compare', before, after, comparison }, log);
  }

  private static open(extensionUri: vscode.Uri, content: Content, log: Log): void {
    const open = InspectorPanel.instance;
    if (open) {
      open.update(content);
      open.panel.reveal(open.panel.viewColumn);
      return;
    }
    const panel = vscode.window.createWebviewPanel(InspectorPanel.viewType, titleOf(content), vscode.ViewColumn.Active, { ...webviewOptions(extensionUri), enableFindWidget: true, retainContextWhenHidden: false });
    InspectorPanel.instance = new InspectorPanel(panel, extensionUri, content, log);
  }

  /**
   * Takes over a panel VS Code restored after a reload: its token found again (`content`), or
   * `undefined` for the placeholder. A second restored panel is closed (there is one inspector).
   */
  static restore(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, content: InspectorContent | undefined, log: Log): void {
    if (InspectorPanel.instance) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(extensionUri);
    const shown = content ? showContent(content) : 'missing-after-reload';
    InspectorPanel.instance = new InspectorPanel(panel, extensionUri, shown, log);
    panel.title = titleOf(shown);
  }

  /** The open inspector shows this token: show the placeholder instead (the token was removed). */
  static forget(fingerprint: string): void {
    const open = InspectorPanel.instance;
    if (open?.fingerprint === fingerprint) open.update('removed');
  }

  /** The open inspector shows this token: call it `label` now (it was renamed). */
  static retitle(fingerprint: string, label: string): void {
    const open = InspectorPanel.instance;
    if (open && typeof open.content !== 'string' && open.content.type === 'show' && open.fingerprint === fingerprint) open.update({ ...open.content, label });
  }

  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private content: Content | GoneReason,
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

  /** The fingerprint of the token shown, if one is (not for a comparison). */
  get fingerprint(): string | undefined {
    return typeof this.content === 'string' || this.content.type !== 'show' ? undefined : this.content.inspection.fingerprint;
  }

  /** Closes the panel. */
  dispose(): void {
    this.panel.dispose();
  }

  private update(content: Content | GoneReason): void {
    this.content = content;
    this.panel.title = titleOf(content);
    this.post();
  }

  /** Posts what to show; a webview that is not loaded yet asks again with `ready`. */
  private post(): void {
    const { content } = this;
    const bundle = vscode.l10n.bundle;
    const message: ToWebview | GoneMessage = typeof content === 'string' ? goneMessage(content) : ({ ...content, ...(bundle ? { l10n: bundle } : {}) } as ToWebview);
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
    // The placeholder and the comparison offer no copying or verifying.
    if (typeof this.content === 'string' || this.content.type !== 'show') return;
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

/** A token to show as the webview's `show` message. */
function showContent({ inspection, label, extras }: InspectorContent): Content {
  return { type: 'show', label, inspection, ...extras };
}

/** The tab's title; labels arrive clipped to 80 (tokenName) or raw ("ID token of <profile>"). */
function titleOf(content: Content | GoneReason): string {
  if (typeof content === 'string') return vscode.l10n.t('Token Inspector: token no longer stored');
  const label = content.type === 'show' ? content.label : vscode.l10n.t('{0} ↔ {1}', content.before.label, content.after.label);
  return vscode.l10n.t('Token Inspector: {0}', inline(label, 100));
}

function goneMessage(reason: GoneReason): GoneMessage {
  return reason === 'removed'
    ? {
        type: 'gone',
        title: vscode.l10n.t('This token was removed'),
        text: vscode.l10n.t('It is no longer among the decoded tokens, or its session was signed out, so Token Inspector no longer keeps it. Decode it again to see it here, or close this tab.'),
      }
    : {
        type: 'gone',
        title: vscode.l10n.t('This token is no longer stored'),
        text: vscode.l10n.t('The inspector was open when the window reloaded, but the token is no longer in VS Code\'s secret storage: it was removed, cleared or signed out since. Decode it again to see it here, or close this tab.'),
      };
}

/** Scripts on (our nonce'd bundle only, see the CSP), resources only from dist/ and media/. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
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
