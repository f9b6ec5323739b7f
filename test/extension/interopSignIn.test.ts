// Sign-in in the real VS Code against a provider we did not write: oauth2-mock-server (npm), in
// its own process on loopback. Its authorization endpoint has no login page and redirects the
// browser straight back to our loopback receiver. Then Sign Out with the provider session ended
// (RP-initiated logout) in the same browser.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
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
    assert.match(text, /reached VS Code/, 'the browser ends on our success page');
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
    assert.match(text, /signed out at the identity provider/);
    const popups = await bridge.popups();
    const logout = popups.flatMap((p) => p.requestedUrls).find((u) => u.includes('/endsession?'));
    assert.ok(logout, popups.map((p) => p.requestedUrls.join(' ')).join('\n'));
    const params = new URL(logout).searchParams;
    assert.ok(params.get('id_token_hint'), 'id_token_hint sent');
    assert.match(params.get('post_logout_redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/signed-out$/);
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${PROFILE} not signed in`)), 'the signed-out profile');
  });
});
