// StrykerJS over src/core (`npm run mutate`; not part of `npm test`). README: "Mutation testing".
//
// Stryker copies the project into a sandbox, instruments src/core there (every mutant built in,
// switched on by id at run time), then `buildCommand` bundles the instrumented sources into the
// unit-test bundles exactly as `npm test` does; the test runner (bundle-runner.mjs: Stryker's
// mocha runner adapted to the bundles) loads them once per worker and runs, for each mutant, only
// the tests that covered it in the first (dry) run.

/** Unit-test bundles left out of mutation runs: they start third-party servers and child processes
 *  per suite (the interop matrix), test the demo issuer rather than src/core, or measure time; and
 *  the two that export the strings of src with l10n-dev (instrumented in the sandbox, where it no
 *  longer finds them all): the bundle check and the pseudo-language run. */
export const SLOW_SPECS = ['oidcInterop', 'demoIssuer', 'linearTime', 'l10n', 'l10nPseudo'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/core/**/*.ts'],
  // Copied into the sandbox: everything the build and the tests read, nothing built or reported.
  ignorePatterns: ['/out', '/dist', '/reports', '/test-results', '/.vscode-test', '*.vsix'],
  buildCommand: 'node scripts/build.mjs --tests',
  plugins: ['@stryker-mutator/mocha-runner', '@stryker-mutator/typescript-checker', './scripts/mutate/bundle-runner.mjs', './scripts/mutate/live-reporter.mjs'],
  testRunner: 'mocha-bundles',
  testRunnerNodeArgs: ['--enable-source-maps'], // stack traces name the TypeScript test files
  mochaOptions: { spec: [`out/test/unit/!(${SLOW_SPECS.join('|')}).test.js`] },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'scripts/mutate/tsconfig.json', // src/core alone: a full check takes half the time
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Two shared cores: two type-checkers (busy early, then idle) and two test runners.
  concurrency: 4,
  // A mutant may take twice its tests' time + 45 s before Stryker stops the worker: the tests' time
  // leaves out most suite hooks (a provider starting), and a test that waits forever already fails
  // at its own timeout (bundle-runner.mjs), so this is only the last resort.
  timeoutFactor: 2,
  timeoutMS: 20_000,
  // Static mutants (code run while modules load: constant tables, regular expressions) need their
  // bundles loaded again and all of those bundles' tests run: 1,021 of 8,967 mutants, which Stryker
  // estimates at 80% of the run's time (many hours on 2 cores). Left out of the score by default;
  // TOKEN_INSPECTOR_MUTATE_STATIC=1 tests them too (README "Mutation testing").
  ignoreStatic: process.env.TOKEN_INSPECTOR_MUTATE_STATIC !== '1',
  dryRunTimeoutMinutes: 15,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress', 'live-progress'], // live-reporter.mjs: survivors as found, resumable
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
