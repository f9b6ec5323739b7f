// A Stryker reporter that writes each undetected mutant the moment it is tested, so the survivors of
// a two-hour run can be read (and killed) while it goes on: reports/mutation/survivors-live.txt,
// one line per mutant, `file:line` [mutator, status, tests run] original → replacement.
// Stryker's own reports appear only when the whole run ends.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const FILE = 'reports/mutation/survivors-live.txt';

class LiveSurvivors {
  sources = new Map();

  onMutationTestingPlanReady() {
    mkdirSync(dirname(FILE), { recursive: true });
    writeFileSync(FILE, `# undetected mutants as they are tested (run started ${new Date().toISOString()})\n`);
  }

  onMutantTested(result) {
    if (result.status !== 'Survived' && result.status !== 'NoCoverage') return;
    const name = relative(process.cwd(), result.fileName).split('\\').join('/');
    if (!this.sources.has(name)) this.sources.set(name, readFileSync(result.fileName, 'utf8').split('\n'));
    const { start, end } = result.location;
    const line = this.sources.get(name)[start.line - 1] ?? '';
    const original = start.line === end.line ? line.slice(start.column - 1, end.column - 1) : `${line.slice(start.column - 1)}…`;
    const flat = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 160);
    appendFileSync(FILE, `${name}:${start.line} [${result.mutatorName}, ${result.status}, ${result.testsCompleted ?? 0} tests] ${flat(original)} → ${flat(result.replacement ?? '')}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'live-survivors', LiveSurvivors)];
