// The sidebar as a keyboard user meets it: two views (Sessions, Decoded Tokens), welcome content
// when empty, inline buttons with tooltips, F2 to rename a decoded token (the label is stored with
// the token in SecretStorage; tokensKept.reload.test.ts shows it survives a reload), Delete to
// remove it, with Undo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { makeJwt } from '../fixtures/tokens';
import { bridge } from './bridge';
import { treeRows, VIEWS, waitFor } from './workbench';

const LABEL = 'Staging admin';
const SUB = 'rename-me';
/** A Playwright selector of a row's label in Decoded Tokens (hovering it shows the row's buttons). */
const labelOf = (text: string) => `.part.sidebar .monaco-list[aria-label="${VIEWS.tokens.name}"] .label-name >> text="${text}"`;

/** Focuses the Decoded Tokens tree and waits until the keyboard is really there (not in the inspector). */
async function focusDecodedTokens(): Promise<void> {
  await vscode.commands.executeCommand(`${VIEWS.tokens.id}.focus`);
  await waitFor(() => bridge.pageEval<boolean>(`!!document.activeElement?.closest('.monaco-list[aria-label="${VIEWS.tokens.name}"]')`), (inside) => inside, 'the keyboard focus in Decoded Tokens');
}

/** The text of one view's pane (its tree rows, message and welcome content). */
function paneText(name: string): Promise<string> {
  return bridge.pageEval<string>(`[...document.querySelectorAll('.part.sidebar .pane')]
    .find((p) => p.querySelector('.pane-header')?.getAttribute('aria-label')?.startsWith(${JSON.stringify(name)}))?.querySelector('.pane-body')?.innerText ?? ''`);
}

describe('The sidebar: Sessions and Decoded Tokens', function () {
  before(async function () {
    if (!bridge.available) this.skip(); // reads and drives the workbench through the test bridge
    await vscode.commands.executeCommand('tokenInspector.clearTokens', { confirm: false });
  });

  it('shows issuer profiles under Sessions and decoded tokens under Decoded Tokens, with welcome content when empty', async () => {
    await vscode.commands.executeCommand(`${VIEWS.tokens.id}.focus`);
    const welcome = await waitFor(() => paneText(VIEWS.tokens.name), (t) => t.includes('Decode JWT…'), 'the welcome content of the empty Decoded Tokens view');
    assert.match(welcome, /Decode a JWT to see its header, claims, ZITADEL metadata and roles, verify its signature or compare it with another\. Nothing leaves your machine\./);
    const sessions = await treeRows(['sessions']);
    assert.ok(sessions.some((r) => r.startsWith('Demo issuer')), sessions.join('\n'));
    assert.deepEqual(await treeRows(['tokens']), [], 'no decoded token, and no profile, in Decoded Tokens');
    await bridge.screenshot('sidebar-two-views-empty');
  });

  it('renames the selected decoded token with F2, also in the open inspector', async () => {
    await vscode.commands.executeCommand('tokenInspector.inspectText', makeJwt({ sub: SUB, iss: 'https://issuer.example', exp: 4102444800 }));
    await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith(SUB)), 'the decoded token');
    await focusDecodedTokens(); // the decode left the token selected
    await bridge.press('F2');
    await bridge.waitFor('.quick-input-widget .quick-input-title >> text="Rename Decoded Token"', { state: 'visible' });
    await bridge.type(LABEL);
    await waitFor(() => bridge.pageEval<string>(`document.querySelector('.quick-input-widget .quick-input-box input')?.value ?? ''`), (v) => v === LABEL, 'the label typed into the input box');
    await bridge.press('Enter');
    // Moving the focus (treeRows does) before the input box took the Enter would cancel it.
    await bridge.waitFor('.quick-input-widget', { state: 'hidden' });
    const rows = await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith(LABEL)), 'the renamed token');
    assert.ok(rows.some((row) => row.startsWith(`${LABEL} ${SUB} · expires in`)), `the subject leads the description:\n${rows.join('\n')}`);
    await waitFor(() => bridge.pageEval<string[]>(`[...document.querySelectorAll('.tabs-container .tab .label-name')].map((t) => t.textContent)`), (tabs) => tabs.includes(`Token Inspector: ${LABEL}`), 'the inspector tab under the new label');
  });

  it('offers inline buttons with tooltips on a decoded token', async () => {
    await bridge.hover(labelOf(LABEL));
    const actions = await waitFor(
      () => bridge.pageEval<{ label: string | null; title: string | null }[]>(`[...document.querySelectorAll('.part.sidebar .monaco-list[aria-label="${VIEWS.tokens.name}"] .monaco-list-row')]
        .filter((row) => row.querySelector('.label-name')?.textContent === ${JSON.stringify(LABEL)})
        .flatMap((row) => [...row.querySelectorAll('.actions .action-label')].map((a) => ({ label: a.getAttribute('aria-label'), title: a.getAttribute('title') ?? a.getAttribute('aria-label') })))`),
      (found) => found.length >= 3,
      'the inline buttons of the token row',
    );
    const labels = actions.map((a) => a.label ?? '');
    assert.deepEqual(labels.map((l) => l.replace(/ \(.*\)$/, '')), ['Open in Inspector', 'Rename Decoded Token…', 'Remove Decoded Token'], JSON.stringify(actions));
    assert.ok(actions.every((a) => a.title), `every button has a tooltip: ${JSON.stringify(actions)}`);
    await bridge.screenshot('sidebar-inline-buttons');
  });

  it('removes the selected token with Delete, and Undo brings it back with its label', async () => {
    await focusDecodedTokens();
    await bridge.press('Delete');
    await waitFor(() => treeRows(['tokens']), (r) => !r.some((row) => row.startsWith(LABEL)), 'the token removed');
    // The headless window shows no toasts: the notification with its button is in the center.
    await vscode.commands.executeCommand('notifications.showList');
    await bridge.click('.notifications-center .monaco-button:text-is("Undo")');
    await vscode.commands.executeCommand('notifications.hideList');
    const rows = await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith(LABEL)), 'the token back');
    assert.ok(rows.some((row) => row.startsWith(`${LABEL} ${SUB}`)), rows.join('\n'));
  });
});
