// Restores the inspector after a window reload. VS Code keeps the webview's state in plain
// storage, so that state holds only the token's fingerprint (see InspectorState); the token
// comes from SecretStorage again, and when it is gone the panel says so instead.
import * as vscode from 'vscode';
import { readInspectorState } from '../../webview/protocol';
import { describeThrown, type Log } from '../ui/log';
import { inspectorContent, type InspectorSources } from './inspectorContent';
import { InspectorPanel } from './inspectorPanel';

export function registerInspectorSerializer(extensionUri: vscode.Uri, sources: InspectorSources, log: Log): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(InspectorPanel.viewType, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const restored = readInspectorState(state);
      const content = restored && (await inspectorContent(restored.fingerprint, sources).catch((e: unknown) => {
        log.error(`Inspector: looking up token ${restored.fingerprint} after a reload failed: ${describeThrown(e)}`);
        return undefined;
      }));
      log.info(restored ? `Inspector restored after a reload: token ${restored.fingerprint} ${content ? 'found' : 'no longer stored'}` : 'Inspector restored after a reload without a token to show');
      InspectorPanel.restore(panel, extensionUri, content, log);
    },
  });
}
