// VS Code for the web (issue 12): the extension in the workbench's web worker extension host,
// from its `browser` entry. Decoding, the hover, the tree and the inspector work there; so does
// verifying with a pasted key; signing in says that it needs desktop or a remote window.
import * as assert from './assert';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as vscode from 'vscode';
import { bridge } from '../extension/bridge';
import { treeRows, waitFor } from '../extension/workbench';
import { harnessSettings } from './harness';

const EXTENSION_ID = 'token-inspector.token-inspector';
const METADATA = 'urn:zitadel:iam:user:metadata';

describe('Token Inspector in VS Code for the web (web worker extension host)', () => {
  let token: string;
  let publicJwk: object;

  before(async function () {
    const settings = await harnessSettings();
    if (!settings || !bridge.available) this.skip();
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    publicJwk = { ...(await exportJWK(publicKey)), kid: 'web-key' };
    const now = Math.floor(Date.now() / 1000);
    token = await new SignJWT({ sub: 'web-user-1', name: 'Web User', [METADATA]: { 'P-ID': 'MTIzNTE5ODM', note: btoa('<b>not html</b>').replace(/=+$/, '') } })
      .setProtectedHeader({ alg: 'ES256', kid: 'web-key', typ: 'JWT' })
      .setIssuer('https://issuer.example')
      .setAudience('web-client')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
  });

  it('runs from the browser entry in a web worker: no Node, the UI extension kind', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(extension.extensionKind, vscode.ExtensionKind.UI);
    assert.equal(extension.packageJSON.browser, './dist/web/extension.js');
    assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined');
    assert.equal(typeof (globalThis as { Buffer?: unknown }).Buffer, 'undefined');
  });

  it('registers every command it contributes (those that need desktop explain why)', async () => {
    const contributed: { command: string }[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.map((c) => c.command).filter((c) => !registered.has(c)), []);
  });

  it('decodes a token, shows it in the tree and opens the inspector', async () => {
    const inspection = await vscode.commands.executeCommand<{ fingerprint: string; payload: Record<string, unknown>; metadata: { key: string; value: string }[] }>('tokenInspector.decodeJwt', `Bearer ${token}`);
    assert.equal(inspection.payload.sub, 'web-user-1');
    assert.deepEqual(inspection.metadata.map((m) => [m.key, m.value]), [['P-ID', '12351983'], ['note', '<b>not html</b>']]);
    assert.match(inspection.fingerprint, /^[0-9a-f]{12}$/);
    const rows = await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('web-user-1')), 'the token in the tree');
    assert.ok(rows.some((row) => /^web-user-1 .*issuer\.example/.test(row)), rows.join('\n'));
    await vscode.commands.executeCommand('tokenInspector.openInspector', { fingerprint: inspection.fingerprint });
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('web-user-1') && d.text.includes('12351983'), 'the inspector');
    assert.match(dom.text, /<b>not html<\/b>/, 'metadata shown as text');
    assert.equal(dom.scripts, 1);
    await bridge.screenshot('web-worker-inspector');
  });

  it('hovers a token in an untitled file', async () => {
    const document = await vscode.workspace.openTextDocument({ content: `Authorization: Bearer ${token}\n` });
    await vscode.window.showTextDocument(document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 30));
    // Markdown: the claim values are escaped (web\-user\-1).
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n').replace(/\\/g, '');
    assert.match(text, /ES256/);
    assert.match(text, /web-user-1/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('verifies the signature with a pasted key (jose and WebCrypto in the worker)', async () => {
    const verification = await vscode.commands.executeCommand<{ ok: boolean; checks: { id: string; status: string; detail: string }[] }>('tokenInspector.verifyJwt', token, { key: JSON.stringify(publicJwk), audience: 'web-client' });
    assert.equal(verification.ok, true, JSON.stringify(verification.checks));
    assert.match(verification.checks.find((c) => c.id === 'signature')!.detail, /ES256, verified with the pasted EC P-256 key "web-key"/);
    // The token's row, expanded with the keyboard (a click would open the inspector): its Verification section comes first.
    const index = (await treeRows()).findIndex((row) => row.startsWith('web-user-1'));
    await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    await bridge.press(['Home', ...Array<string>(index).fill('ArrowDown'), 'ArrowRight']);
    const rows = await waitFor(() => treeRows(), (r) => r.some((row) => row.startsWith('Verification all passed')), 'the verification in the tree');
    assert.ok(rows.some((row) => /^Signature .*verified with the pasted/.test(row)), rows.join('\n'));
  });

  it('says that signing in needs desktop or a remote window', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('tokenInspector.signIn', 'Demo issuer');
    await vscode.commands.executeCommand('notifications.showList');
    const text = await waitFor(() => bridge.pageEval<string>(`document.querySelector('.notifications-center')?.innerText ?? ''`), (t) => /need VS Code desktop or a remote window/.test(t), 'the message');
    assert.match(text, /Decoding, verifying and comparing tokens work here/);
    await bridge.screenshot('web-worker-sign-in');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
