// The ZITADEL walkthrough (contributes.walkthroughs) in VS Code's Welcome page: each step is
// ticked by what really happened, not by a click. Runs after the sign-in tests (file order): a
// token was decoded, issuer profiles exist and "Demo issuer" signed in with the metadata scope, so
// the first three steps are done; listing my metadata and writing another user's are not yet.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './bridge';
import { signInThroughBrowser, treeRows, waitFor } from './workbench';

const WALKTHROUGH = 'token-inspector.token-inspector#zitadelMetadata';
const PROFILE = 'Demo issuer';
const issuer = process.env.TOKEN_INSPECTOR_DEMO_ISSUER;
const otherUser = process.env.TOKEN_INSPECTOR_DEMO_OTHER_USER;
const org = process.env.TOKEN_INSPECTOR_DEMO_ORG;
const credentials = { username: process.env.TOKEN_INSPECTOR_DEMO_USERNAME ?? 'demo', password: process.env.TOKEN_INSPECTOR_DEMO_PASSWORD ?? 'demo-password' };

/** Each step of the open walkthrough (by its id in package.json) and whether it is ticked. */
function steps(): Promise<Record<string, boolean>> {
  return bridge.pageEval<Record<string, boolean>>(`Object.fromEntries([...document.querySelectorAll('button.getting-started-step[data-step-id]')]
    .map((b) => [b.getAttribute('data-step-id').split('#').pop(), b.getAttribute('aria-checked') === 'true']))`);
}

const ticked = (step: string, done: boolean) => waitFor(steps, (s) => s[step] === done, `the step "${step}" ${done ? 'ticked' : 'not ticked'}`);

describe('The ZITADEL walkthrough', function () {
  before(async function () {
    if (!issuer || !otherUser || !bridge.available) this.skip(); // needs the harness's demo issuer, API and browser
    const rows = await treeRows(['sessions']);
    if (!rows.some((r) => r.startsWith(PROFILE) && /access token expires/.test(r))) await signInThroughBrowser(PROFILE, issuer!, credentials);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
    await waitFor(steps, (s) => Object.keys(s).length === 5, 'the five steps of the walkthrough');
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeActiveEditor'));

  it('has ticked what already happened: a token decoded, an issuer added, a sign-in with the metadata scope', async () => {
    const state = await ticked('signIn', true);
    assert.deepEqual(state, { decode: true, addIssuer: true, signIn: true, compareMetadata: false, otherUsers: false });
    await bridge.screenshot('walkthrough');
  });

  it('ticks "See your metadata three ways" once the auth API listed it beside the token', async () => {
    await vscode.commands.executeCommand('tokenInspector.listMyMetadata', PROFILE, {});
    await ticked('compareMetadata', true);
  });

  it('ticks "Manage another user\'s metadata" on a write, not on merely looking', async () => {
    await vscode.commands.executeCommand('tokenInspector.showUserMetadata', PROFILE, { userId: otherUser, orgId: org });
    await waitFor(() => treeRows(['sessions']), (r) => r.some((row) => row.startsWith(`${otherUser} `)), 'the other user in the tree');
    assert.equal((await steps()).otherUsers, false, 'looking is not managing');
    const user = { userRef: { profile: PROFILE, userId: otherUser!, orgId: org } };
    await vscode.commands.executeCommand('tokenInspector.setUserMetadata', user, { key: 'walkthrough', value: 'done' });
    await ticked('otherUsers', true);
    await vscode.commands.executeCommand('tokenInspector.removeUserMetadata', { userRef: { ...user.userRef, key: 'walkthrough' } }, { confirm: false });
    await bridge.click('button.getting-started-step[data-step-id$="#otherUsers"]');
    await new Promise((r) => setTimeout(r, 1000)); // the step's Markdown renders in a webview
    await bridge.screenshot('walkthrough-done');
  });
});
