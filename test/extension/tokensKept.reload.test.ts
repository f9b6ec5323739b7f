// Decoded tokens across a window reload (a *.reload.test file: last before a reload, first after,
// so no other suite clears the tokens in between): they and their labels are kept in SecretStorage,
// not in the view; after the reload one command clears them all.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { ViewNode } from '../../src/core/view/treeModel';
import { makeJwt } from '../fixtures/tokens';
import { bridge } from './bridge';
import { treeRows, waitFor } from './workbench';

const LABEL = 'Kept across reloads';
/** Fixed, so both phases know them: the same token text gives the same fingerprint. */
const PERSISTED = makeJwt({ sub: 'persisted-across-reload', iss: 'https://issuer.example', exp: 4102444800 });
const LABELLED = makeJwt({ sub: 'labelled-before-reload', iss: 'https://issuer.example', exp: 4102444800 });
const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 12);

describe('Decoded tokens across a window reload', function () {
  before(function () {
    if (!bridge.available) this.skip(); // the reload is the harness's
  });

  it('keeps two decoded tokens, one of them labelled, before the reload', async () => {
    const result = await vscode.commands.executeCommand<{ payload: { sub: string } }>('tokenInspector.decodeJwt', PERSISTED);
    assert.equal(result.payload.sub, 'persisted-across-reload');
    await vscode.commands.executeCommand('tokenInspector.decodeJwt', LABELLED);
    await vscode.commands.executeCommand('tokenInspector.renameToken', { kind: 'token', fingerprint: fingerprint(LABELLED) } as Partial<ViewNode>, LABEL);
    await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith(`${LABEL} labelled-before-reload`)), 'the labelled token');
  });

  it('@after-reload still lists them, the label kept with its token', async () => {
    const rows = await waitFor(() => treeRows(['tokens']), (r) => r.some((row) => row.startsWith('persisted-across-reload')) && r.some((row) => row.startsWith(LABEL)), 'both tokens after the reload');
    assert.ok(rows.some((row) => row.startsWith(`${LABEL} labelled-before-reload`)), rows.join('\n'));
    await bridge.screenshot('sidebar-after-reload');
  });

  it('@after-reload clears every token with one command', async () => {
    await vscode.commands.executeCommand('tokenInspector.clearTokens', { confirm: false });
    // Issuer profiles (the harness configures the demo issuer) stay, in Sessions; every decoded token goes.
    await waitFor(() => treeRows(['tokens']), (r) => r.length === 0, 'no decoded tokens left');
    assert.ok((await treeRows(['sessions'])).some((row) => row.startsWith('Demo issuer')), 'the profiles stay');
    await bridge.screenshot('sidebar-after-clear');
  });
});
