// A Stryker reporter for runs that take hours on this machine ("live-progress"):
// - each undetected mutant is written the moment it is tested to reports/mutation/survivors-live.txt
//   (`file:line [mutator, status, tests run] original → replacement`), so survivors can be read,
//   and killed, while the run goes on;
// - every minute, the results so far are written to the incremental file, in the form Stryker
//   itself writes there at the end: a run that is stopped (or whose machine goes away) resumes
//   where it was, since the next run reuses every result whose code and tests did not change.
// Stryker's own reports appear only when a whole run ends.
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { commonTokens, declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const SURVIVORS = 'reports/mutation/survivors-live.txt';
const CHECKPOINT_EVERY_MS = 60_000;

const posix = (file) => relative(process.cwd(), file).split('\\').join('/');

/** The sources as Stryker read them when the run started (later edits must not pass for what was tested). */
function snapshot(folders) {
  const files = new Map();
  for (const folder of folders) {
    for (const name of readdirSync(folder, { recursive: true })) {
      if (String(name).endsWith('.ts')) files.set(`${folder}/${String(name).split('\\').join('/')}`, readFileSync(`${folder}/${name}`, 'utf8'));
    }
  }
  return files;
}

class LiveProgress {
  static inject = [commonTokens.options];
  sources = snapshot(['src', 'test']);
  tests = [];
  results = [];
  lastCheckpoint = Date.now();
  done = false;

  constructor(options) {
    this.incrementalFile = options.incremental ? options.incrementalFile : undefined;
    this.thresholds = options.thresholds;
  }

  onDryRunCompleted({ result }) {
    this.tests = result.tests;
  }

  onMutationTestingPlanReady() {
    mkdirSync(dirname(SURVIVORS), { recursive: true });
    writeFileSync(SURVIVORS, `# undetected mutants as they are tested (run started ${new Date().toISOString()})\n`);
  }

  onMutantTested(result) {
    this.results.push(result);
    if (result.status === 'Survived' || result.status === 'NoCoverage') this.writeSurvivor(result);
    if (Date.now() - this.lastCheckpoint >= CHECKPOINT_EVERY_MS) this.checkpoint();
  }

  onMutationTestReportReady() {
    this.done = true; // Stryker writes the complete incremental file itself now
  }

  writeSurvivor(result) {
    const lines = (this.sources.get(posix(result.fileName)) ?? '').split('\n');
    const { start, end } = result.location;
    const line = lines[start.line - 1] ?? '';
    const original = start.line === end.line ? line.slice(start.column - 1, end.column - 1) : `${line.slice(start.column - 1)}…`;
    const flat = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 160);
    appendFileSync(SURVIVORS, `${posix(result.fileName)}:${start.line} [${result.mutatorName}, ${result.status}, ${result.testsCompleted ?? 0} tests] ${flat(original)} → ${flat(result.replacement ?? '')}\n`);
  }

  /** The results so far as a mutation-testing report (what Stryker's incremental mode reads). */
  checkpoint() {
    this.lastCheckpoint = Date.now();
    if (!this.incrementalFile || this.done || !this.tests.length) return;
    // Test ids become numbers, as in Stryker's own report.
    const ids = new Map(this.tests.map((test, index) => [test.id, String(index)]));
    const remap = (list) => list?.map((id) => ids.get(id) ?? id);
    const files = {};
    for (const { fileName, location, killedBy, coveredBy, ...mutant } of this.results) {
      const name = posix(fileName);
      files[name] ??= { language: 'typescript', source: this.sources.get(name) ?? '', mutants: [] };
      files[name].mutants.push({ ...mutant, location, killedBy: remap(killedBy), coveredBy: remap(coveredBy) });
    }
    const testFiles = {};
    for (const test of this.tests) {
      const name = test.fileName ? posix(test.fileName) : '';
      testFiles[name] ??= { source: this.sources.get(name), tests: [] };
      const start = test.startPosition && { line: test.startPosition.line + 1, column: test.startPosition.column + 1 };
      testFiles[name].tests.push({ id: ids.get(test.id), name: test.name, location: start && { start } });
    }
    const report = { files, schemaVersion: '1.0', thresholds: this.thresholds, testFiles, projectRoot: process.cwd() };
    mkdirSync(dirname(this.incrementalFile), { recursive: true });
    writeFileSync(`${this.incrementalFile}.partial`, JSON.stringify(report));
    renameSync(`${this.incrementalFile}.partial`, this.incrementalFile);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'live-progress', LiveProgress)];
