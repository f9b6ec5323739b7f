// The one place messages reach the user. Every text goes through src/core/text first:
// notification and validation messages can hold no link (VS Code turns `[x](command:…)` in
// them into a link that runs the command), quick-pick and status-bar texts no icon syntax,
// and hidden characters are shown. Our own sentences pass through unchanged.
import * as vscode from 'vscode';
import { inline, messageText, noIcons } from '../../core/text';

type Show = (message: string, ...items: string[]) => Thenable<string | undefined>;

/** Shows a message; resolves with the action chosen, as the caller named it. */
async function show(fn: Show, message: string, actions: string[]): Promise<string | undefined> {
  const labels = actions.map(actionLabel);
  const choice = await fn(messageText(message), ...labels);
  return choice === undefined ? undefined : actions[labels.indexOf(choice)];
}

export function showError(message: string, ...actions: string[]): Promise<string | undefined> {
  return show((m, ...items) => vscode.window.showErrorMessage(m, ...items), message, actions);
}

export function showWarning(message: string, ...actions: string[]): Promise<string | undefined> {
  return show((m, ...items) => vscode.window.showWarningMessage(m, ...items), message, actions);
}

export function showInfo(message: string, ...actions: string[]): Promise<string | undefined> {
  return show((m, ...items) => vscode.window.showInformationMessage(m, ...items), message, actions);
}

/** A modal question; true when the user chose `action`. A question that cannot be shown (a test host refuses dialogs) is a no. */
export async function confirm(message: string, detail: string, action: string): Promise<boolean> {
  const label = actionLabel(action);
  try {
    return (await vscode.window.showWarningMessage(messageText(message), { modal: true, detail: messageText(detail) }, label)) === label;
  } catch {
    return false;
  }
}

/** A short status-bar message after something succeeded: `icon` is ours, `text` may hold untrusted parts. */
export function flash(icon: string, text: string, ms: number): void {
  vscode.window.setStatusBarMessage(`$(${icon}) ${statusText(text)}`, ms);
}

/** Text for the status bar and quick picks (they render `$(icon)`): one line, clipped, literal. */
export function statusText(text: string, max = 120): string {
  return noIcons(inline(text, max));
}

/** A progress title or input-box validation message (both can render links). */
export function progressText(text: string): string {
  return messageText(text, 300);
}

/** Button labels are short plain text; one built from untrusted content is clipped and made visible. */
function actionLabel(label: string): string {
  return inline(label, 60);
}
