// A decoded token's label across a window reload (a *.reload.test file: last before a reload, first
// after, so no other suite clears the tokens in between): the label is stored with the token in
// SecretStorage, not in the view.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { ViewNode } from '../../src/core/view/treeModel';
import { makeJwt } from '../fixtures/tokens';
import { bridge } from './bridge';
import { treeRows, waitFor } from './workbench';

const LABEL = 'Kept across reloads';
const SUB = 'labelled-before-reload';
/** Fixed, so both phases know it: the same token text gives the same fingerprint. */
const TOKEN = makeJwt({ sub: SUB, iss: 'https://issuer.example', exp: 4102444800 });
const FINGERPRINT = createHash('sha256').update(TOKEN).digest('hex').slice(0, 12);

describe('A decoded token label across a reload', function () {
  before(function () {
    if (!bridge.available) this.skip(); // the reload is the harness's
  });

  it('labels a decoded token before the reload', async () => {
    await vscode.commands.executeCommand('tokenInspector.inspectText', TOKEN);
    await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith(SUB)), 'the decoded token');
    await vscode.commands.executeCommand('tokenInspector.renameToken', { kind: 'token', fingerprint: FINGERPRINT } as Partial<ViewNode>, LABEL);
    await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith(`${LABEL} ${SUB}`)), 'the labelled token');
  });

  it('@after-reload keeps the label, which is stored with the token', async () => {
    const rows = await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith(LABEL)), 'the labelled token after the reload');
    assert.ok(rows.some((row) => row.startsWith(`${LABEL} ${SUB}`)), rows.join('\n'));
    await vscode.commands.executeCommand('tokenInspector.removeToken', { kind: 'token', fingerprint: FINGERPRINT } as Partial<ViewNode>);
  });
});
