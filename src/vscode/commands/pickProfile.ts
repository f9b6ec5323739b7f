// Which issuer profile a command is about: named by a string (scripted use, walkthrough links), a
// tree node (its `profile` field, never its display label) or another user's reference; else the
// only one, else picked.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles';
import type { ViewNode } from '../../core/view/treeModel';
import { showError, showInfo, showWarning, statusText } from '../ui/notify';
import type { ProfileSettings } from '../state/profileSettings';
import type { SessionManager } from '../state/sessions';

/** The profile name an argument names, if any. */
function profileNameIn(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as Partial<ViewNode>;
  return node.profile ?? node.userRef?.profile;
}

/** Any configured profile; `purpose` is the command's localized title, for the picker. */
export async function pickProfile(profiles: ProfileSettings, arg: unknown, purpose: string): Promise<Profile | undefined> {
  const name = profileNameIn(arg);
  const all = profiles.list();
  if (name !== undefined) {
    const found = all.find((p) => p.name === name);
    if (!found) void showError(vscode.l10n.t('Token Inspector: there is no issuer profile named "{0}". Check tokenInspector.profiles in your settings.', name));
    return found;
  }
  if (all.length === 0) {
    const choice = await showInfo(vscode.l10n.t('No issuer is set up yet.'), vscode.l10n.t('Add Issuer…'));
    if (choice) await vscode.commands.executeCommand('tokenInspector.addIssuer');
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((p) => ({ label: statusText(p.name), description: statusText(p.issuer), detail: statusText(vscode.l10n.t('client {0} · {1}', p.clientId, p.scopes.join(' ')), 300), profile: p })),
    { title: vscode.l10n.t('Token Inspector: {0}', purpose), placeHolder: vscode.l10n.t('Choose an issuer profile') },
  );
  return picked?.profile;
}

/** A signed-in profile; offers to sign in when there is none. */
export async function pickSignedInProfile(profiles: ProfileSettings, sessions: SessionManager, arg: unknown): Promise<Profile | undefined> {
  const name = profileNameIn(arg);
  const candidates: Profile[] = [];
  for (const p of profiles.list()) if ((name === undefined || p.name === name) && (await sessions.get(p))) candidates.push(p);
  if (candidates.length === 0) {
    const choice = await showWarning(name ? vscode.l10n.t('Sign in to {0} first.', name) : vscode.l10n.t('Sign in to a ZITADEL profile first.'), vscode.l10n.t('Sign In'));
    if (choice) await vscode.commands.executeCommand('tokenInspector.signIn', name);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((p) => ({ label: statusText(p.name), description: statusText(p.issuer), profile: p })),
    { placeHolder: vscode.l10n.t('Which signed-in profile?') },
  );
  return picked?.profile;
}
