// `npm run mutate`: StrykerJS over src/core (stryker.config.mjs), then the score and what needs a
// look. Extra arguments go to Stryker, e.g. `npm run mutate -- --mutate src/core/jwt/decode.ts`
// or `-- --force` (test every mutant again, ignoring the incremental file).
//
// Prints the mutation score of src/core and of each folder, how many kills came only from a test
// timing out, and every surviving mutant in src/core/oidc, src/core/jwt and src/core/zitadel/api
// that README.md's "Mutation testing" section does not list as equivalent, and every mutant that
// ran no test although tests cover it (a test runner fault). Exits 1 when the score is under 90%,
// such a survivor is left or the runner failed a mutant that way.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { RUNNER_FAULT } from './bundle-runner.mjs';

const REPORT = 'reports/mutation/mutation.json';
const INCREMENTAL = 'reports/mutation/stryker-incremental.json';
const TARGET = 90;
/** Folders whose every survivor must be killed or listed in the README with why it is equivalent. */
const STRICT = ['src/core/oidc/', 'src/core/jwt/', 'src/core/zitadel/api/'];

// `-- --progress`: no run; the score so far of a run going on (or stopped), from the results it
// writes to the incremental file every minute (live-reporter.mjs).
const progress = process.argv.includes('--progress');
const started = Date.now();
const exit = progress
  ? 0
  : await new Promise((done) => {
      const child = spawn(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', 'scripts/mutate/stryker.config.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
      child.on('close', (exit, signal) => done(exit ?? (signal ? 1 : 0)));
    });
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const source = progress ? INCREMENTAL : REPORT;
if (exit !== 0 || !existsSync(source)) {
  console.error(progress ? `\nNo results yet (${INCREMENTAL}).` : `\nStryker failed (exit ${exit}) after ${minutes} min; no score.`);
  process.exit(exit || 1);
}

const report = JSON.parse(readFileSync(source, 'utf8'));
const files = Object.entries(report.files).map(([name, file]) => [relative(process.cwd(), resolve(name)).split('\\').join('/'), file]);
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Mutation score as Stryker computes it: detected / (detected + undetected); errors and ignored left out. */
function score(mutants) {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  return { detected, undetected, percent: detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected) };
}

/** The mutated source text of a mutant (first line, shortened) and its replacement, as the README lists them. */
function describe(file, mutant) {
  const lines = file.source.split('\n');
  const { start, end } = mutant.location;
  const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`;
  const short = (text) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 70 ? `${flat.slice(0, 69)}…` : flat;
  };
  return `${code(short(original))} → ${code(short(mutant.replacement ?? mutant.mutatorName))}`;
}

/** Inline Markdown code, fenced with more backticks than the text holds. */
function code(text) {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

const readme = readFileSync('README.md', 'utf8');
const section = /^### Mutation testing$([\s\S]*?)(?=^##+ |$(?![\s\S]))/m.exec(readme)?.[1] ?? ''; // up to the next heading or the end

const all = files.flatMap(([, file]) => file.mutants);
const total = score(all);
const byFolder = new Map();
for (const [name, file] of files) {
  const folder = name.split('/').slice(0, -1).join('/');
  byFolder.set(folder, [...(byFolder.get(folder) ?? []), ...file.mutants]);
}
const timeoutKills = all.filter((m) => m.status === 'Killed' && /Timeout of \d+ms exceeded/.test(m.statusReason ?? '')).length;
const timedOut = all.filter((m) => m.status === 'Timeout').length;
// A survivor must have run at least one test (a mutant no test reaches is "NoCoverage"): one that
// ran none, or a run the test runner gave up on as such, says nothing about the tests.
const faults = files.flatMap(([name, file]) =>
  file.mutants
    .filter((m) => (m.status === 'Survived' && !(m.testsCompleted > 0)) || (m.status === 'RuntimeError' && m.statusReason?.startsWith(RUNNER_FAULT)))
    .map((m) => `${code(name)} ${describe(file, m)} (mutant ${m.id}, line ${m.location.start.line}, ${m.status}, ${m.testsCompleted ?? 0} tests run)`),
);
const unexplained = [];
const explained = [];
for (const [name, file] of files) {
  if (!STRICT.some((folder) => name.startsWith(folder))) continue;
  for (const mutant of file.mutants.filter((m) => m.status === 'NoCoverage' || (m.status === 'Survived' && m.testsCompleted > 0))) {
    const entry = `${code(name)} ${describe(file, mutant)}`;
    (section.includes(entry) ? explained : unexplained).push(`${entry} (${mutant.mutatorName}, line ${mutant.location.start.line}, ${mutant.status})`);
  }
}

console.log('\nMutation score by folder (killed + timed out) / (killed + timed out + survived + no coverage):');
for (const [folder, mutants] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
  const s = score(mutants);
  console.log(`  ${folder.padEnd(26)} ${s.percent.toFixed(2).padStart(6)}%  (${s.detected} detected, ${s.undetected} undetected)`);
}
console.log(`\n${timedOut} mutants detected by Stryker's timeout, ${timeoutKills} killed only by a test's own timeout.`);
console.log(`${explained.length} survivors in ${STRICT.join(', ')} listed in README.md as equivalent.`);
if (unexplained.length) {
  console.log(`\n${unexplained.length} survivors there are neither killed nor listed (README.md, "Mutation testing", one line each: \`file\` \`original\` → \`replacement\`: why):`);
  for (const line of unexplained) console.log(`  - ${line}`);
}
if (faults.length) {
  console.log(`\n${faults.length} mutant${faults.length === 1 ? '' : 's'} ran no test although tests cover ${faults.length === 1 ? 'it' : 'them'}: a test runner fault (scripts/mutate/bundle-runner.mjs), not a verdict on the tests. Rerun with \`-- --force\`:`);
  for (const line of faults) console.log(`  - ${line}`);
}
const sources = readdirSync('src/core', { recursive: true }).filter((name) => String(name).endsWith('.ts')).length;
const partial = files.length < sources ? ` The report covers ${files.length} of the ${sources} files of src/core.` : '';
const ignored = all.filter((m) => m.status === 'Ignored').length;
if (ignored) console.log(`${ignored} static mutants left out of the score (TOKEN_INSPECTOR_MUTATE_STATIC=1 tests them).`);
if (progress) {
  const counted = all.filter((m) => m.status !== 'Ignored' && m.status !== 'CompileError').length;
  console.log(`\nSo far (a run in progress or stopped; the next \`npm run mutate\` resumes it): ${total.percent.toFixed(2)}% on the ${counted} mutants tested.${partial}`);
  process.exit(0);
}
console.log(`\nMutation score on src/core: ${total.percent.toFixed(2)}% (${total.detected} of ${total.detected + total.undetected} mutants detected; target ${TARGET}%) in ${minutes} min.${partial}`);
console.log('HTML report: reports/mutation/index.html');
process.exit(total.percent < TARGET || unexplained.length || faults.length ? 1 : 0);
