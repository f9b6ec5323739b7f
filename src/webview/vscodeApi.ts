// The webview's only channel to the extension.
import { setIcon } from './dom';
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
  setIcon(glyph, 'check');
  button.classList.add('copied');
  setTimeout(() => {
    setIcon(glyph, 'copy');
    button.classList.remove('copied');
  }, 1500);
}
