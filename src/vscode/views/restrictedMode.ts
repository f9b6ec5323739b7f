// Restricted Mode (an untrusted folder). Decoding, the hover, the views and the inspector work as
// usual; what VS Code withholds are the folder's own values of the settings package.json lists
// in `restrictedConfigurations`: issuer profiles (a folder must not choose where you sign in, nor
// where your token is sent) and the clock skew (it loosens the ID token checks). This says so in
// the Sessions view when the folder sets them, and offers trust (welcome content, package.json).
import * as vscode from 'vscode';
import type { ProfileSettings } from '../state/profileSettings';

const SECTION = 'tokenInspector';
/** True while the folder's issuer profiles are ignored: the Sessions view's welcome explains it. */
const CONTEXT_KEY = 'tokenInspector.workspaceProfilesIgnored';

export class RestrictedModeNotice implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly sessionsView: vscode.TreeView<unknown>,
    private readonly profiles: ProfileSettings,
  ) {
    this.disposables = [
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.update()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.update()),
      profiles.onDidChange(() => void this.update()),
    ];
    void this.update();
  }

  private async update(): Promise<void> {
    const ignored = vscode.workspace.isTrusted ? { profiles: false, clockSkew: false } : await folderSettings();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, ignored.profiles);
    // An empty view shows its welcome content instead (which says the same, with the buttons);
    // VS Code shows no welcome content under a message.
    this.sessionsView.message = this.profiles.list().length > 0 ? describe(ignored) : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Whether the folder's settings set the withheld settings. VS Code hides a restricted setting's
 * folder value from the API too, so the settings files themselves are read (reading runs nothing).
 */
async function folderSettings(): Promise<{ profiles: boolean; clockSkew: boolean }> {
  const files = [
    ...(vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json')),
    ...(vscode.workspace.workspaceFile && vscode.workspace.workspaceFile.scheme !== 'untitled' ? [vscode.workspace.workspaceFile] : []),
  ];
  const texts = await Promise.all(files.map((f) => Promise.resolve(vscode.workspace.fs.readFile(f)).then((b) => new TextDecoder().decode(b), () => '')));
  const text = texts.join('\n');
  return { profiles: text.includes(`"${SECTION}.profiles"`), clockSkew: text.includes(`"${SECTION}.clockSkewSeconds"`) };
}

function describe({ profiles, clockSkew }: { profiles: boolean; clockSkew: boolean }): string | undefined {
  if (!profiles && !clockSkew) return undefined;
  const what = profiles && clockSkew ? vscode.l10n.t('The issuer profiles and the clock skew') : profiles ? vscode.l10n.t('The issuer profiles') : vscode.l10n.t('The clock skew');
  return vscode.l10n.t('Restricted Mode: {0} in this folder\'s settings are ignored until you trust the folder. Your user settings apply.', what);
}
