// Entry point of the extension tests inside VS Code: the workbench loads this module (the
// compiled out/test/extension/index.js, given as extensionTestsPath) in the extension host
// and awaits run(). Works for both hosts: test/host/run-tests.mjs (VS Code server in Chromium)
// and @vscode/test-electron on a desktop.
import Mocha from 'mocha';
import { bridge } from './bridge';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every compiled `*.test.js` below this folder (the build writes them next to index.js). */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

/** Tests tagged with this in their title run only after the harness reloaded the window. */
const AFTER_RELOAD = /@after-reload/;

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  // TOKEN_INSPECTOR_TEST_GREP (in the harness's environment, a regular expression over the tests'
  // full titles) narrows both phases: a sign-in before the reload, its @after-reload tests after.
  const only = process.env.TOKEN_INSPECTOR_TEST_GREP ? `(?=.*(?:${process.env.TOKEN_INSPECTOR_TEST_GREP}))` : '';
  const phase = (await bridge.phase()) === 2 ? `(?=.*${AFTER_RELOAD.source})` : `(?!.*${AFTER_RELOAD.source})`;
  mocha.grep(new RegExp(`^${phase}${only}`));

  const bridged = bridge.available;
  return new Promise((resolve, reject) => {
    try {
      const skipped: string[] = [];
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        // CI counts tests from this line; keep it alone on its line and in this exact form.
        console.log(`${passed} passed, ${failed} failed`);
        // Tests that skip themselves (most need the harness's browser bridge, demo issuer or API),
        // named so a desktop run (npm run test:electron) shows what it did not check.
        if (skipped.length) {
          const why = bridged ? 'a prerequisite was missing' : 'no test bridge: they need test/host/run-tests.mjs (npm run test:host)';
          console.log(`${skipped.length} skipped (${why}):\n${skipped.map((title) => `  - ${title}`).join('\n')}`);
        }
        if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
        else resolve();
      });
      runner.on('pending', (test) => skipped.push(test.fullTitle()));
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
}
