// The inspector across window reloads (a *.reload.test file: last before a reload, first after).
// Before the first reload it shows a decoded token; after it, VS Code hands the panel back and the
// extension finds the token again in SecretStorage by the fingerprint kept in the webview's state
// (plain storage, so nothing else is kept there). Then the token is removed and the inspector
// says so; after the second reload the restored panel says the token is no longer stored.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { makeJwt } from '../fixtures/tokens';
import { bridge } from './bridge';
import { waitFor } from './workbench';

const SUB = 'restored-after-reload';
/** Fixed, so every phase knows it: the same token text gives the same fingerprint. */
const TOKEN = makeJwt({ sub: SUB, iss: 'https://issuer.example', exp: 4102444800 }, { alg: 'RS256', kid: 'restore' }).replace(/\.[^.]+$/, `.${'c2lnbmF0dXJl'.repeat(30)}`);
const FINGERPRINT = createHash('sha256').update(TOKEN).digest('hex').slice(0, 12);

const inspectorText = (what: string, expected: string) =>
  waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }).then((d) => d.text), (text) => text.includes(expected), what);

const tabs = () => bridge.pageEval<string[]>(`[...document.querySelectorAll('.tabs-container .tab .label-name')].map((t) => t.textContent)`);

/**
 * Everything the workbench keeps in the browser's plain storage (localStorage and every IndexedDB
 * store), as text: where VS Code persists a webview's state for the restore.
 */
function browserStorageText(): Promise<string> {
  return bridge.pageEval<string>(`(async () => {
    const parts = [];
    const text = (v) => typeof v === 'string' ? v : v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v) : JSON.stringify(v);
    for (let i = 0; i < localStorage.length; i++) parts.push(localStorage.key(i) + '=' + localStorage.getItem(localStorage.key(i)));
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      for (const store of db.objectStoreNames) {
        const os = db.transaction(store, 'readonly').objectStore(store);
        const [keys, values] = await Promise.all([request(os.getAllKeys()), request(os.getAll())]);
        keys.forEach((k, i) => parts.push(text(k) + '=' + text(values[i])));
      }
      db.close();
    }
    return parts.join('\\n');
  })()`);
}

describe('The inspector across window reloads', function () {
  before(function () {
    if (!bridge.available) this.skip(); // the reloads and the webview's DOM need the harness
  });

  it('shows a decoded token before the reload (the panel the reload restores)', async () => {
    await vscode.commands.executeCommand('tokenInspector.inspectText', TOKEN);
    await inspectorText('the token in the inspector', SUB);
    // The workbench saves its editors (and their webview states) when idle, every few seconds: the
    // reload restores what was saved.
    await waitFor(browserStorageText, (stored) => stored.includes(FINGERPRINT), 'the inspector saved with its webview state', 30_000);
  });

  it('@after-reload restores the inspector from SecretStorage; the webview state holds only the fingerprint', async () => {
    const text = await inspectorText('the restored inspector', SUB);
    assert.match(text, new RegExp(`Fingerprint\\s*${FINGERPRINT}`));
    assert.ok((await tabs()).includes(`Token Inspector: ${SUB}`), 'the tab is titled after the token');
    const stored = await browserStorageText();
    assert.ok(stored.includes(FINGERPRINT), 'the webview state (with the fingerprint) is in the browser storage read here');
    const [header, payload, signature] = TOKEN.split('.');
    for (const part of [header, payload, signature]) assert.ok(!stored.includes(part), 'no part of the token in plain storage');
    await bridge.screenshot('inspector-restored');
  });

  it('@after-reload shows a placeholder once its token is removed', async () => {
    await vscode.commands.executeCommand('tokenInspector.removeToken', { kind: 'token', fingerprint: FINGERPRINT });
    const text = await inspectorText('the placeholder', 'This token was removed');
    assert.ok(!text.includes(SUB));
    assert.ok((await tabs()).includes('Token Inspector: token no longer stored'));
  });

  it('@after-second-reload restores it as a placeholder: the token is no longer stored', async () => {
    const text = await inspectorText('the placeholder after the second reload', 'This token is no longer stored');
    assert.match(text, /Decode it again to see it here, or close this tab\./);
    assert.ok((await tabs()).includes('Token Inspector: token no longer stored'));
    await bridge.screenshot('inspector-restored-gone');
  });
});
