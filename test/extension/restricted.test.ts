// Restricted Mode: the harness's `--restricted` run opens test/fixtures/untrusted-workspace with
// workspace trust on and the folder not trusted. Decoding, the hover, the views, the inspector
// and signing in with a user-level profile work; the folder's own issuer profile and clock skew
// (its .vscode/settings.json) are ignored, and the Sessions view says so and offers trust.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './bridge';
import { demo } from './demo';
import { signInThroughBrowser, treeRows, VIEWS, waitFor } from './workbench';

const { issuer, credentials } = demo;
const config = () => vscode.workspace.getConfiguration('tokenInspector');

/** The text of the Sessions view's pane: its message, rows and welcome content. */
const sessionsPane = () =>
  bridge.pageEval<string>(`[...document.querySelectorAll('.part.sidebar .pane')]
    .find((p) => p.querySelector('.pane-header')?.getAttribute('aria-label')?.startsWith(${JSON.stringify(VIEWS.sessions.name)}))?.querySelector('.pane-body')?.innerText ?? ''`);

describe('Restricted Mode (an untrusted folder)', function () {
  before(function () {
    if (!process.env.TOKEN_INSPECTOR_TEST_RESTRICTED || !bridge.available) this.skip();
  });

  it('@restricted decodes, hovers and inspects tokens in a folder nobody trusted', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder is open in Restricted Mode');
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'token.txt');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 20));
    const ours = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).find((t) => t.includes('**JWT**'));
    assert.match(ours ?? '', /\| sub \| restricted\\-user \|/, 'the hover summarizes the token');
    assert.ok(vscode.extensions.getExtension('token-inspector.token-inspector')?.isActive, 'the extension runs');
    await vscode.commands.executeCommand('tokenInspector.inspectText', doc.lineAt(2).text);
    await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('restricted-user'), 'the token in the inspector');
    await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith('restricted-user')), 'the token under Decoded Tokens');
    await bridge.screenshot('restricted-mode-inspector');
  });

  it('@restricted ignores the folder\'s issuer profile and clock skew, and says so in Sessions', async () => {
    const names = (config().get<{ name: string }[]>('profiles') ?? []).map((p) => p.name);
    assert.ok(!names.includes('Workspace issuer') && names.includes('Demo issuer'), names.join(', '));
    assert.equal(config().get('clockSkewSeconds'), 60, 'the default, not the folder\'s 600');
    const rows = await treeRows(['sessions']);
    assert.ok(rows.some((r) => r.startsWith('Demo issuer')) && !rows.some((r) => r.startsWith('Workspace issuer')), rows.join('\n'));
    const pane = await waitFor(sessionsPane, (t) => t.includes('Restricted Mode'), 'the Restricted Mode message in Sessions');
    assert.match(pane, /Restricted Mode: The issuer profiles and the clock skew in this folder's settings are ignored until you trust the folder\. Your user settings apply\./);
    await bridge.screenshot('restricted-mode');
  });

  it('@restricted offers to trust the folder when no profile of the user\'s is left', async () => {
    const before = config().inspect('profiles')?.globalValue;
    try {
      await config().update('profiles', [], vscode.ConfigurationTarget.Global);
      const pane = await waitFor(sessionsPane, (t) => t.includes('Manage Workspace Trust'), 'the Restricted Mode welcome in Sessions');
      assert.match(pane, /This folder is open in Restricted Mode: the issuer profiles in its settings are ignored until you trust it/);
      assert.match(pane, /Add Issuer…/);
      await bridge.screenshot('restricted-mode-welcome');
    } finally {
      await config().update('profiles', before, vscode.ConfigurationTarget.Global);
    }
  });

  it('@restricted signs in with an issuer profile from the user settings', async function () {
    if (!issuer) this.skip();
    await signInThroughBrowser('Demo issuer', issuer, credentials);
    await waitFor(() => treeRows(['sessions']), (r) => r.some((row) => row.startsWith('Demo issuer') && /access token expires/.test(row)), 'the signed-in session');
    await vscode.commands.executeCommand('tokenInspector.signOut', 'Demo issuer');
  });
});
