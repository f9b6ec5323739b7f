// Sign-in in the real VS Code against providers we did not write, each in its own process on
// loopback: oauth2-mock-server (npm) and glewlwyd (Debian). Its authorization endpoint has no login page and redirects the
// browser straight back to our loopback receiver. Then Sign Out with the provider session ended
// (RP-initiated logout) in the same browser.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startGlewlwyd } from '../support/providers/glewlwyd';
import { startMockServer } from '../support/providers/mockServer';
import type { InteropProvider } from '../support/providers/types';
import { bridge } from './bridge';
import { treeRows, waitFor } from './workbench';

const PROFILE = 'oauth2-mock-server';

describe('Sign-in to oauth2-mock-server (an independent provider) in the real VS Code', function () {
  this.timeout(60_000);
  let provider: InteropProvider | undefined;
  let profilesBefore: unknown;
  const config = () => vscode.workspace.getConfiguration('tokenInspector');

  before(async function () {
    if (!bridge.available) this.skip(); // needs the harness's browser
    provider = await startMockServer();
    profilesBefore = config().inspect('profiles')?.globalValue;
    const profiles = Array.isArray(profilesBefore) ? profilesBefore : [];
    await config().update('profiles', [...profiles, { name: PROFILE, issuer: provider.issuer, clientId: provider.publicClient, scopes: 'openid profile offline_access' }], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    if (!provider) return;
    await config().update('profiles', profilesBefore, vscode.ConfigurationTarget.Global);
    await config().update('signOut.endProviderSession', undefined, vscode.ConfigurationTarget.Global);
    await bridge.closePopups();
    await provider.stop();
  });

  it('signs in through the browser and shows the checked tokens and userinfo', async () => {
    await vscode.commands.executeCommand('tokenInspector.signIn', PROFILE);
    const { text } = await bridge.popupText({ urlContains: '/done' });
    assert.match(text, /^Signed in at the provider\n[\s\S]*You can close this tab/, 'the browser ends on our success page');
    assert.ok(text.includes(`Issuer\n${provider!.issuer}`), `the page names the issuer: ${text}`);
    const rows = await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${PROFILE} johndoe`)), 'the signed-in mock-server profile');
    assert.ok(rows.some((r) => /^ID token checks all passed/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^Userinfo \d+ claims? · sub matches the ID token/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^Refresh token •+/.test(r)), 'a refresh token (offline_access with prompt=consent)');
    await bridge.screenshot('interop-mock-server-signed-in');
  });

  it('Sign Out also ends the provider session when the setting asks, back at a loopback page', async () => {
    await bridge.closePopups();
    await config().update('signOut.endProviderSession', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('tokenInspector.signOut', PROFILE);
    const { text } = await bridge.popupText({ urlContains: '/done' });
    assert.match(text, /^Signed out at the provider\n[\s\S]*You can close this tab/);
    assert.ok(text.includes(`Issuer\n${provider!.issuer}`), `the page names the issuer: ${text}`);
    const popups = await bridge.popups();
    const logout = popups.flatMap((p) => p.requestedUrls).find((u) => u.includes('/endsession?'));
    assert.ok(logout, popups.map((p) => p.requestedUrls.join(' ')).join('\n'));
    const params = new URL(logout).searchParams;
    assert.ok(params.get('id_token_hint'), 'id_token_hint sent');
    assert.match(params.get('post_logout_redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/signed-out$/);
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${PROFILE} not signed in`)), 'the signed-out profile');
  });
});

/** The text of every notification, opening the notification centre (the headless window shows no toasts). */
async function notificationsShowing(pattern: RegExp, what: string): Promise<string> {
  return waitFor(
    () =>
      bridge.pageEval<string>(`document.querySelector('.notifications-center')?.innerText ?? ''`).then(async (text) => {
        if (!pattern.test(text)) await vscode.commands.executeCommand('notifications.showList');
        return text;
      }),
    (text) => pattern.test(text),
    what,
  );
}

