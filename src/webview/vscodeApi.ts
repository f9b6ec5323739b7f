// The webview's only channel to the extension.
import type { CopyTarget, FromWebview, InspectorState } from './protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  /** Persisted by VS Code in plain storage for the panel's restore after a reload. */
  setState(state: InspectorState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode = acquireVsCodeApi();

/** Asks the extension to copy; the button shows a check mark for a moment. */
export function copy(target: CopyTarget, button: HTMLButtonElement): void {
  vscode.postMessage({ type: 'copy', ...target } as FromWebview);
  const glyph = button.querySelector('.codicon');
  if (!glyph) return;
  glyph.classList.replace('codicon-copy', 'codicon-check');
  button.classList.add('copied');
  setTimeout(() => {
    glyph.classList.replace('codicon-check', 'codicon-copy');
    button.classList.remove('copied');
  }, 1500);
}
