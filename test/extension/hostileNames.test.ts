// Names the user's settings or the user give (an issuer profile's name, a decoded token's label)
// are untrusted text too: a workspace can set the first, and either may be pasted from anywhere.
// Driven here through the sinks this polish added: the browser page after a sign-in, the tree,
// the inspector's tab and the Undo notification.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasHidden, inline } from '../../src/core/text';
import { MARKER } from '../fixtures/hostile';
import { makeJwt } from '../fixtures/tokens';
import { bridge } from './bridge';
import { demo } from './demo';
import { signInThroughBrowser, treeRows, waitFor } from './workbench';

const { issuer, clientId, credentials } = demo;
const config = () => vscode.workspace.getConfiguration('tokenInspector');

describe('Hostile names in the pages and views this polish added', function () {
  let canary = '';
  let ran: unknown[] = [];
  let marker: vscode.Disposable | undefined;
  const hostile = () => `\u202Eevil [Click](command:${MARKER}) <img src="${canary}/page.png" onerror="window.__pwned=1">`;

  before(async function () {
    if (!bridge.available) this.skip();
    canary = (await bridge.canary()).url;
    marker = vscode.commands.registerCommand(MARKER, (...args: unknown[]) => void ran.push(args));
  });

  after(() => marker?.dispose());

  afterEach(async () => {
    assert.deepEqual(ran, [], 'the marker command ran');
    assert.deepEqual((await bridge.canary()).hits, [], 'something fetched the canary');
    ran = [];
  });

  it('shows a hostile profile name as text on the browser page after the sign-in', async function () {
    if (!issuer) this.skip();
    const before = config().inspect('profiles')?.globalValue;
    const name = hostile();
    try {
      await config().update('profiles', [...(Array.isArray(before) ? before : []), { name, issuer, clientId, scopes: 'openid' }], vscode.ConfigurationTarget.Global);
      await signInThroughBrowser(name, issuer, credentials);
      const page = await bridge.popupText({ urlContains: '/done' });
      assert.match(page.text, /^Signed in at the provider\n/);
      assert.ok(page.text.includes(`Profile\n${inline(name)}`), `the name as visible text: ${page.text}`);
      assert.ok(page.text.includes(`Issuer\n${issuer}`), page.text);
      await vscode.commands.executeCommand('tokenInspector.signOut', name);
    } finally {
      await config().update('profiles', before, vscode.ConfigurationTarget.Global);
      await bridge.closePopups();
    }
  });

  it('keeps a hostile label of a decoded token visible and inert: tree, inspector tab, Undo notification', async () => {
    const label = hostile();
    const token = makeJwt({ sub: 'labeled-hostile', exp: 4102444800 });
    const { fingerprint } = await vscode.commands.executeCommand<{ fingerprint: string }>('tokenInspector.decodeJwt', token);
    await vscode.commands.executeCommand('tokenInspector.renameToken', { kind: 'token', fingerprint }, label);
    const rows = await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.includes('labeled-hostile')), 'the labeled token');
    const row = rows.find((r) => r.includes('labeled-hostile'))!;
    assert.ok(row.startsWith(inline(label, 80)), row);
    assert.ok(!hasHidden(row), 'no hidden character in the row');
    await vscode.commands.executeCommand('tokenInspector.openInspector', { kind: 'token', fingerprint });
    const tabs = await waitFor(() => bridge.pageEval<string[]>(`[...document.querySelectorAll('.tabs-container .tab .label-name')].map((t) => t.textContent)`), (t) => t.some((x) => x.includes('[Click]')), 'the inspector tab');
    assert.ok(tabs.includes(`Token Inspector: ${inline(label, 80)}`), JSON.stringify(tabs));
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('tokenInspector.removeToken', { kind: 'token', fingerprint });
    await vscode.commands.executeCommand('notifications.showList');
    const messages = await waitFor(
      () => bridge.pageEval<string[]>(`[...document.querySelectorAll('.notifications-center .notification-list-item-message')].map((e) => e.innerHTML)`),
      (m) => m.some((h) => h.includes('from the decoded tokens')),
      'the Undo notification',
    );
    const message = messages.find((h) => h.includes('from the decoded tokens'))!;
    assert.doesNotMatch(message, /<a[\s>]|<img/, `a link or an image in the notification: ${message}`);
    assert.match(message, /⟨U\+202E⟩/, 'the bidi override shown as a marker');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
