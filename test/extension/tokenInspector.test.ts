// The extension inside a real VS Code: commands, the decode contract, the sidebar tree, the
// inspector webview (including hostile claim values) and SecretStorage.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { b64url, makeJwt, zitadelClaims } from '../fixtures/tokens';
import { bridge } from './bridge';
import { filesBelow } from './files';
import { setTheme, treeRows, waitFor } from './workbench';

const EXTENSION_ID = 'token-inspector.token-inspector';
const extension = () => vscode.extensions.getExtension(EXTENSION_ID)!;

interface DecodeResult {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  metadata: { key: string; value: string; raw: string }[];
}
const decode = async (text: unknown) => vscode.commands.executeCommand<DecodeResult>('tokenInspector.decodeJwt', text);

describe('Token Inspector in VS Code', () => {
  before(async () => {
    await extension().activate();
    await vscode.commands.executeCommand('tokenInspector.clearTokens', { confirm: false });
  });

  it('registers every command it contributes, each with the category', async () => {
    const manifest = JSON.parse(readFileSync(join(extension().extensionPath, 'package.json'), 'utf8'));
    // Manifest strings are %keys% of package.nls.json (localization).
    const nls: Record<string, string> = JSON.parse(readFileSync(join(extension().extensionPath, 'package.nls.json'), 'utf8'));
    const text = (value: string) => value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? value);
    const contributed: { command: string; category: string }[] = manifest.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command, category } of contributed) {
      assert.ok(registered.has(command), `${command} is not registered`);
      assert.equal(text(category), 'Token Inspector', command);
    }
    assert.ok(contributed.length >= 8);
  });

  it('decodes a ZITADEL ID token passed as an argument and returns plain JSON', async () => {
    const claims = zitadelClaims();
    const token = makeJwt(claims);
    const result = await decode(`Bearer ${token}\n`);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result, 'JSON-serialisable');
    assert.deepEqual(result.header, { alg: 'RS256', typ: 'JWT', kid: 'test-key' });
    assert.equal(result.payload.sub, '170848145649959169');
    assert.deepEqual(result.payload['urn:zitadel:iam:org:project:roles'], claims['urn:zitadel:iam:org:project:roles']);
    assert.deepEqual(
      result.metadata.map(({ key, value, raw }) => ({ key, value, raw })),
      [
        { key: 'P-ID', value: '12351983', raw: 'MTIzNTE5ODM' },
        { key: 'ContractNumber', value: '1234', raw: 'MTIzNA' },
        { key: 'settings', value: '{"theme":"dark","beta":true}', raw: claims['urn:zitadel:iam:user:metadata'].settings },
        { key: 'avatarHash', value: 'ff001080', raw: '_wAQgA' },
      ],
    );
  });

  it('rejects bad input with the message the user would see', async () => {
    await assert.rejects(decode('abc.def'), /A JWT has three parts separated by dots.*this has 2/);
    await assert.rejects(decode(''), /Nothing to decode/);
    await assert.rejects(decode(`${b64url('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.a.b.c.d`), /encrypted token \(JWE: alg RSA-OAEP, enc A256GCM\)/);
    await assert.rejects(decode(42), /expects the token as a string, got number/);
    await assert.rejects(decode('x'.repeat(1024 * 1024 + 10)), /refuses anything over 1 MB/);
  });

  it('shows the decoded token with its metadata and roles in the sidebar tree', async function () {
    if (!bridge.available) this.skip(); // reads the workbench DOM through the test bridge
    const token = makeJwt(zitadelClaims());
    await vscode.commands.executeCommand('tokenInspector.inspectText', token);
    await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    // The Decoded Tokens view alone: a signed-in session in the Sessions view shows P-ID rows too.
    const rows = await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith('P-ID')) && r.some((row) => /^Header\b/.test(row)), 'the token and its metadata rows in Decoded Tokens');
    const tokenRow = rows.find((row) => row.startsWith('170848145649959169'));
    assert.ok(tokenRow, rows.join('\n'));
    assert.match(tokenRow, /expires in (59 min|1 h) · b2b-demo-rbxajm\.zitadel\.cloud/);
    for (const expected of [/^Header\b/, /^Payload\b/, /^Signature\b.*not verified/, /^Metadata\b.*4 keys/, /^P-ID\s*12351983/, /^ContractNumber\s*1234/, /^avatarHash\s*ff001080 \(binary, 4 bytes\)/]) {
      assert.ok(rows.some((row) => expected.test(row)), `no row matches ${expected}:\n${rows.join('\n')}`);
    }
    await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('12351983'), 'inspector beside the tree');
    await bridge.screenshot('sidebar-dark');
  });

  it('summarises a JWT on hover in any file, with a link to the inspector', async () => {
    const token = makeJwt({ iss: 'https://issuer.example', sub: 'hover-user', exp: Math.floor(Date.now() / 1000) + 2520 });
    const doc = await vscode.workspace.openTextDocument({ language: 'http', content: `GET /userinfo\nAuthorization: Bearer ${token}\n` });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 30));
    const ours = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).find((t) => t.includes('**JWT**'));
    assert.ok(ours, `no Token Inspector hover among ${hovers.length}`);
    assert.match(ours, /expires in 4[12] min/);
    assert.match(ours, /\| alg \| RS256 \|/);
    assert.match(ours, /\| sub \| hover\\-user \|/);
    assert.match(ours, /\(command:tokenInspector\.inspectText\?/);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 2));
    assert.ok(!none.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('**JWT**'))), 'no hover away from the token');
  });

  it('decodes the JWT under the cursor from the editor', async function () {
    if (!bridge.available) this.skip(); // reads the workbench DOM through the test bridge
    const token = makeJwt({ sub: 'cursor-user', exp: Math.floor(Date.now() / 1000) + 600 });
    const doc = await vscode.workspace.openTextDocument({ content: `{"id_token": "${token}"}` });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 40, 0, 40);
    await vscode.commands.executeCommand('tokenInspector.decodeAtCursor');
    await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    await waitFor(() => treeRows(), (rows) => rows.some((row) => row.startsWith('cursor-user')), 'the token from the cursor in the tree');
  });

  it('keeps the tree intact when a decode fails', async function () {
    if (!bridge.available) this.skip(); // reads the workbench DOM through the test bridge
    const before = await treeRows();
    await assert.rejects(decode('not-a-token'));
    assert.deepEqual(await treeRows(), before);
  });

  it('renders the inspector with claims, metadata and roles, under a strict CSP', async function () {
    if (!bridge.available) this.skip(); // reads the workbench DOM through the test bridge
    await vscode.commands.executeCommand('tokenInspector.inspectText', makeJwt(zitadelClaims()));
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('12351983'), 'inspector content');
    assert.match(dom.details.csp ?? '', /default-src 'none'; script-src 'nonce-[^']+'/);
    assert.doesNotMatch(dom.details.csp ?? '', /unsafe-inline|unsafe-eval|(^|[\s;])\*([\s;]|$)|https?:(\s|;|$)/);
    for (const text of ['Claims', 'Authorized party', '170086824411201793@portal', 'P-ID', '12351983', 'ContractNumber', 'support:read', 'demo-customer2.b2b-demo-rbxajm.zitadel.cloud', 'Signature']) {
      assert.ok(dom.text.includes(text), `inspector lacks "${text}"`);
    }
    assert.ok(!dom.text.includes(makeJwt.name), 'sanity');
    await bridge.screenshot('inspector-dark');
    await setTheme('Light Modern');
    await bridge.screenshot('inspector-light');
    await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    await bridge.screenshot('sidebar-light');
    await setTheme('Default High Contrast');
    await bridge.screenshot('inspector-high-contrast');
    await setTheme(undefined);
  });

  it('shows hostile claim values as text and runs none of them', async function () {
    if (!bridge.available) this.skip(); // reads the workbench DOM through the test bridge
    const hostile = {
      sub: 'eve',
      name: '<img src=x onerror="window.__pwned=1">',
      note: '</script><script>window.__pwned=2</script>',
      website: 'javascript:window.__pwned=3',
      'urn:zitadel:iam:user:metadata': { '<b onclick=x>': b64url('<svg onload="window.__pwned=4">') },
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    await vscode.commands.executeCommand('tokenInspector.inspectText', makeJwt(hostile));
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('</script><script>'), 'hostile values shown as text');
    assert.ok(dom.text.includes('<img src=x onerror="window.__pwned=1">'));
    assert.ok(dom.text.includes('<svg onload="window.__pwned=4">'));
    assert.equal(dom.scripts, 1, 'only the inspector\'s own script');
    const probe = await bridge.evalInWebview<{ pwned: unknown; injected: number; handlers: number; jsLinks: number }>(
      `({ pwned: window.__pwned ?? null,
          injected: document.querySelectorAll('#app img, #app svg:not(.codicon), #app b, #app script, #app iframe').length,
          handlers: [...document.querySelectorAll('#app *')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
          jsLinks: [...document.querySelectorAll('a')].filter((a) => /^javascript:/i.test(a.getAttribute('href') ?? '')).length })`,
      { titleContains: 'Token Inspector' },
    );
    assert.deepEqual(probe, { pwned: null, injected: 0, handlers: 0, jsLinks: 0 });
    await bridge.screenshot('inspector-hostile');
  });

  it('keeps decoded tokens out of settings, state and log files', async function () {
    const stateDir = process.env.TOKEN_INSPECTOR_HOST_STATE_DIR;
    if (!stateDir) this.skip();
    const token = makeJwt(PERSISTED_CLAIMS);
    await decode(token);
    await vscode.commands.executeCommand('tokenInspector.inspectText', token); // also logs and opens the inspector
    await new Promise((r) => setTimeout(r, 1500)); // let state and logs be flushed
    const [, payload, signature] = token.split('.');
    const files = filesBelow(stateDir!);
    assert.ok(files.length > 10, `expected the server's settings, state and logs under ${stateDir}`);
    assert.ok(files.some((f) => /Token Inspector\.log$/.test(f)), 'our log file is among them');
    for (const file of files) {
      const content = readFileSync(file).toString('latin1');
      assert.ok(!content.includes(payload) && !content.includes(signature), `token found in ${file}`);
    }
  });
});

const PERSISTED_CLAIMS = { sub: 'kept-out-of-files', iss: 'https://issuer.example', exp: 4102444800 };

