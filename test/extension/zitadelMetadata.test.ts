// ZITADEL metadata inside VS Code, against the demo issuer and the ZITADEL API contract server
// the harness runs: my metadata from every source, the audience error and its one-click fix,
// and another user's metadata set and removed. Runs after signIn.test (file order), whose
// session for "Demo issuer" it reuses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './bridge';
import { ourLog } from './files';
import { signInThroughBrowser, treeRows, waitFor } from './workbench';

const PROFILE = 'Demo issuer';
const NO_AUDIENCE = 'Demo issuer (no API audience)';
const issuer = process.env.TOKEN_INSPECTOR_DEMO_ISSUER;
const otherUser = process.env.TOKEN_INSPECTOR_DEMO_OTHER_USER;
const org = process.env.TOKEN_INSPECTOR_DEMO_ORG;
const credentials = { username: process.env.TOKEN_INSPECTOR_DEMO_USERNAME ?? 'demo', password: process.env.TOKEN_INSPECTOR_DEMO_PASSWORD ?? 'demo-password' };

describe('ZITADEL metadata', function () {
  before(async function () {
    if (!issuer || !process.env.TOKEN_INSPECTOR_DEMO_API || !bridge.available) this.skip(); // needs the harness's demo issuer and API
    await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    const rows = await treeRows();
    if (!rows.some((r) => r.startsWith(PROFILE) && /access token expires/.test(r))) await signInThroughBrowser(PROFILE, issuer!, credentials);
  });

  it('lists my metadata from the auth API beside the ID token and userinfo', async () => {
    await vscode.commands.executeCommand('tokenInspector.listMyMetadata', PROFILE, {});
    const rows = await waitFor(() => treeRows(), (r) => r.some((row) => /^Metadata \d+ keys · ID token, userinfo, auth API/.test(row)), 'metadata from three sources');
    assert.ok(rows.some((row) => /^P-ID\s*12351983 · ID token, userinfo, auth API$/.test(row)), rows.join('\n'));
    await bridge.screenshot('metadata-three-sources');
    // The inspector of the ID token shows the same comparison.
    await bridge.click('.part.sidebar .monaco-list-row .label-name >> text="ID token"');
    const dom = await waitFor(
      () => bridge.webviewDom({ titleContains: 'Token Inspector' }),
      (d) => d.text.includes('Metadata across sources') && d.text.includes('auth API'),
      'the metadata comparison in the inspector',
    );
    assert.match(dom.text, /P-ID\s+12351983\s+12351983\s+12351983\s+.*same everywhere/);
    await bridge.screenshot('metadata-inspector');
  });

  it('explains the missing API audience (APP-Zxfako) and fixes it in one click', async () => {
    await signInThroughBrowser(NO_AUDIENCE, issuer!, credentials);
    const listing = Promise.resolve(vscode.commands.executeCommand('tokenInspector.listMyMetadata', NO_AUDIENCE, {}));
    // The headless window shows no toasts: open the notification centre, where the same
    // notification with its button is.
    const button = '.notifications-center .monaco-button:has-text("Add Scope and Sign In Again")';
    await waitFor(() => bridge.pageEval<string>(`document.querySelector('.notifications-center')?.innerText ?? ''`).then(async (text) => {
      if (!/Add Scope and Sign In Again/.test(text)) await vscode.commands.executeCommand('notifications.showList');
      return text;
    }), (text) => /audience/i.test(text) && /Add Scope and Sign In Again/.test(text), 'the audience error with its fix');
    await bridge.screenshot('metadata-audience-error');
    await bridge.click(button);
    // The fix adds the scope to the profile and signs in again (single sign-on: no form).
    await listing;
    const profiles = vscode.workspace.getConfiguration('tokenInspector').get<{ name: string; scopes: string }[]>('profiles') ?? [];
    assert.match(profiles.find((p) => p.name === NO_AUDIENCE)!.scopes, /urn:zitadel:iam:org:project:id:zitadel:aud/);
    await vscode.commands.executeCommand('tokenInspector.listMyMetadata', NO_AUDIENCE, {});
    assert.match(ourLog(), /APP-Zxfako|invalid audience/i);
  });

  it('shows another user\'s metadata, sets a key and removes it', async function () {
    if (!otherUser) this.skip();
    await vscode.commands.executeCommand('tokenInspector.showUserMetadata', PROFILE, { userId: otherUser, orgId: org });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${otherUser} `) && /\d+ keys?\b/.test(row)), 'the other user in the tree');
    const user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
    await vscode.commands.executeCommand('tokenInspector.setUserMetadata', user, { key: 'set-by-test', value: '{"team":"platform"}' });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('set-by-test {"team":"platform"}')), 'the new key');
    await bridge.screenshot('metadata-other-user');
    await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', { userRef: { ...user.userRef, key: 'set-by-test' } }, { confirm: false });
    await waitFor(() => treeRows(), (r) => !r.some((row) => row.startsWith('set-by-test')), 'the key gone');
    assert.match(ourLog(), new RegExp(`Removed metadata key "set-by-test" of user ${otherUser}`));
  });

  it('sets and removes several keys of another user at once', async function () {
    if (!otherUser) this.skip();
    const user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
    await vscode.commands.executeCommand('tokenInspector.setUserMetadataBulk', user, { entries: { 'bulk-a': 'one', 'bulk-b': { n: 2 } } });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('bulk-a one')) && r.some((row) => row.startsWith('bulk-b {"n":2}')), 'both new keys');
    await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', user, { keys: ['bulk-a', 'bulk-b'], confirm: false });
    await waitFor(() => treeRows(), (r) => !r.some((row) => row.startsWith('bulk-')), 'both keys gone');
    assert.match(ourLog(), new RegExp(`Set 2 metadata keys of user ${otherUser}[\\s\\S]*Removed 2 metadata keys of user ${otherUser}`));
  });
});
