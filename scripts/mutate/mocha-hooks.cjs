// Root hooks for mocha under Stryker (`npm run mutate`), never loaded by `npm test`.
//
// The unit tests run as esbuild bundles (out/test/unit/*.test.js), so two things Stryker relies on
// need help:
// 1. Incremental runs identify a test by its file and title, and read that file to see whether the
//    test changed. The bundle changes whenever any source it includes changes, which would make
//    every test look new after any edit; so each test reports its TypeScript file instead
//    (test/unit/x.test.ts), which changes only when the test does.
// 2. Per-test coverage is recorded under the test that is running. Code run by a suite's
//    `before`/`after` hook (a sign-in shared by its tests) would be credited to whichever test ran
//    last, often in another file, and a mutant there would then be tested by that test only. Such
//    coverage is recorded under the suite and credited to every test of the suite at the end of
//    the dry run, so the mutant is tested by the tests that depend on the hook.
// In mutant runs, tests and hooks without a timeout of their own get one (Stryker's runner sets
// none), so a mutant that makes a test wait forever fails that test with mocha's message instead of
// stalling the worker until Stryker kills and restarts it. The dry run (no active mutant) has none:
// instrumented code is slow, and it measures each test's time for the limit.
'use strict';
const { sep } = require('node:path');

/** Stryker's instrumenter namespace (coverage, active mutant, current test). */
const strykerNamespace = () => (globalThis.__stryker__ ??= {});
const BUNDLE_DIR = `${sep}out${sep}test${sep}unit${sep}`;
const SOURCE_DIR = `${sep}test${sep}unit${sep}`;
const HOOK_PREFIX = 'suite hook: ';
const TEST_TIMEOUT_MS = 10_000; // at least; three times the test's time in the dry run if longer
const HOOK_TIMEOUT_MS = 60_000; // a suite's servers and child processes starting on a busy machine

/** The test's TypeScript source for its bundle; other paths unchanged. */
function sourceFile(file) {
  if (!file || !file.includes(BUNDLE_DIR) || !file.endsWith('.test.js')) return file;
  return file.replace(BUNDLE_DIR, SOURCE_DIR).replace(/\.js$/, '.ts');
}

/** Every suite below (and including) the given one. */
function* suites(suite) {
  yield suite;
  for (const child of suite.suites) yield* suites(child);
}

/** Runs a hook's function with coverage credited to `id`, whether it is sync, async or takes `done`. */
function creditTo(hook, id) {
  if (hook.__creditedTo) return;
  hook.__creditedTo = id;
  const original = hook.fn;
  if (typeof original !== 'function') return;
  const enter = () => {
    const ns = strykerNamespace();
    const previous = ns.currentTestId;
    ns.currentTestId = id;
    return () => { ns.currentTestId = previous; };
  };
  hook.fn = original.length > 0
    ? function (done) {
        const leave = enter();
        return original.call(this, (err) => { leave(); done(err); });
      }
    : function () {
        const leave = enter();
        let result;
        try {
          result = original.call(this);
        } catch (err) {
          leave();
          throw err;
        }
        if (result && typeof result.then === 'function') return result.then((value) => { leave(); return value; }, (err) => { leave(); throw err; });
        leave();
        return result;
      };
}

let root;

/** Hook coverage recorded under a suite, added to each test of that suite (pending ones excepted). */
function creditSuiteCoverage() {
  const perTest = strykerNamespace().mutantCoverage?.perTest;
  if (!perTest || !root) return;
  for (const suite of suites(root)) {
    const id = HOOK_PREFIX + suite.fullTitle();
    const covered = perTest[id];
    if (!covered) continue;
    delete perTest[id];
    for (const inner of suites(suite)) {
      for (const test of inner.tests) {
        if (test.isPending()) continue;
        const counts = (perTest[test.fullTitle()] ??= {});
        for (const [mutant, hits] of Object.entries(covered)) counts[mutant] = (counts[mutant] ?? 0) + hits;
      }
    }
  }
}

/** A runnable's own timeout, remembered the first time it is seen (0: none). */
function ownTimeout(runnable) {
  runnable.__ownTimeout ??= runnable.timeout();
  return runnable.__ownTimeout;
}

exports.mochaHooks = {
  beforeAll() {
    root = this.test.parent;
    const dryRun = strykerNamespace().activeMutant === undefined;
    for (const suite of suites(root)) {
      suite.file = sourceFile(suite.file);
      for (const test of suite.tests) {
        test.file = sourceFile(test.file);
        if (ownTimeout(test) === 0) test.timeout(dryRun ? 0 : Math.max(TEST_TIMEOUT_MS, 3 * (test.__dryRunMs ?? 0)));
      }
      if (suite === root) continue;
      for (const hook of [...suite._beforeAll, ...suite._afterAll, ...suite._beforeEach, ...suite._afterEach]) {
        if (ownTimeout(hook) === 0) hook.timeout(dryRun ? 0 : HOOK_TIMEOUT_MS);
      }
      for (const hook of [...suite._beforeAll, ...suite._afterAll]) creditTo(hook, HOOK_PREFIX + suite.fullTitle());
    }
  },
  afterAll() {
    if (strykerNamespace().activeMutant !== undefined) return;
    for (const suite of suites(root)) for (const test of suite.tests) if (test.duration !== undefined) test.__dryRunMs = test.duration;
    creditSuiteCoverage();
  },
};
