// Stryker test runner "mocha-bundles": Stryker's mocha runner, adapted to unit tests that run as
// esbuild bundles (out/test/unit/*.test.js, each with its own copy of the src/core code it uses).
// Used by `npm run mutate` only (see stryker.config.mjs and README "Mutation testing").
//
// What it adds to the mocha runner:
// - Static mutants (code run while a module loads: constant tables, regular expressions, the
//   loopback host) without restarting the worker for each: a bundle is plain CommonJS, so only
//   the bundles whose loading ran the mutated code are loaded again with the mutant active, and
//   only their tests run (plus tests that reached it later, as seen in the dry run). Afterwards
//   those bundles are loaded again unmutated. Stryker's own way (a fresh worker loading every
//   bundle and running every test per static mutant) took most of the run time.
// - Per-test coverage of code run by a suite's `before`/`after` hooks (a sign-in its tests share)
//   is credited to every test of that suite; otherwise it went to whichever test ran last, often
//   in another file, and the mutant was tested by that test only.
// - Tests are reported with their TypeScript file and position (test/unit/x.test.ts:12:3, through
//   the bundles' source maps), so an incremental run retests the mutants of the tests that changed;
//   the bundle changes with every source it includes, which would make every test look new.
// - Mutant runs take the suites cheapest first (a mutant dies at its first failing test).
// - In mutant runs every test gets a timeout of three times its dry-run time (at least 5 s; a
//   test's own timeout if shorter), and hooks without one get one (the mocha runner sets none):
//   a mutant that makes a test wait forever fails it with mocha's message within seconds instead
//   of the test's own generous timeout (10 to 60 s, for busy machines) or stalling the worker.
// - A mutant run that ran none of the tests covering the mutant is reported as an error (a fault
//   of this runner), never as a survivor.
// - A kill by "done() called multiple times" (a test of an earlier mutant's run that outlived its
//   timeout, finishing now) is not believed: the mutant runs again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { DryRunStatus, MutantRunStatus } from '@stryker-mutator/api/test-runner';
import { createMochaTestRunnerFactory } from '@stryker-mutator/mocha-runner';

const Mocha = createRequire(import.meta.url)('mocha');

const TEST_TIMEOUT_MS = 5_000; // at least; three times the test's time in the dry run if longer
const HOOK_TIMEOUT_MS = 60_000; // a suite's servers and child processes starting on a busy machine
const HOOK_PREFIX = 'suite hook: ';
/** Starts the message of a mutant run that ran no test (scripts/mutate/run.mjs looks for it). */
export const RUNNER_FAULT = 'Test runner fault:';
const BUNDLE_DIR = `${sep}out${sep}test${sep}unit${sep}`;
/** Mocha's failure when a test that already finished (timed out) calls done() again, later. */
const LEFTOVER = /done\(\) called multiple times/;

/** Stryker's instrumenter namespace: coverage, active mutant, current test, hit count. */
const strykerNamespace = () => (globalThis.__stryker__ ??= {});

/** The test's TypeScript source for its bundle; other paths unchanged. */
function sourceFile(file) {
  if (!file?.includes(BUNDLE_DIR) || !file.endsWith('.test.js')) return file;
  return file.replace(BUNDLE_DIR, `${sep}test${sep}unit${sep}`).replace(/\.js$/, '.ts');
}

/** The test file position of the first stack frame in a test file: { file, line, column } (1-based). */
function writtenAt(stack) {
  for (const line of String(stack).split('\n')) {
    const frame = /\(?([^()\s]+\.test\.ts):(\d+):(\d+)\)?\s*$/.exec(line);
    if (frame) return { file: frame[1], line: Number(frame[2]), column: Number(frame[3]) };
  }
  return undefined;
}

/**
 * Mocha's bdd interface keeps the suites being defined on a stack shared by every file it loads, and
 * pops a suite only when its `describe` callback returns. A callback that throws (a static mutant
 * breaking a fixture a suite builds while loading) left its suite on the stack for good: every
 * bundle loaded after it, the unmutated reload included, defined its suites inside that orphan,
 * out of the root suite's reach, and every later mutant covered by them "survived" with no test
 * run. So the callbacks are wrapped: an error is caught where the callback runs and thrown again
 * once mocha has popped the suite.
 */
