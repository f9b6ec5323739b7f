// Signing in for real inside VS Code: the command opens the demo issuer's login page in the
// browser (a new page), the test logs in there, and the tree shows the checked tokens.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { bridge } from './bridge';
import { filesBelow, ourLog } from './files';
import { signInThroughBrowser, treeRows, waitFor } from './workbench';

const PROFILE = 'Demo issuer';
/** A copy of the demo profile, signed in and out before the reload. */
const SIGNED_OUT = 'Sign-out check';
const issuer = process.env.TOKEN_INSPECTOR_DEMO_ISSUER;
const username = process.env.TOKEN_INSPECTOR_DEMO_USERNAME ?? 'demo';
const password = process.env.TOKEN_INSPECTOR_DEMO_PASSWORD ?? 'demo-password';

let idToken = '';
const settings = () => vscode.workspace.getConfiguration('tokenInspector');

describe('Sign-in to the demo issuer', function () {
  before(function () {
    if (!issuer || !bridge.available) this.skip(); // needs the harness's demo issuer and browser
  });

  it('lists the profile from the settings, signed out', async () => {
    await vscode.commands.executeCommand('tokenInspector.sessions.focus');
    await waitFor(() => treeRows(), (rows) => rows.some((r) => r.startsWith(`${PROFILE} not signed in`)), 'the signed-out demo profile');
  });

  it('signs in through the provider page in the browser and shows the checked tokens', async () => {
    await bridge.clearCookies(); // no single sign-on left over from other tests: show the login form
    const signingIn = vscode.commands.executeCommand('tokenInspector.signIn', PROFILE);
    await bridge.popupWaitFor('#username', { urlContains: issuer });
    await bridge.popupFill('#username', username, { urlContains: issuer });
    await bridge.popupFill('#password', password, { urlContains: issuer });
    await bridge.popupClick('button[type=submit]', { urlContains: issuer });
    await signingIn;
    const { text } = await bridge.popupText();
    assert.match(text, /signed in|close this/i, 'the browser shows the success page');

    await vscode.commands.executeCommand('tokenInspector.sessions.focus');
    const signedIn = new RegExp(`^${PROFILE} ${username} · access token expires in`);
    const rows = await waitFor(() => treeRows(), (r) => r.some((row) => signedIn.test(row)) && r.some((row) => row.startsWith('P-ID')), 'the signed-in profile with decoded metadata');
    assert.ok(rows.some((r) => /^ID token checks all passed/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^ID token\b/.test(r)));
    assert.ok(rows.some((r) => /^Refresh token •+/.test(r)), 'refresh token masked');
    assert.ok(rows.some((r) => /^Userinfo \d+ claims · sub matches the ID token/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^P-ID\s*12351983/.test(r)), rows.join('\n'));
    await bridge.screenshot('signed-in-tree');
  });

  it('shows the account in VS Code\'s Accounts menu, through the authentication provider', async () => {
    await bridge.click('.activitybar [aria-label^="Accounts"]');
    try {
      const menu = await waitFor(
        () => bridge.pageEval<string>(`[...document.querySelectorAll('.monaco-menu .action-label, .context-view .action-label')].map((e) => e.textContent).join('\\n')`),
        (text) => text.includes('Token Inspector'),
        'the Token Inspector account in the Accounts menu',
      );
      assert.match(menu, new RegExp(`${username}.*\\(Token Inspector\\)`));
      await bridge.screenshot('accounts-menu');
    } finally {
      await bridge.press('Escape');
    }
  });

  it('opens the ID token in the inspector, with the checklist, and copies it from there', async () => {
    await bridge.click('.part.sidebar .monaco-list-row .label-name >> text="ID token"');
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('12351983'), 'the ID token in the inspector');
    assert.match(dom.text, /ID token checks/);
    assert.match(dom.text, /Every check passed/);
    assert.match(dom.text, /verified with the issuer's key/);
    assert.ok(dom.text.includes(username));
    await bridge.screenshot('signed-in-inspector');
    await bridge.click('button[aria-label="Copy token"]', { frame: 'webview', titleContains: 'Token Inspector' });
    idToken = await waitFor(() => Promise.resolve(vscode.env.clipboard.readText()), (t) => t.split('.').length === 3, 'the ID token on the clipboard');
  });

  it('keeps the tokens in SecretStorage only: not in settings, state or logs', async () => {
    const [, payload, signature] = idToken.split('.');
    assert.ok(payload && signature, 'the ID token copied in the previous test');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration()).includes(signature));
    const stateDir = process.env.TOKEN_INSPECTOR_HOST_STATE_DIR;
    assert.ok(stateDir);
    await new Promise((r) => setTimeout(r, 1000));
    const files = filesBelow(stateDir);
    assert.ok(files.some((f) => f.endsWith('Token Inspector.log')));
    for (const file of files) {
      const content = readFileSync(file).toString('latin1');
      assert.ok(!content.includes(payload) && !content.includes(signature), `ID token found in ${file}`);
    }
  });

  it('refreshes the tokens with the refresh token', async () => {
    await vscode.commands.executeCommand('tokenInspector.refreshTokens', PROFILE);
    await waitFor(async () => ourLog(), (text) => text.includes(`Refreshed the tokens of ${PROFILE}`), 'the refresh in the log');
  });

  it('signs a second profile out before the reload: revoked and forgotten', async () => {
    const profiles = settings().get<object[]>('profiles') ?? [];
    const demo = profiles.find((p) => (p as { name?: string }).name === PROFILE);
    assert.ok(demo, 'the demo profile in the settings');
    await settings().update('profiles', [...profiles, { ...demo, name: SIGNED_OUT }], vscode.ConfigurationTarget.Global);
    await signInThroughBrowser(SIGNED_OUT, issuer!, { username, password });
    await waitFor(() => treeRows(), (rows) => rows.some((r) => r.startsWith(`${SIGNED_OUT} ${username}`)), 'the second profile signed in');
    await vscode.commands.executeCommand('tokenInspector.signOut', SIGNED_OUT);
    await waitFor(() => treeRows(), (rows) => rows.some((r) => r.startsWith(`${SIGNED_OUT} not signed in`)), 'the second profile signed out');
    await waitFor(async () => ourLog(), (text) => text.includes(`Signed out of ${SIGNED_OUT} (tokens revoked)`), 'the sign-out in the log');
  });

  it('@after-reload a profile signed out before the reload stays signed out (its session left SecretStorage)', async function () {
    if (!issuer || !bridge.available) this.skip();
    try {
      await vscode.commands.executeCommand('tokenInspector.tokens.focus');
      const rows = await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${SIGNED_OUT} `)), 'the second profile after the reload');
      assert.ok(rows.some((r) => r.startsWith(`${SIGNED_OUT} not signed in`)), rows.join('\n'));
    } finally {
      const profiles = settings().get<{ name?: string }[]>('profiles') ?? [];
      await settings().update('profiles', profiles.filter((p) => p.name !== SIGNED_OUT), vscode.ConfigurationTarget.Global);
    }
  });

  it('@after-reload is still signed in after a window reload', async function () {
    if (!issuer || !bridge.available) this.skip();
    await vscode.commands.executeCommand('tokenInspector.sessions.focus');
    await waitFor(() => treeRows(), (rows) => rows.some((r) => r.startsWith(PROFILE) && /access token expires/.test(r)), 'the restored session');
  });

  it('@after-reload signs out: tokens revoked and forgotten', async function () {
    if (!issuer || !bridge.available) this.skip();
    await vscode.commands.executeCommand('tokenInspector.signOut', PROFILE);
    await waitFor(() => treeRows(), (rows) => rows.some((r) => r.startsWith(`${PROFILE} not signed in`)), 'the signed-out profile');
    await waitFor(async () => ourLog(), (text) => text.includes(`Signed out of ${PROFILE} (tokens revoked)`), 'the sign-out in the log');
    await bridge.screenshot('signed-out-tree');
  });
});
