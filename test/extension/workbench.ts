// Reading and steering the workbench UI from tests, through the test bridge.
import * as vscode from 'vscode';
import { bridge } from './bridge';

/** Polls `read` until `done` holds (or fails after `timeoutMs` saying what was awaited). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < end) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (e) {
      error = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 2000)}${error ? `; last error: ${error}` : ''}`);
}

/** The visible rows of the tree in the side bar, as "label description". */
export function treeRows(): Promise<string[]> {
  return bridge.pageEval<string[]>(`[...document.querySelectorAll('.part.sidebar .monaco-list-row')].map((row) =>
      [row.querySelector('.label-name')?.textContent, row.querySelector('.label-description')?.textContent]
        .filter(Boolean).join(' ').trim())`);
}

/** Switches the colour theme (by id; `undefined` for the default) and lets the workbench and webviews repaint. */
export async function setTheme(name: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await new Promise((r) => setTimeout(r, 1500));
}

/**
 * Runs "Sign In" for a profile and logs in on the provider page the browser opens, unless the
 * browser is still signed in at the provider (single sign-on), in which case it just finishes.
 */
export async function signInThroughBrowser(profile: string, issuer: string, credentials: { username: string; password: string }): Promise<void> {
  const signingIn = Promise.resolve(vscode.commands.executeCommand('tokenInspector.signIn', profile));
  const form = bridge.popupWaitFor('#username', { urlContains: issuer, timeoutMs: 10_000 }).then(
    () => 'form' as const,
    () => 'no form' as const,
  );
  if ((await Promise.race([signingIn.then(() => 'done' as const), form])) === 'form') {
    await bridge.popupFill('#username', credentials.username, { urlContains: issuer });
    await bridge.popupFill('#password', credentials.password, { urlContains: issuer });
    await bridge.popupClick('button[type=submit]', { urlContains: issuer });
  }
  await signingIn;
}
