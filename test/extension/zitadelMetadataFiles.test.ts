// Export and Import Metadata inside VS Code (issue 12), against the ZITADEL API contract server,
// after signIn.test (file order):
// another user's metadata exported as decoded JSON; a file imported into that user with the
// preview (added, changed, unchanged, refused) shown before anything is written, and only the
// added and changed keys written. The user is left as found.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './bridge';
import { clickNotificationButton, signInThroughBrowser, treeRows, waitFor } from './workbench';

const PROFILE = 'Demo issuer';
const issuer = process.env.TOKEN_INSPECTOR_DEMO_ISSUER;
const otherUser = process.env.TOKEN_INSPECTOR_DEMO_OTHER_USER;
const org = process.env.TOKEN_INSPECTOR_DEMO_ORG;
const credentials = { username: process.env.TOKEN_INSPECTOR_DEMO_USERNAME ?? 'demo', password: process.env.TOKEN_INSPECTOR_DEMO_PASSWORD ?? 'demo-password' };

/** A metadata search: POST …/metadata/search (user service v2) or …/metadata/_search (management v1, auth API). */
const isSearch = (r: { method: string; url: string }) => r.method === 'POST' && /\/_?search$/.test(r.url);

describe('Export and Import Metadata', () => {
  let user: { userRef: { profile: string; userId: string; orgId?: string } };
  let folder: vscode.Uri;
  const write = (name: string, value: unknown) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), new TextEncoder().encode(JSON.stringify(value, null, 2)));

  before(async function () {
    if (!issuer || !otherUser || !bridge.available || !vscode.workspace.workspaceFolders?.length) this.skip();
    folder = vscode.workspace.workspaceFolders![0].uri;
    await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    if (!(await treeRows()).some((r) => r.startsWith(PROFILE) && /access token expires/.test(r))) await signInThroughBrowser(PROFILE, issuer!, credentials);
    await vscode.commands.executeCommand('tokenInspector.showUserMetadata', PROFILE, { userId: otherUser, orgId: org });
    user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
  });

  it("exports another user's metadata as JSON with decoded values", async () => {
    const uri = vscode.Uri.joinPath(folder, 'exported.json');
    assert.equal(await vscode.commands.executeCommand('tokenInspector.exportMetadata', user, { uri }), uri.toString());
    const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    assert.equal(file.format, 'token-inspector.zitadel-metadata');
    assert.equal(file.userId, otherUser);
    assert.deepEqual(file.metadata, [
      { key: 'cost-center', value: 'CC-4711' },
      { key: 'department', value: 'Finance' },
      { key: 'locale', value: 'de-CH' },
    ]);
  });

  it('imports with a preview first: only the added and changed keys are written, when chosen', async () => {
    await write('import.json', {
      metadata: [
        { key: 'department', value: 'Finance' },
        { key: 'locale', value: 'fr-CH' },
        { key: 'imported-key', json: { team: 'platform' } },
        { key: 'empty-key', value: '' },
      ],
    });
    const since = (await bridge.zitadelApi()).count;
    const importing = Promise.resolve(vscode.commands.executeCommand<{ writes: { key: string }[] }>('tokenInspector.importMetadata', user, { uri: vscode.Uri.joinPath(folder, 'import.json') }));
    // The preview: nothing has been written while it shows.
    await bridge.waitFor('.quick-input-widget:has-text("Write 2 keys")', { state: 'visible' });
    const preview = await waitFor(
      () => bridge.pageEval<string>(`document.querySelector('.quick-input-widget')?.innerText ?? ''`),
      (t) => /Refused/.test(t) && /Unchanged/.test(t),
      'the whole preview',
    );
    assert.match(preview, /1 added, 1 changed, 1 unchanged, 1 refused/);
    assert.match(preview, /imported-key\s*\{"team":"platform"\}/);
    assert.match(preview, /locale\s*de-CH → fr-CH/);
    assert.match(preview, /empty-key[\s\S]*The value of "empty-key" is empty/);
    await bridge.screenshot('import-preview');
    assert.deepEqual((await bridge.zitadelApi({ since })).requests.filter((r) => !isSearch(r)), [], 'only reads so far');
    await bridge.press('Enter'); // the first row: "Write 2 keys"
    const plan = await importing;
    assert.deepEqual(plan.writes.map((w) => w.key), ['locale', 'imported-key']);
    // One write, through the user service v2 or (where an earlier suite left this window on it) management v1's bulk set.
    const sets = (await bridge.zitadelApi({ since })).requests.filter((r) => /\/(Bulk)?SetUserMetadata$/.test(r.rpc ?? ''));
    assert.equal(sets.length, 1);
    assert.deepEqual(JSON.parse(sets[0].body).metadata.map((m: { key: string }) => m.key), ['locale', 'imported-key']);
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('imported-key {"team":"platform"}')) && r.some((row) => row.startsWith('locale fr-CH')), 'the imported keys in the tree');
    // Leave the user as found.
    await vscode.commands.executeCommand('tokenInspector.setUserMetadata', user, { key: 'locale', value: 'de-CH' });
    await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', { userRef: { ...user.userRef, key: 'imported-key' } }, { confirm: false });
  });

  it('writes nothing when the preview is closed', async () => {
    await write('import-canceled.json', { 'canceled-key': 'x' });
    const since = (await bridge.zitadelApi()).count;
    const importing = Promise.resolve(vscode.commands.executeCommand('tokenInspector.importMetadata', user, { uri: vscode.Uri.joinPath(folder, 'import-canceled.json') }));
    await bridge.waitFor('.quick-input-widget:has-text("Write 1 key")', { state: 'visible' });
    await bridge.press('Escape');
    await importing;
    assert.deepEqual((await bridge.zitadelApi({ since })).requests.filter((r) => !isSearch(r)), []);
  });

  it('explains a file that is not metadata', async () => {
    await write('not-metadata.json', 42);
    await vscode.commands.executeCommand('notifications.clearAll');
    void vscode.commands.executeCommand('tokenInspector.importMetadata', user, { uri: vscode.Uri.joinPath(folder, 'not-metadata.json') });
    await clickNotificationButton(/The file holds 42, not metadata/, undefined);
  });
});