describe('Sign-in to glewlwyd (compares loopback ports) in the real VS Code', function () {
  this.timeout(90_000);
  const NAME = 'glewlwyd';
  let provider: InteropProvider | undefined;
  let profilesBefore: unknown;
  const config = () => vscode.workspace.getConfiguration('tokenInspector');

  before(async function () {
    if (!bridge.available) this.skip();
    provider = await startGlewlwyd();
    profilesBefore = config().inspect('profiles')?.globalValue;
    const profiles = Array.isArray(profilesBefore) ? profilesBefore : [];
    await config().update('profiles', [...profiles, { name: NAME, issuer: provider.issuer, clientId: provider.publicClient, scopes: 'openid profile offline_access' }], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    if (!provider) return;
    await config().update('profiles', profilesBefore, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    await bridge.closePopups();
    await provider.stop();
  });

  it('offers a fixed port when the provider refuses the redirect URI, and signs in through it', async () => {
    const signingIn = Promise.resolve(vscode.commands.executeCommand('tokenInspector.signIn', NAME));
    const text = await notificationsShowing(/Use a Fixed Port…[\s\S]*Use a Device Code Instead|Use a Device Code Instead[\s\S]*Use a Fixed Port…/, 'the redirect URI error with its two ways out');
    assert.match(text, /refused the sign-in request before showing its login page \(HTTP 403\)/);
    const sentToProvider = (await bridge.popups()).some((p) => p.requestedUrls.some((u) => u.startsWith(provider!.issuer)));
    assert.equal(sentToProvider, false, 'the browser was not sent to the error page');
    await bridge.screenshot('interop-glewlwyd-redirect-refused');

    await bridge.click('.notifications-center .monaco-button:has-text("Use a Fixed Port…")');
    await bridge.waitFor('.quick-input-widget input', { state: 'visible' });
    await bridge.press('Control+a');
    await bridge.type(String(provider!.redirectPort));
    await bridge.press('Enter');
    await waitFor(async () => (config().get<{ name: string; redirectPort?: number }[]>('profiles') ?? []).find((p) => p.name === NAME)?.redirectPort, (port) => port === provider!.redirectPort, 'the fixed port saved in the profile');
    const registered = `http://127.0.0.1:${provider!.redirectPort}/callback`;
    await notificationsShowing(new RegExp(`now signs in through ${registered.replace(/[.]/g, '\\.')}`), 'what to register, with Sign In');
    await bridge.screenshot('interop-glewlwyd-fixed-port');

    // Sign in from there: the fixed port is accepted; glewlwyd's login page (a JavaScript app)
    // opens in the browser, and the test logs in through glewlwyd's login API as that page would.
    await bridge.click('.notifications-center .notification-list-item:has-text("now signs in through") .monaco-button:has-text("Sign In")');
    const authorize = await waitFor(
      async () => (await bridge.popups()).flatMap((p) => p.requestedUrls).find((u) => u.startsWith(`${provider!.issuer}/auth?`)),
      (u) => !!u,
      'the authorization request in the browser',
    );
    const callback = await provider!.login(authorize!);
    assert.equal(callback.port, String(provider!.redirectPort));
    await (await fetch(callback)).text();
    await signingIn;
    const rows = await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${NAME} `) && /access token expires/.test(row)), 'the signed-in glewlwyd profile');
    assert.ok(rows.some((r) => /^ID token checks all passed/.test(r)), rows.join('\n'));
  });

  it('Sign Out where the provider refuses revocation: removed here, and until when the token stays valid', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('tokenInspector.signOut', NAME);
    const text = await notificationsShowing(/Signed out of glewlwyd here/, 'the sign-out warning');
    assert.match(text, /tokens were removed from this computer/);
    assert.match(text, /requires client authentication there \(client_secret_basic\)/);
    assert.match(text, /stays valid at the provider until \d{4}-\d\d-\d\dT/);
    await bridge.screenshot('interop-glewlwyd-signed-out');
  });
});
