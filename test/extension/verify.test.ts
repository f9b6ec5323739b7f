// Verify Signature… inside VS Code (issue 12): through the quick picks with a pasted public key,
// from the inspector's button with a shared secret, against the demo issuer's published keys for
// a real token, and tokenInspector.verifyJwt for other extensions; an unknown issuer is not
// contacted without asking.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { bridge } from './bridge';
import { filesBelow } from './files';
import { sessionAccessToken, signInThroughBrowser, treeRows, waitFor } from './workbench';

interface Verification {
  ok: boolean;
  checks: { id: string; status: string; detail: string }[];
  keys: { kind: string; issuer?: string; description?: string };
}
const verifyJwt = (text: unknown, options?: unknown) => Promise.resolve(vscode.commands.executeCommand<Verification>('tokenInspector.verifyJwt', text, options));
const credentials = { username: process.env.TOKEN_INSPECTOR_DEMO_USERNAME ?? 'demo', password: process.env.TOKEN_INSPECTOR_DEMO_PASSWORD ?? 'demo-password' };
const detail = (v: Verification, id: string) => v.checks.find((c) => c.id === id)?.detail ?? '';

describe('Verify Signature', () => {
  let privateKey: CryptoKey;
  let publicJwk: object;

  before(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'host-key' };
    await vscode.commands.executeCommand('tokenInspector.clearTokens', { confirm: false });
    await vscode.commands.executeCommand('notifications.clearAll');
  });
  afterEach(() => vscode.commands.executeCommand('notifications.clearAll'));

  it('verifies a decoded token with a pasted JWK through the quick picks; the tree and the inspector show the checklist', async function () {
    if (!bridge.available) this.skip();
    const token = await new SignJWT({ sub: 'verify-user' }).setProtectedHeader({ alg: 'ES256', kid: 'host-key' }).setIssuer('https://issuer.example').setIssuedAt().setExpirationTime('1h').sign(privateKey);
    const { fingerprint } = await vscode.commands.executeCommand<{ fingerprint: string }>('tokenInspector.decodeJwt', token);
    // The command ends when its closing notification does: not awaited.
    void vscode.commands.executeCommand('tokenInspector.verifySignature', { fingerprint });
    await bridge.waitFor('.quick-input-widget:has-text("Verify Signature (ES256)") input', { state: 'visible' });
    // The rows render after the box: the screenshot shows the three choices.
    await bridge.waitFor('.quick-input-widget .quick-input-list .monaco-list-row:has-text("A public key")', { state: 'visible' });
    await bridge.screenshot('verify-choose-keys');
    await bridge.type('public key');
    await bridge.press('Enter');
    await bridge.waitFor('.quick-input-widget:has-text("Open a File") input', { state: 'visible' });
    await bridge.press('Enter');
    await bridge.waitFor('.quick-input-widget:has-text("Paste a JWK") input[type="text"]', { state: 'visible' });
    await bridge.type(JSON.stringify(publicJwk));
    await bridge.press('Enter');
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('Signature verification'), 'the verification in the inspector');
    assert.match(dom.text, /Verified with the pasted EC P-256 key "host-key" \(JWK\)/);
    assert.match(dom.text, /ES256, verified with the pasted EC P-256 key "host-key"/);
    assert.match(dom.text, /not compared: no expected audience given/);
    await bridge.screenshot('verify-inspector');
    const rows = await expandedToken('verify-user');
    assert.ok(rows.some((r) => /^Verification all passed · the pasted EC P-256 key/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^Signature verified with the pasted/.test(r)), rows.join('\n'));
    await bridge.screenshot('verify-tree');
  });

  it('verifies an HMAC token with a secret from the inspector\'s button, the secret kept nowhere', async function () {
    if (!bridge.available) this.skip();
    const secret = 'a shared secret, 32 bytes or more!';
    const token = await new SignJWT({ sub: 'hmac-user' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    await vscode.commands.executeCommand('tokenInspector.inspectText', token);
    await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('hmac-user'), 'the token in the inspector');
    await bridge.click('button:has-text("Verify Signature")', { frame: 'webview', titleContains: 'Token Inspector' });
    // For an HS256 token the secret comes first.
    await bridge.waitFor('.quick-input-widget:has-text("Verify Signature (HS256)") input', { state: 'visible' });
    await bridge.press('Enter');
    await bridge.waitFor('.quick-input-widget:has-text("HMAC secret") input[type="password"]', { state: 'visible' });
    await bridge.type(secret);
    await bridge.press('Enter');
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('Signature verification'), 'the verification');
    assert.match(dom.text, /HS256, verified with the given secret/);
    assert.match(dom.text, /Verified with the given 34-byte secret/);
    // Nowhere on disk: settings, state and logs of the host.
    await new Promise((r) => setTimeout(r, 1500));
    const stateDir = process.env.TOKEN_INSPECTOR_HOST_STATE_DIR;
    if (stateDir) for (const file of filesBelow(stateDir)) assert.ok(!readFileSync(file).toString('latin1').includes(secret), `the secret is in ${file}`);
  });

  it("verifies a real token with the demo issuer's published keys (verifyJwt, for other extensions)", async function () {
    const issuer = process.env.TOKEN_INSPECTOR_DEMO_ISSUER;
    if (!issuer) this.skip();
    // The harness's demo issuer hands out JWT access tokens; signIn.test (earlier in file order) signed in.
    const rows = await treeRows();
    if (!rows.some((r) => r.startsWith('Demo issuer') && /access token expires/.test(r))) await signInThroughBrowser('Demo issuer', issuer!, credentials);
    const accessToken = await sessionAccessToken();
    const v = await verifyJwt(accessToken, { issuer });
    assert.equal(v.ok, true, JSON.stringify(v.checks));
    assert.equal(v.keys.kind, 'issuer');
    assert.match(detail(v, 'signature'), /^RS256, verified with the issuer's key "/);
    assert.equal(v.checks.find((c) => c.id === 'iss')?.status, 'pass');
    const wrongAudience = await verifyJwt(accessToken, { audience: 'someone-else' });
    assert.equal(wrongAudience.checks.find((c) => c.id === 'aud')?.status, 'fail');
  });

  it('does not contact an issuer the user has not allowed (the question is refused in tests)', async function () {
    if (!bridge.available) this.skip();
    const canary = await bridge.canary();
    const token = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'ES256', kid: 'host-key' }).setIssuer(canary.url).sign(privateKey);
    // The question is asked (a test host refuses every dialog; a user who declines gets "did not allow").
    await assert.rejects(verifyJwt(token), /Fetch the signing keys of http:\/\/127\.0\.0\.1:\d+\?|did not allow fetching the keys of/);
    assert.deepEqual((await bridge.canary()).hits.filter((h) => h.url?.includes('well-known')), []);
  });

  it('verifyJwt rejects bad input with the message a user would see, and refuses key confusion', async () => {
    const token = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    await assert.rejects(verifyJwt('not-a-token', { key: JSON.stringify(publicJwk) }), /no dots, so it is not a JWT/);
    await assert.rejects(verifyJwt(token, { key: 'hello' }), /Not a key Token Inspector can read/);
    await assert.rejects(verifyJwt(token, { key: 'x', secret: 'y' }), /give "key" or "secret", not both/);
    await assert.rejects(verifyJwt(42), /expects the token as a string/);
    const pem = await exportSPKI((await generateKeyPair('RS256', { extractable: true })).publicKey);
    const forged = await new SignJWT({ sub: 'admin' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(pem));
    const v = await verifyJwt(forged, { key: pem });
    assert.equal(v.ok, false);
    assert.match(detail(v, 'signature'), /key-confusion attack/);
  });
});

/** The rows of the tree with a decoded token's node expanded (by keyboard: a click would open the inspector). */
async function expandedToken(label: string): Promise<string[]> {
  const index = (await treeRows()).findIndex((row) => row.startsWith(label));
  assert.ok(index >= 0, `no row ${label}`);
  await vscode.commands.executeCommand('tokenInspector.tokens.focus');
  // The row's twistie when it is drawn; else the keyboard (a repaint between the keys can move the focus).
  const twistie = `.part.sidebar .monaco-list-row:has(.label-name:text-is("${label}")) .monaco-tl-twistie`;
  await bridge.click(twistie).catch(() => bridge.press(['Home', ...Array<string>(index).fill('ArrowDown'), 'ArrowRight']));
  return waitFor(() => treeRows(), (rows) => rows.some((r) => r.startsWith('Verification')), 'the expanded token');
}
