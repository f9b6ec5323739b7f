// Restricted Mode (an untrusted folder). Decoding, the hover, the views and the inspector work as
// usual; what VS Code withholds are the folder's own values of the settings package.json lists
// in `restrictedConfigurations`: issuer profiles (a folder must not choose where you sign in, nor
// where your token is sent) and the clock skew (it loosens the ID token checks). This says so in
// the Sessions view when the folder sets them, and offers trust (welcome content, package.json).
import * as vscode from 'vscode';

const SECTION = 'tokenInspector';
/** True while the folder's issuer profiles are ignored: the Sessions view's welcome explains it. */
const CONTEXT_KEY = 'tokenInspector.workspaceProfilesIgnored';

export class RestrictedModeNotice implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly sessionsView: vscode.TreeView<unknown>) {
    this.disposables = [
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && this.update()),
    ];
    this.update();
  }

  private update(): void {
    const ignored = vscode.workspace.isTrusted ? { profiles: 0, clockSkew: false } : ignoredSettings();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, ignored.profiles > 0);
    this.sessionsView.message = describe(ignored);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** What the folder sets that Restricted Mode withholds (inspect() still shows the folder's values). */
function ignoredSettings(): { profiles: number; clockSkew: boolean } {
  const config = vscode.workspace.getConfiguration(SECTION);
  const profiles = config.inspect<unknown>('profiles');
  const skew = config.inspect<unknown>('clockSkewSeconds');
  const count = (v: unknown) => (Array.isArray(v) ? v.length : v === undefined ? 0 : 1);
  return {
    profiles: count(profiles?.workspaceValue) + count(profiles?.workspaceFolderValue),
    clockSkew: skew?.workspaceValue !== undefined || skew?.workspaceFolderValue !== undefined,
  };
}

function describe({ profiles, clockSkew }: { profiles: number; clockSkew: boolean }): string | undefined {
  if (!profiles && !clockSkew) return undefined;
  const what =
    profiles && clockSkew
      ? vscode.l10n.t('{0} issuer profile(s) and the clock skew', profiles)
      : profiles
        ? vscode.l10n.t('{0} issuer profile(s)', profiles)
        : vscode.l10n.t('the clock skew');
  return vscode.l10n.t('Restricted Mode: {0} from this folder\'s settings are ignored until you trust the folder. Your user settings apply.', what);
}
