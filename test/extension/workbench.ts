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

/** The two views of the Token Inspector container: their ids and the names their lists carry. */
export const VIEWS = {
  sessions: { id: 'tokenInspector.sessions', name: 'Sessions' },
  tokens: { id: 'tokenInspector.tokens', name: 'Decoded Tokens' },
} as const;
export type ViewKey = keyof typeof VIEWS;

/** The rows of one view's tree drawn right now, as "label description". */
function visibleRows(view: ViewKey): Promise<string[]> {
  return bridge.pageEval<string[]>(`[...document.querySelectorAll('.part.sidebar .monaco-list[aria-label=${JSON.stringify(VIEWS[view].name)}] .monaco-list-row')].map((row) =>
      [row.querySelector('.label-name')?.textContent, row.querySelector('.label-description')?.textContent]
        .filter(Boolean).join(' ').trim())`);
}

/**
 * Every row of the Token Inspector views (Sessions first, then Decoded Tokens, or only the ones
 * named), as "label description" (distinct texts, top to bottom). A tree draws only the rows on
 * screen, so this pages through each with the keyboard.
 */
export async function treeRows(views: ViewKey[] = ['sessions', 'tokens']): Promise<string[]> {
  const rows: string[] = [];
  for (const view of views) {
    await vscode.commands.executeCommand(`${VIEWS[view].id}.focus`);
    await bridge.press('Home');
    // Stop after two pages in a row brought nothing new (the list repaints a moment after a key).
    for (let page = 0, idle = 0; page < 40 && idle < 2; page++) {
      const before = rows.length;
      for (const row of await visibleRows(view)) if (!rows.includes(row)) rows.push(row);
      idle = rows.length === before ? idle + 1 : 0;
      await bridge.press('PageDown');
      await new Promise((r) => setTimeout(r, 100));
    }
    await bridge.press('Home');
  }
  return rows;
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

/** The access token of a signed-in profile, as Token Inspector holds it (read through Copy as curl with the token). */
export async function sessionAccessToken(profile = 'Demo issuer'): Promise<string> {
  const command = await vscode.commands.executeCommand<string>('tokenInspector.copyAsCurl', profile, { way: 'userinfo', token: 'value' });
  const token = /Authorization: Bearer ([^'"\s]+)/.exec(command ?? '')?.[1];
  if (!token) throw new Error(`no access token for ${profile} in ${command}`);
  return token;
}

/**
 * Waits for a notification whose text matches and clicks its button (or only waits, without one).
 * The headless window shows no toasts: the notification center holds the same notifications.
 */
export async function clickNotificationButton(text: RegExp, button: string | undefined): Promise<void> {
  await waitFor(
    () =>
      bridge.pageEval<string>(`document.querySelector('.notifications-center')?.innerText ?? ''`).then(async (shown) => {
        if (!text.test(shown)) await vscode.commands.executeCommand('notifications.showList');
        return shown;
      }),
    (shown) => text.test(shown) && (button === undefined || shown.includes(button)),
    `a notification matching ${text}`,
  );
  if (button) await bridge.click(`.notifications-center .monaco-button:has-text("${button}")`);
  else await vscode.commands.executeCommand('notifications.clearAll');
}
