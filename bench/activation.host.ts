// Loaded by the real VS Code host as its "tests module" during `npm run bench`: reports how
// long the extension took to activate, as measured by the extension itself.
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ activationTimeMs: number }>('token-inspector.token-inspector');
  if (!extension) throw new Error('token-inspector.token-inspector is not loaded');
  const { activationTimeMs } = await extension.activate();
  console.log(`ACTIVATION_MS=${activationTimeMs.toFixed(2)}`);
}