function balanced(describe) {
  if (typeof describe !== 'function' || describe.balanced) return describe;
  return Object.assign(function (title, fn) {
    if (typeof fn !== 'function') return describe.call(this, title, fn);
    /** @type {{ err: unknown } | undefined} */
    let failure;
    const suite = describe.call(this, title, function (...args) {
      try {
        return fn.apply(this, args);
      } catch (err) {
        failure = { err };
        return undefined;
      }
    });
    if (failure) throw failure.err;
    return suite;
  }, describe, { balanced: true });
}

/** Every suite below (and including) the given one. */
function* suites(suite) {
  yield suite;
  for (const child of suite.suites) yield* suites(child);
}

/** The tests below a suite that run (not pending), by full title. */
function titles(suite) {
  return [...suites(suite)].flatMap((s) => s.tests.filter((t) => !t.isPending()).map((t) => t.fullTitle()));
}

/** Runs a hook's function with coverage credited to `id`, whether it is sync, async or takes `done`. */
function creditTo(hook, id) {
  const original = hook.fn;
  if (typeof original !== 'function') return;
  const enter = () => {
    const ns = strykerNamespace();
    const previous = ns.currentTestId;
    ns.currentTestId = id;
    return () => void (ns.currentTestId = previous);
  };
  hook.fn = original.length > 0
    ? function (done) {
        const leave = enter();
        return original.call(this, (err) => {
          leave();
          done(err);
        });
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
        if (typeof result?.then !== 'function') {
          leave();
          return result;
        }
        return result.then(
          (value) => {
            leave();
            return value;
          },
          (err) => {
            leave();
            throw err;
          },
        );
      };
}

class BundleMochaRunner {
  /** @param inner Stryker's MochaTestRunner */
  constructor(inner, log) {
    this.inner = inner;
    this.log = log;
    this.loaded = false;
    /** Bundle → ids of the mutants its (unmutated) loading ran. */
    this.loadedMutants = new Map();
    /** Bundles loaded with a static mutant active, to load again before the next mutant. */
    this.dirty = [];
    /** From the dry run: test title → ms, and static mutant id → titles of tests that reached it later. */
    this.facts = undefined;
  }

  capabilities() {
    return { reloadEnvironment: true };
  }

  async init() {
    await this.inner.init();
    this.mocha = this.inner.mocha;
    this.files = this.mocha.files.map((file) => resolve(file)); // as mocha names them in its events
    this.factsFile = join(dirname(this.files[0]), '..', '..', 'stryker-bundle-facts.json');
    let before;
    this.mocha.suite.on('pre-require', (context) => {
      before = { ...strykerNamespace().mutantCoverage?.static };
      // Where each test is written (the worker runs with source maps on): an incremental run then
      // retests only the mutants whose tests changed, not every mutant a changed file killed.
      for (const name of ['describe', 'context', 'xdescribe', 'xcontext']) context[name] = balanced(context[name]);
      for (const name of ['describe', 'context']) {
        for (const variant of ['only', 'skip']) if (context[name]) context[name][variant] = balanced(context[name][variant]);
      }
      const it = context.it;
      if (typeof it !== 'function' || it.located) return;
      context.it = Object.assign(function (...args) {
        const test = it.apply(this, args);
        if (test) test.location = writtenAt(new Error().stack);
        return test;
      }, it, { located: true });
    });
    this.mocha.suite.on('post-require', (_context, file) => {
      if (this.recording) {
        const now = strykerNamespace().mutantCoverage?.static ?? {};
        this.loadedMutants.set(file, new Set(Object.keys(now).filter((id) => now[id] !== before[id])));
      }
      for (const suite of this.mocha.suite.suites.filter((s) => s.file === file)) {
        for (const inner of suites(suite)) for (const hook of [...inner._beforeAll, ...inner._afterAll]) creditTo(hook, HOOK_PREFIX + inner.fullTitle());
      }
    });
  }

