// ZITADEL metadata inside VS Code, against the demo issuer and the ZITADEL API contract server
// the harness runs: my metadata from every source, the audience error and its one-click fix,
// another user's metadata set and removed (one key and several; a key with "/") through the user
// service v2 and through the management v1 fallback of an instance without it, and a user of
// another organization found with the organization retry. Runs after signIn.test (file order),
// whose session for "Demo issuer" it reuses; runs twice (before and after a window reload), so
// each test leaves the contract server as it found it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge, type ZitadelApiRequest } from './bridge';
import { ourLog } from './files';
import { clickNotificationButton, signInThroughBrowser, treeRows, waitFor } from './workbench';

const PROFILE = 'Demo issuer';
const NO_AUDIENCE = 'Demo issuer (no API audience)';
const issuer = process.env.TOKEN_INSPECTOR_DEMO_ISSUER;
const otherUser = process.env.TOKEN_INSPECTOR_DEMO_OTHER_USER;
const org = process.env.TOKEN_INSPECTOR_DEMO_ORG;
const otherOrgUser = process.env.TOKEN_INSPECTOR_DEMO_OTHER_ORG_USER;
const otherOrg = process.env.TOKEN_INSPECTOR_DEMO_OTHER_ORG;
const credentials = { username: process.env.TOKEN_INSPECTOR_DEMO_USERNAME ?? 'demo', password: process.env.TOKEN_INSPECTOR_DEMO_PASSWORD ?? 'demo-password' };

