// The README's screenshots (media/screenshots/*.png), taken here so they stay current: the
// sidebar with a signed-in ZITADEL session and labeled decoded tokens, and the inspector of the
// session's ID token with the metadata from every source. Runs after the second window reload,
// when the other tests are done (signed out, tokens cleared), so the pictures start from a clean
// state. A file is replaced only when its picture really changed (see the bridge's
// readme-screenshot), so a clock moving on does not rewrite it on every run.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { bridge } from './bridge';
import { demo } from './demo';
import { signInThroughBrowser, treeRows, VIEWS, waitFor } from './workbench';

const { issuer, otherUser, org, credentials, profile: PROFILE, noAudienceProfile: NO_AUDIENCE } = demo;
const repo = () => vscode.extensions.getExtension('token-inspector.token-inspector')!.extensionPath;

/** The demo workspace's tokens (fixed texts and times, so the pictures stay the same). */
function demoTokens(): { id_token: string; access_token: string } {
  return JSON.parse(readFileSync(join(repo(), 'test', 'fixtures', 'demo-workspace', 'token-response.json'), 'utf8'));
}

describe('README screenshots', function () {
  before(async function () {
    if (!issuer || !otherUser || !bridge.available) this.skip(); // needs the harness's demo issuer, API and browser
    for (const profile of [PROFILE, NO_AUDIENCE]) await vscode.commands.executeCommand('tokenInspector.signOut', profile);
    await vscode.commands.executeCommand('tokenInspector.clearTokens', { confirm: false });
  });

  it('@after-second-reload pictures the sidebar: a signed-in ZITADEL session and labeled decoded tokens', async () => {
    const { id_token, access_token } = demoTokens();
    for (const [token, label] of [[access_token, 'Staging API access token'], [id_token, 'Alice (ZITADEL ID token)']]) {
      const { fingerprint } = await vscode.commands.executeCommand<{ fingerprint: string }>('tokenInspector.decodeJwt', token);
      await vscode.commands.executeCommand('tokenInspector.renameToken', { kind: 'token', fingerprint }, label);
    }
    await signInThroughBrowser(PROFILE, issuer!, credentials);
    await vscode.commands.executeCommand('tokenInspector.listMyMetadata', PROFILE, {});
    await vscode.commands.executeCommand('tokenInspector.showUserMetadata', PROFILE, { userId: otherUser, orgId: org });
    await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith(`${otherUser} `)) && r.some((row) => row.startsWith('Alice (ZITADEL ID token)')), 'the session, the other user and the labeled tokens');
    // Wide enough for the descriptions (the default side bar cuts them short), the same every run.
    await vscode.commands.executeCommand(`${VIEWS.sessions.id}.focus`);
    const { width } = await bridge.resizePart('.part.sidebar', 520);
    assert.ok(Math.abs(width - 520) <= 2, `the side bar is ${width} px wide, not 520`);
    await new Promise((r) => setTimeout(r, 500));
    const shot = await bridge.readmeScreenshot('sidebar', '.part.sidebar', { cropToRows: true });
    console.log(`      media/screenshots/sidebar.png: ${shot.changed ? 'updated' : 'unchanged'} (${(shot.difference * 100).toFixed(2)} % of pixels differ)`);
  });

  it('@after-second-reload pictures the inspector: the ID token, its checks and the metadata from every source', async () => {
    await bridge.click(`.part.sidebar .monaco-list[aria-label="${VIEWS.sessions.name}"] .monaco-list-row .label-name >> text="ID token"`);
    // The editor as wide as beside a usual side bar: the sources table's six columns need it.
    await bridge.resizePart('.part.sidebar', 300);
    await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => /P-ID\s+12351983\s+12351983\s+12351983/.test(d.text), 'the metadata from every source in the inspector');
    await new Promise((r) => setTimeout(r, 500));
    const top = await bridge.readmeScreenshot('inspector', '.part.editor', { height: 760 });
    // The section's title below the sticky section links.
    await bridge.evalInWebview(`(() => { document.querySelector('#metadata-sources')?.scrollIntoView({ block: 'start' }); document.scrollingElement.scrollBy(0, -56); })()`, { titleContains: 'Token Inspector' });
    await new Promise((r) => setTimeout(r, 500));
    const sources = await bridge.readmeScreenshot('metadata-sources', '.part.editor', { height: 560 });
    for (const [name, shot] of [['inspector', top], ['metadata-sources', sources]] as const) {
      console.log(`      media/screenshots/${name}.png: ${shot.changed ? 'updated' : 'unchanged'} (${(shot.difference * 100).toFixed(2)} % of pixels differ)`);
    }
    assert.ok(top.path.endsWith('inspector.png'));
  });
});
