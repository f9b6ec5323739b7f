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

/**
 * Tags in test titles. Untagged tests run first; the harness then reloads the window and runs
 * the @after-reload ones, then reloads again for the @after-second-reload ones. @restricted tests
 * run only in the harness's Restricted Mode run (`run-tests.mjs --restricted`: an untrusted folder).
 */
const PHASES: Record<number, RegExp> = { 2: /@after-reload\b/, 3: /@after-second-reload\b/ };
const RESTRICTED = /@restricted\b/;
const TAGGED = /@after-reload\b|@after-second-reload\b|@restricted\b/;

/**
 * `*.reload.test.js` files set the stage for a reload and check it: they run last before a
 * reload (what they leave open is what the reload restores) and first after it (before other
 * tests change what was restored).
 */
const AROUND_RELOAD = /\.reload\.test\.js$/;

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const phase = await bridge.phase();
  const files = testFiles(__dirname);
  const around = files.filter((f) => AROUND_RELOAD.test(f));
  const others = files.filter((f) => !AROUND_RELOAD.test(f));
  for (const file of phase === 1 ? [...others, ...around] : [...around, ...others]) mocha.addFile(file);
  // TOKEN_INSPECTOR_TEST_GREP (in the harness's environment) narrows each phase while developing.
  const narrow = process.env.TOKEN_INSPECTOR_TEST_GREP ? `(?=.*(?:${process.env.TOKEN_INSPECTOR_TEST_GREP}))` : '';
  const tag = process.env.TOKEN_INSPECTOR_TEST_RESTRICTED ? RESTRICTED : PHASES[phase];
  mocha.grep(new RegExp(tag ? `^(?=.*${tag.source})${narrow}` : `^(?!.*(?:${TAGGED.source}))${narrow}`));

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