describe('ZITADEL metadata', function () {
  before(async function () {
    if (!issuer || !process.env.TOKEN_INSPECTOR_DEMO_API || !bridge.available) this.skip(); // needs the harness's demo issuer and API
    await vscode.commands.executeCommand('tokenInspector.sessions.focus');
    const rows = await treeRows();
    if (!rows.some((r) => r.startsWith(PROFILE) && /access token expires/.test(r))) await signInThroughBrowser(PROFILE, issuer!, credentials);
  });

  it('lists my metadata from the auth API beside the ID token and userinfo', async () => {
    await vscode.commands.executeCommand('tokenInspector.listMyMetadata', PROFILE, {});
    const rows = await waitFor(() => treeRows(), (r) => r.some((row) => /^Metadata \d+ keys · ID token, userinfo, auth API/.test(row)), 'metadata from three sources');
    // The auth API's entry adds when it changed and which organization owns it.
    assert.ok(rows.some((row) => new RegExp(`^P-ID\\s*12351983 · ID token, userinfo, auth API · changed \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC · owner ${org}$`).test(row)), rows.join('\n'));
    await bridge.screenshot('metadata-three-sources');
    // The inspector of the ID token shows the same comparison.
    await bridge.click('.part.sidebar .monaco-list-row .label-name >> text="ID token"');
    // (An inspector left open by an earlier test shows the comparison without the auth API until it updates.)
    const row = /P-ID\s+12351983\s+12351983\s+12351983\s+.*same everywhere\s+changed \d{4}-\d\d-\d\d \d\d:\d\d UTC · owner \d+/;
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('Metadata across sources') && row.test(d.text), 'the metadata comparison with the auth API in the inspector');
    assert.match(dom.text, /Auth API: changed, owner/i);
    await bridge.evalInWebview(`document.querySelector('#metadata-sources')?.scrollIntoView()`, { titleContains: 'Token Inspector' });
    await bridge.screenshot('metadata-sources-facts');
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

  it('shows another user\'s metadata, sets a key and removes it through the user service v2', async function () {
    if (!otherUser) this.skip();
    const since = await requestCount();
    await vscode.commands.executeCommand('tokenInspector.showUserMetadata', PROFILE, { userId: otherUser, orgId: org });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${otherUser} `) && /\d+ keys?\b/.test(row)), 'the other user in the tree');
    const user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
    await vscode.commands.executeCommand('tokenInspector.setUserMetadata', user, { key: 'set-by-test', value: '{"team":"platform"}' });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('set-by-test {"team":"platform"}')), 'the new key');
    await bridge.screenshot('metadata-other-user');
    await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', { userRef: { ...user.userRef, key: 'set-by-test' } }, { confirm: false });
    await waitFor(() => treeRows(), (r) => !r.some((row) => row.startsWith('set-by-test')), 'the key gone');
    assert.match(ourLog(), new RegExp(`Removed metadata key "set-by-test" of user ${otherUser}`));
    const sent = await requestsSince(since);
    // The v2 DELETE has no body mapping: the key travels as a query parameter.
    assert.ok(sent.some((r) => r.method === 'DELETE' && r.url === `/v2/users/${otherUser}/metadata?keys=set-by-test` && r.body === '' && r.status === 200), listed(sent));
    assert.ok(sent.every((r) => !r.url.startsWith('/management/')), 'no fallback');
    assert.match((await treeRows()).find((row) => row.startsWith(`${otherUser} `))!, /\d+ keys? · org \d+ · v2$/);
  });

  it('sets and removes several keys of another user at once', async function () {
    if (!otherUser) this.skip();
    const user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
    await vscode.commands.executeCommand('tokenInspector.setUserMetadataBulk', user, { entries: { 'bulk-a': 'one', 'bulk-b': { n: 2 } } });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('bulk-a one')) && r.some((row) => row.startsWith('bulk-b {"n":2}')), 'both new keys');
    const since = await requestCount();
    await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', user, { keys: ['bulk-a', 'bulk-b'], confirm: false });
    await waitFor(() => treeRows(), (r) => !r.some((row) => row.startsWith('bulk-')), 'both keys gone');
    assert.match(ourLog(), new RegExp(`Set 2 metadata keys of user ${otherUser}[\\s\\S]*Removed 2 metadata keys of user ${otherUser}`));
    const sent = await requestsSince(since);
    assert.ok(sent.some((r) => r.method === 'DELETE' && r.url === `/v2/users/${otherUser}/metadata?keys=bulk-a&keys=bulk-b` && r.status === 200), listed(sent));
  });

  it('sets and removes a key containing "/" (it cannot travel in a URL path)', async function () {
    if (!otherUser) this.skip();
    const user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
    const since = await requestCount();
    await vscode.commands.executeCommand('tokenInspector.setUserMetadata', user, { key: 'paths/home', value: '/home/demo' });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('paths/home /home/demo')), 'the key with "/"');
    await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', { userRef: { ...user.userRef, key: 'paths/home' } }, { confirm: false });
    await waitFor(() => treeRows(), (r) => !r.some((row) => row.startsWith('paths/home')), 'the key with "/" gone');
    const sent = await requestsSince(since);
    assert.ok(sent.some((r) => r.method === 'POST' && r.url === `/v2/users/${otherUser}/metadata` && r.body.includes('"paths/home"')), listed(sent));
    assert.ok(sent.some((r) => r.method === 'DELETE' && r.url === `/v2/users/${otherUser}/metadata?keys=paths%2Fhome` && r.status === 200), listed(sent));
  });

  describe('an instance without the user service v2 (management API v1)', () => {
    before(async function () {
      if (!otherUser) this.skip();
      await bridge.zitadelApi({ v2: false });
    });
    after(() => bridge.zitadelApi({ v2: true }));

    it('falls back to v1 for listing, setting and removing one key and several, "/" included', async () => {
      const user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
      const since = await requestCount();
      await vscode.commands.executeCommand('tokenInspector.refreshUserMetadata', user);
      await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${otherUser} `) && row.endsWith('· v1')), 'the user listed through v1');
      await vscode.commands.executeCommand('tokenInspector.setUserMetadata', user, { key: 'v1-single', value: 'one' });
      await vscode.commands.executeCommand('tokenInspector.setUserMetadataBulk', user, { entries: { 'v1-a': 'a', 'v1/b': 'b' } });
      await waitFor(() => treeRows(), (r) => ['v1-single one', 'v1-a a', 'v1/b b'].every((k) => r.some((row) => row.startsWith(k))), 'the keys set through v1');
      await bridge.screenshot('metadata-v1-fallback');
      await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', { userRef: { ...user.userRef, key: 'v1-single' } }, { confirm: false });
      await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', user, { keys: ['v1-a', 'v1/b'], confirm: false });
      await waitFor(() => treeRows(), (r) => !r.some((row) => row.startsWith('v1-') || row.startsWith('v1/')), 'the keys removed through v1');
      const sent = await requestsSince(since);
      const base = `/management/v1/users/${otherUser}/metadata`;
      assert.equal(sent[0].status, 404, `the remembered v2 is tried first: ${listed(sent)}`);
      assert.ok(sent[0].url.startsWith('/v2/'));
      for (const [method, url, body] of [
        ['POST', `${base}/_search`, undefined],
        ['POST', `${base}/v1-single`, '{"value":"b25l"}'],
        ['POST', `${base}/_bulk`, '{"metadata":[{"key":"v1-a","value":"YQ=="},{"key":"v1/b","value":"Yg=="}]}'],
        ['DELETE', `${base}/v1-single`, ''],
        ['DELETE', `${base}/_bulk`, '{"keys":["v1-a","v1/b"]}'],
      ] as const) {
        assert.ok(sent.some((r) => r.method === method && r.url === url && r.status === 200 && (body === undefined || r.body === body)), `${method} ${url} ${body ?? ''}\n${listed(sent)}`);
      }
      assert.ok(sent.filter((r) => r.url.startsWith('/management/')).every((r) => r.orgId === org), 'the organization on every v1 call');
      assert.equal(sent.filter((r) => r.url.startsWith('/v2/')).length, 1, 'v1 remembered after the first 404');
    });

    it('explains the empty list of a user of another organization and retries with its id in one click', async function () {
      if (!otherOrgUser || !otherOrg) this.skip();
      const listing = Promise.resolve(vscode.commands.executeCommand('tokenInspector.showUserMetadata', PROFILE, { userId: otherOrgUser }));
      await clickNotificationButton(/is not in your own organization/, 'Enter Organization ID…');
      await bridge.waitFor(`.quick-input-widget:has-text("Organization of user ${otherOrgUser}") input`, { state: 'visible' });
      await bridge.type(otherOrg);
      await bridge.press('Enter');
      await listing;
      await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${otherOrgUser} 2 keys · org ${otherOrg} · v1`)), 'the user found in its organization');
      const rows = await treeRows(); // read again: a read while the tree repaints can hold rows of both states
      assert.ok(rows.some((row) => /^team\/lead Ada · changed .* UTC · owner 190957560872829185$/.test(row)), rows.join('\n'));
      assert.ok(!rows.some((row) => row.startsWith(`${otherOrgUser} not found`)), 'the not-found node is replaced');
      await bridge.screenshot('metadata-other-organization');
    });

    it('"Retry with the User Service v2" asks the instance again', async () => {
      const user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
      const still = Promise.resolve(vscode.commands.executeCommand('tokenInspector.retryUserMetadataWithV2', user));
      await clickNotificationButton(/still has no user service v2/, undefined);
      await still;
      await bridge.zitadelApi({ v2: true });
      const since = await requestCount();
      await vscode.commands.executeCommand('tokenInspector.retryUserMetadataWithV2', user);
      await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${otherUser} `) && row.endsWith('· v2')), 'the user listed through v2 again');
      const sent = await requestsSince(since);
      assert.equal(sent[0].url, `/v2/users/${otherUser}/metadata/search`);
      assert.equal(sent[0].status, 200);
      // Leave the window remembering v1 while the instance has v2 again: the next window must ask anew.
      await bridge.zitadelApi({ v2: false });
      await vscode.commands.executeCommand('tokenInspector.refreshUserMetadata', user);
      await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${otherUser} `) && row.endsWith('· v1')), 'v1 remembered again');
    });
  });

  it('a new window asks the instance again which API it serves @after-reload', async function () {
    if (!otherUser) this.skip();
    // signIn.test signs "Demo issuer" out after the reload (file order): sign in again.
    await signInThroughBrowser(PROFILE, issuer!, credentials);
    const since = await requestCount();
    await vscode.commands.executeCommand('tokenInspector.showUserMetadata', PROFILE, { userId: otherUser, orgId: org });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${otherUser} `) && row.endsWith('· v2')), 'the user listed through v2');
    const sent = await requestsSince(since);
    assert.deepEqual(sent.map((r) => `${r.method} ${r.url} ${r.status}`), [`POST /v2/users/${otherUser}/metadata/search 200`]);
  });
});

/** How many requests the contract server has received so far. */
async function requestCount(): Promise<number> {
  return (await bridge.zitadelApi()).count;
}

async function requestsSince(since: number): Promise<ZitadelApiRequest[]> {
  return (await bridge.zitadelApi({ since })).requests;
}

function listed(requests: ZitadelApiRequest[]): string {
  return requests.map((r) => `${r.method} ${r.url} ${r.status} ${r.body}`).join('\n');
}
