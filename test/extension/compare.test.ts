// Compare Tokens… inside VS Code (issue 12): two decoded tokens, before and after a change to
// the metadata and roles, side by side in the inspector; picked through the quick picks too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { b64url, makeJwt, zitadelClaims } from '../fixtures/tokens';
import { bridge } from './bridge';
import { waitFor } from './workbench';

interface Comparison {
  counts: Record<'claims' | 'metadata' | 'roles', Record<'added' | 'removed' | 'changed' | 'same', number>>;
  sameSubject: boolean;
}

describe('Compare Tokens', () => {
  const t0 = Math.floor(Date.now() / 1000);
  const older = zitadelClaims(t0 - 3600);
  const newer = {
    ...zitadelClaims(t0),
    'urn:zitadel:iam:user:metadata': { ...older['urn:zitadel:iam:user:metadata'], ContractNumber: b64url('5678'), department: b64url('Finance') },
    'urn:zitadel:iam:org:project:roles': { ...older['urn:zitadel:iam:org:project:roles'], admin: { '170086363054473473': 'demo-customer.b2b-demo-rbxajm.zitadel.cloud' } },
  };
  let a: string;
  let b: string;

  before(async () => {
    await vscode.commands.executeCommand('tokenInspector.clearTokens', { confirm: false });
    a = (await vscode.commands.executeCommand<{ fingerprint: string }>('tokenInspector.decodeJwt', makeJwt(older))).fingerprint;
    b = (await vscode.commands.executeCommand<{ fingerprint: string }>('tokenInspector.decodeJwt', makeJwt(newer))).fingerprint;
  });

  it('compares two selected tokens: metadata by decoded value, roles and times, side by side', async function () {
    // The tree passes the clicked row and every selected row; the newer one was clicked.
    const comparison = await vscode.commands.executeCommand<Comparison>('tokenInspector.compareTokens', { fingerprint: b }, [{ fingerprint: b }, { fingerprint: a }]);
    assert.deepEqual(comparison.counts.metadata, { added: 1, removed: 0, changed: 1, same: 3 });
    assert.equal(comparison.counts.roles.added, 1);
    assert.equal(comparison.sameSubject, true);
    if (!bridge.available) return;
    const dom = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => d.text.includes('Compare tokens'), 'the comparison');
    // The older token is "before", whichever was clicked first.
    assert.match(dom.text, /ContractNumber\s+1234\s+text\s+5678\s+text\s+changed/);
    assert.match(dom.text, /department\s+absent\s+Finance\s+text\s+added/);
    assert.match(dom.text, /exp\b[\s\S]*?changed\s+\+1 h/);
    assert.match(dom.text, /admin\s+170086363054473473\s+absent\s+demo-customer\.b2b-demo-rbxajm\.zitadel\.cloud\s+added/);
    assert.doesNotMatch(dom.text, /P-ID\s+12351983/, 'unchanged rows hidden at first');
    await bridge.screenshot('compare-tokens');
    await bridge.click('#metadata button:has-text("unchanged")', { frame: 'webview', titleContains: 'Token Inspector' });
    const shown = await waitFor(() => bridge.webviewDom({ titleContains: 'Token Inspector' }), (d) => /P-ID\s+12351983/.test(d.text), 'the unchanged rows');
    assert.match(shown.text, /P-ID\s+12351983\s+text\s+12351983\s+text\s+same/);
  });

  it('picks both tokens in two steps of one quick pick, the second listing only the other token', async function () {
    if (!bridge.available) this.skip();
    const comparing = Promise.resolve(vscode.commands.executeCommand<Comparison>('tokenInspector.compareTokens'));
    const step = (n: number) => bridge.waitFor(`.quick-input-widget:has-text("Compare Tokens (${n}/2)") input`, { state: 'visible' });
    const rows = () => bridge.pageEval<string[]>(`[...document.querySelectorAll('.quick-input-widget .monaco-list-row')].map((r) => r.textContent ?? '')`);
    await step(1);
    const offered = await waitFor(rows, (r) => r.some((t) => t.includes(b)), 'the first step');
    await bridge.press('Enter');
    // The same quick pick moves to step 2; focus never leaves it, so nothing can close it between.
    await step(2);
    await bridge.waitFor('.quick-input-widget input[placeholder*="with…"]', { state: 'visible' });
    const others = await waitFor(rows, (r) => r.length === offered.length - 1, 'the second step');
    assert.ok(!others.some((t) => t.includes(b)) && others.some((t) => t.includes(a)), `the first token (${b}) is not offered again: ${others.join(' | ')}`);
    await bridge.press('Enter');
    const comparison = await comparing;
    assert.equal(comparison.counts.metadata.changed, 1);
  });
});