  /** (Re)loads bundles, with `activeMutant` on while they load; forgets what they defined before. */
  load(files, activeMutant) {
    const ns = strykerNamespace();
    const root = this.mocha.suite;
    root.suites = root.suites.filter((s) => !files.includes(s.file));
    root.tests = root.tests.filter((t) => !files.includes(t.file));
    for (const file of files) Mocha.unloadFile(file);
    const currentTest = ns.currentTestId;
    Object.assign(ns, { activeMutant, currentTestId: undefined, hitCount: undefined });
    this.recording = activeMutant === undefined && !this.loaded;
    try {
      this.mocha.files = files;
      this.mocha.loadFiles();
    } finally {
      this.mocha.files = this.files;
      this.mocha.lazyLoadFiles(true);
      ns.currentTestId = currentTest;
      this.recording = false;
    }
  }

  ensureLoaded() {
    if (this.loaded) return;
    this.load(this.files, undefined);
    this.loaded = true;
    this.inner.loadedEnv = true; // the mocha runner must not load them again
  }

  /**
   * Cheapest suites first (by their time in the dry run, hooks included): a mutant is usually
   * killed by the first test that covers it, so the unit tests should get the first chance, before
   * suites that start a provider.
   */
  cheapestFirst() {
    const cost = (suite) => this.facts.suiteCost[suite.fullTitle()] ?? Infinity;
    this.mocha.suite.suites.sort((a, b) => cost(a) - cost(b));
  }

  /** Timeouts for a mutant run (none in the dry run, which measures). */
  setTimeouts(dryRun) {
    for (const suite of suites(this.mocha.suite)) {
      for (const test of suite.tests) {
        test.__ownTimeout ??= test.timeout();
        const limit = Math.max(TEST_TIMEOUT_MS, 3 * (this.facts?.durations[test.fullTitle()] ?? 0));
        test.timeout(dryRun ? test.__ownTimeout : Math.min(test.__ownTimeout || Infinity, limit));
      }
      for (const hook of [...suite._beforeAll, ...suite._afterAll, ...suite._beforeEach, ...suite._afterEach]) {
        hook.__ownTimeout ??= hook.timeout();
        if (hook.__ownTimeout === 0) hook.timeout(dryRun ? 0 : HOOK_TIMEOUT_MS);
      }
    }
  }

  async dryRun(options) {
    this.ensureLoaded();
    this.setTimeouts(true);
    const result = await this.inner.dryRun(options);
    if (result.status !== DryRunStatus.Complete) return result;
    const perTest = result.mutantCoverage?.perTest ?? {};
    for (const suite of suites(this.mocha.suite)) {
      const covered = perTest[HOOK_PREFIX + suite.fullTitle()];
      if (!covered) continue;
      delete perTest[HOOK_PREFIX + suite.fullTitle()];
      for (const title of titles(suite)) {
        const counts = (perTest[title] ??= {});
        for (const [mutant, hits] of Object.entries(covered)) counts[mutant] = (counts[mutant] ?? 0) + hits;
      }
    }
    const loadTime = new Set([...this.loadedMutants.values()].flatMap((ids) => [...ids]));
    const laterTests = {};
    for (const [title, counts] of Object.entries(perTest)) {
      for (const id of Object.keys(counts)) if (loadTime.has(id)) (laterTests[id] ??= []).push(title);
    }
    const suiteCost = {};
    for (const suite of this.mocha.suite.suites) {
      const runnables = [...suites(suite)].flatMap((s) => [...s.tests, ...s._beforeAll, ...s._afterAll, ...s._beforeEach, ...s._afterEach]);
      suiteCost[suite.fullTitle()] = (suiteCost[suite.fullTitle()] ?? 0) + runnables.reduce((sum, r) => sum + (r.duration ?? 0), 0);
    }
    this.facts = { durations: Object.fromEntries(result.tests.map((t) => [t.name, t.timeSpentMs])), laterTests, suiteCost };
    mkdirSync(dirname(this.factsFile), { recursive: true });
    writeFileSync(this.factsFile, JSON.stringify(this.facts));
    const locations = new Map([...suites(this.mocha.suite)].flatMap((suite) => suite.tests.map((t) => [t.fullTitle(), t.location])));
    for (const test of result.tests) {
      const location = locations.get(test.name);
      test.fileName = location?.file ?? sourceFile(test.fileName);
      if (location) test.startPosition = { line: location.line - 1, column: location.column - 1 };
    }
    return result;
  }

