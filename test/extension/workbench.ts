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

/** The rows of the side bar's tree drawn right now, as "label description". */
function visibleRows(): Promise<string[]> {
  return bridge.pageEval<string[]>(`[...document.querySelectorAll('.part.sidebar .monaco-list-row')].map((row) =>
      [row.querySelector('.label-name')?.textContent, row.querySelector('.label-description')?.textContent]
        .filter(Boolean).join(' ').trim())`);
}

/**
 * Every row of the Token Inspector tree, as "label description" (distinct texts, top to
 * bottom). The tree only draws the rows on screen, so this pages through it with the keyboard.
 */
export async function treeRows(): Promise<string[]> {
  await vscode.commands.executeCommand('tokenInspector.tokens.focus');
  await bridge.press('Home');
  const rows: string[] = [];
  // Stop after two pages in a row brought nothing new (the list repaints a moment after a key).
  for (let page = 0, idle = 0; page < 40 && idle < 2; page++) {
    const before = rows.length;
    for (const row of await visibleRows()) if (!rows.includes(row)) rows.push(row);
    idle = rows.length === before ? idle + 1 : 0;
    await bridge.press('PageDown');
    await new Promise((r) => setTimeout(r, 100));
  }
  await bridge.press('Home');
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
