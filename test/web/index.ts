// Entry point of the tests in VS Code for the web's web worker extension host (run-tests.mjs --web
// loads the bundled out/test/web/index.js as extensionTestsPath). One bundle: no files to list.
import './setup';
import './webWorker.test';

declare const mocha: { run(done: (failures: number) => void): { stats?: { passes: number; failures: number } } };

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // CI counts tests from this line; keep it alone on its line and in this exact form.
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`);
      if (failures > 0) reject(new Error(`${failures} web extension test(s) failed`));
      else resolve();
    });
  });
}