  async mutantRun(options) {
    const started = Date.now();
    let result = await this.mutantRunInner(options);
    if (result.status === MutantRunStatus.Killed && LEFTOVER.test(result.failureMessage ?? '')) {
      // A test that outlived an earlier mutant's run (its timeout) finished during this one: its
      // second done() failed a test here. Not this mutant's doing; the leftover has run out, so run again.
      this.log.info(`mutant ${options.activeMutant.id}: a leftover of an earlier run failed a test (${result.failureMessage}); running it again`);
      result = await this.mutantRunInner(options);
    }
    this.log.debug(`mutant ${options.activeMutant.id} (${options.mutantActivation}, ${options.testFilter?.length ?? 'all'} tests): ${result.status} in ${Date.now() - started} ms, ${result.nrOfTests ?? '?'} run`);
    if (result.status === MutantRunStatus.Survived && result.nrOfTests === 0) {
      // Stryker only asks for a run when tests cover the mutant: none running is this runner's fault,
      // never a survivor (it would read as a gap in the tests). Reported as an error, which run.mjs counts.
      const errorMessage = `${RUNNER_FAULT} mutant ${options.activeMutant.id} ran none of the ${options.testFilter?.length ?? 'all'} tests that cover it.`;
      this.log.warn(errorMessage);
      result = { status: MutantRunStatus.Error, errorMessage };
    }
    return result;
  }

  async mutantRunInner(options) {
    this.ensureLoaded();
    this.facts ??= JSON.parse(readFileSync(this.factsFile, 'utf8'));
    if (this.dirty.length) {
      this.load(this.dirty, undefined);
      this.dirty = [];
    }
    if (options.mutantActivation !== 'static') {
      this.setTimeouts(false);
      this.cheapestFirst();
      return this.inner.mutantRun(options);
    }
    // A static mutant: load again the bundles whose loading runs it, and those of the tests that
    // reached it later, with it active; run their tests.
    const id = options.activeMutant.id;
    const loading = this.files.filter((file) => this.loadedMutants.get(file)?.has(id));
    const later = this.facts.laterTests[id] ?? [];
    const testFiles = (wanted) => this.mocha.suite.suites.filter((s) => titles(s).some((t) => wanted.has(t))).map((s) => s.file);
    const files = loading.length ? [...new Set([...loading, ...testFiles(new Set(later))])] : this.files;
    const tests = [...new Set(loading.length ? [...this.mocha.suite.suites.filter((s) => loading.includes(s.file)).flatMap(titles), ...later] : titles(this.mocha.suite))];
    this.dirty = files;
    try {
      this.load(files, id);
    } catch (err) {
      // The mutant keeps the bundles from loading at all: none of their tests can pass.
      return { status: MutantRunStatus.Killed, killedBy: tests, failureMessage: `Loading the tests failed: ${err instanceof Error ? err.message : String(err)}`, nrOfTests: tests.length };
    }
    this.setTimeouts(false);
    this.cheapestFirst();
    return this.inner.mutantRun({ ...options, mutantActivation: 'runtime', testFilter: tests });
  }

  dispose() {
    return this.inner.dispose();
  }
}

createBundleMochaRunner.inject = tokens(commonTokens.injector, commonTokens.logger);
function createBundleMochaRunner(injector, log) {
  return new BundleMochaRunner(createMochaTestRunnerFactory()(injector), log);
}

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'mocha-bundles', createBundleMochaRunner)];
