// VS Code for the web: the commands that sign in or call ZITADEL's APIs are registered as
// explanations instead (the tree's "Sign in…" rows, keybindings and other extensions may still
// run them). See src/vscode/clients.web.ts.
import * as vscode from 'vscode';
import { showWarning } from '../ui/notify';

export const DESKTOP_ONLY_COMMANDS = [
  'addIssuer', 'signIn', 'signInWithDeviceCode', 'refreshTokens', 'signOut', 'setClientCredentials', 'addMetadataScope',
  'listMyMetadata', 'getMyMetadataKey', 'showUserMetadata', 'refreshUserMetadata', 'setUserMetadata', 'removeUserMetadata',
  'setPersonalAccessToken', 'setUserMetadataBulk', 'retryUserMetadataWithV2', 'enterUserOrganization',
  'copyAsCurl', 'exportMetadata', 'importMetadata',
];

export function registerDesktopOnlyCommands(reason: string): vscode.Disposable[] {
  return DESKTOP_ONLY_COMMANDS.map((id) => vscode.commands.registerCommand(`tokenInspector.${id}`, () => void showWarning(reason)));
}
