// What the harness (test/host/run-tests.mjs --web) tells the tests: it writes the variables the
// desktop tests get from their environment into the workspace, since a web worker has none.
import * as vscode from 'vscode';
import { useBridge } from '../extension/bridge';

export async function harnessSettings(): Promise<Record<string, string> | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return undefined;
  try {
    const settings = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.token-inspector-test.json')))) as Record<string, string>;
    if (settings.TOKEN_INSPECTOR_TEST_BRIDGE) useBridge(settings.TOKEN_INSPECTOR_TEST_BRIDGE);
    return settings;
  } catch {
    return undefined;
  }
}
