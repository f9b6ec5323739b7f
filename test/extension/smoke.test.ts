// Proves the harness itself: the real VS Code is running, the extension under development is
// loaded, the environment reaches the extension host, and the test bridge takes screenshots.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { bridge } from './bridge';

const EXTENSION_ID = 'token-inspector.token-inspector';

describe('harness smoke', () => {
  it('runs inside VS Code 1.139', () => {
    assert.match(vscode.version, /^1\.139\./);
  });

  it('loads the extension under development', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
  });

  it('passes the harness environment to the extension host', function () {
    if (!bridge.available) this.skip();
    assert.match(process.env.TOKEN_INSPECTOR_TEST_BRIDGE ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('applies the quiet user settings the harness writes', function () {
    if (!bridge.available) this.skip();
    assert.equal(vscode.workspace.getConfiguration('workbench').get('startupEditor'), 'none');
    assert.equal(vscode.workspace.getConfiguration('telemetry').get('telemetryLevel'), 'off');
  });

  it('takes a screenshot of the workbench through the bridge', async function () {
    if (!bridge.available) this.skip();
    const { path } = await bridge.screenshot('smoke-workbench');
    const { size } = statSync(path);
    assert.ok(size > 10 * 1024, `${path} is only ${size} bytes`);
  });
});
