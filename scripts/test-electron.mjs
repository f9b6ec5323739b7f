// The same extension test suite in VS Code desktop, downloaded by @vscode/test-electron.
// Needs internet access and a display; CI uses test/host/run-tests.mjs instead (see README).
// Tests that need the browser bridge skip themselves here.
import { runTests } from '@vscode/test-electron';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
try {
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: resolve(repo, 'out/test/extension/index.js'),
    launchArgs: [resolve(repo, 'test/fixtures/demo-workspace'), '--disable-extensions'],
  });
} catch (error) {
  console.error(`Extension tests failed: ${error}`);
  process.exit(1);
}
