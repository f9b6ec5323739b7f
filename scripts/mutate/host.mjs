// `npm run mutate:host`: a few hand-written mutants of the webview and the VS Code adapters, each
// run against the extension test suites that should notice it, in the real VS Code host
// (test/host/run-tests.mjs). Not part of `npm test` or CI (about 2 minutes per mutant here).
// README: "Mutation testing".
//
// The working tree (without node_modules, build output and reports) is copied once to a temporary
// folder whose node_modules links to this one; each mutant edits one file of that copy, the copy is
// built and the chosen suites run with TOKEN_INSPECTOR_TEST_GREP, then the file is written back.
// This tree is never modified. For each mutant it prints the tests that failed, or SURVIVED.
//
//   node scripts/mutate/host.mjs [name…]   # only the mutants whose name contains one of the words
//
// Each run's output goes to reports/mutation/host/<n>.log. Exit code 1 when a mutant survived or could not be applied (its source text is gone: update the list).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * @typedef {object} Mutant
 * @property {string} name what the mutant breaks
 * @property {string} file the source file changed
 * @property {string} from exact source text, found once
 * @property {string} to its replacement
 * @property {string} suites the tests to run: a regular expression over mocha's full titles
 */

const INSPECTOR = 'renders the inspector with claims|hostile claim values as text|inspector webview inert';
const HOVERS = 'summarises a JWT on hover|editor hovers to our own link|adapter without HTML';

/** @type {Mutant[]} */
const MUTANTS = [
  {
    name: 'webview: a plain value set with innerHTML',
    file: 'src/webview/dom.ts',
    from: "if (!link) return el('span', {}, text);",
    to: "if (!link) { const span = el('span', {}); span.innerHTML = text; return span; }",
    suites: INSPECTOR,
  },
  {
    name: 'webview: a link\'s text set with innerHTML',
    file: 'src/webview/dom.ts',
    from: "const a = el('a', { title: link.href }, link.text);",
    to: "const a = el('a', { title: link.href }); a.innerHTML = link.text;",
    suites: INSPECTOR,
  },
  {
    name: 'webview: a javascript: value becomes a link',
    file: 'src/webview/dom.ts',
    from: 'const link = vetLink(text);',
    to: "const link = vetLink(text) ?? (/^javascript:/i.test(text) ? { href: text, text } : undefined);",
    suites: INSPECTOR,
  },
  {
    name: "inspector CSP: scripts also 'unsafe-inline'",
    file: 'src/vscode/views/inspectorPanel.ts',
    from: "`script-src 'nonce-${nonce}'`,",
    to: "`script-src 'nonce-${nonce}' 'unsafe-inline'`,",
    suites: INSPECTOR,
  },
  {
    name: "inspector CSP: styles also 'unsafe-inline'",
    file: 'src/vscode/views/inspectorPanel.ts',
    from: '`style-src ${webview.cspSource}`,',
    to: "`style-src ${webview.cspSource} 'unsafe-inline'`,",
    suites: INSPECTOR,
  },
  {
    name: 'sign-out keeps the stored session',
    file: 'src/vscode/state/sessions.ts',
    from: 'await this.secrets.delete(KEY_PREFIX + profile.name);',
    to: 'void KEY_PREFIX;',
    suites: 'Sign-in to the demo issuer',
  },
  {
    name: 'notifications without messageText',
    file: 'src/vscode/ui/notify.ts',
    from: 'const choice = await fn(messageText(message), ...labels);',
    to: 'const choice = await fn(message, ...labels);',
    suites: 'decode errors built from hostile header text|rejects bad input',
  },
  {
    name: 'progress titles and validation messages without messageText',
    file: 'src/vscode/ui/notify.ts',
    from: 'return messageText(text, 300);',
    to: 'return text;',
    suites: 'input-box validation messages',
  },
  {
    name: 'quick picks and status bar keep $(icon)',
    file: 'src/vscode/ui/notify.ts',
    from: 'return noIcons(inline(text, max));',
    to: 'return inline(text, max);',
    suites: 'quick picks without icons',
  },
  {
    name: 'markdown: isTrusted true',
    file: 'src/vscode/ui/markdown.ts',
    from: 'md.isTrusted = options.commands?.length ? { enabledCommands: options.commands } : false;',
    to: 'md.isTrusted = true;',
    suites: HOVERS,
  },
  {
    name: 'markdown: supportHtml true',
    file: 'src/vscode/ui/markdown.ts',
    from: 'md.supportHtml = false;',
    to: 'md.supportHtml = true;',
    suites: HOVERS,
  },
  {
    name: 'mdText does not escape',
    file: 'src/core/text/markdown.ts',
    from: ".replace(PUNCTUATION, (c) => (c === '$' ? '&#36;' : `\\\\${c}`));",
    to: ';',
    suites: HOVERS,
  },
  {
    name: 'the log not redacted',
    file: 'src/vscode/ui/log.ts',
    from: 'clip(redactTokens(message), LINE_LIMIT)',
    to: 'clip(message, LINE_LIMIT)',
    suites: 'out of settings, state and log files|SecretStorage only',
  },
];

const repo = resolve(import.meta.dirname, '..', '..');
const words = process.argv.slice(2);
const chosen = MUTANTS.filter((m) => !words.length || words.some((w) => m.name.includes(w)));
const SKIP = new Set(['node_modules', '.git', 'out', 'dist', 'reports', 'test-results', '.stryker-tmp', '.vscode-test']);

const LOGS = join(repo, 'reports', 'mutation', 'host'); // each mutant's host run output
rmSync(LOGS, { recursive: true, force: true });
mkdirSync(LOGS, { recursive: true });
const copy = mkdtempSync(join(tmpdir(), 'token-inspector-host-mutants-'));
cpSync(repo, copy, { recursive: true, filter: (source) => !SKIP.has(source.slice(repo.length + 1).split('/')[0]) });
symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
console.log(`Working copy: ${copy}`);

/** Runs a command in the copy; its output, and whether it succeeded. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: copy, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** The titles of the failed tests in mocha's spec output ("  1) suite\n       test:"), deduplicated. */
function failures(output) {
  const titles = new Set();
  for (const match of output.matchAll(/^\s+\d+\) (.+)\n\s+(.+):$/gm)) titles.add(`${match[1].trim()} › ${match[2].trim()}`);
  return [...titles];
}

/** Applies the mutant to the copy, builds, runs its suites, restores the file: the verdict. */
function test(mutant) {
  const path = join(copy, mutant.file);
  const original = readFileSync(path, 'utf8');
  if (original.split(mutant.from).length !== 2) return { verdict: `NOT APPLIED: the text is not found exactly once in ${mutant.file}` };
  writeFileSync(path, original.replace(mutant.from, () => mutant.to));
  try {
    const build = run(process.execPath, ['scripts/build.mjs', '--tests']);
    if (!build.ok) return { verdict: `KILLED by the build: ${build.output.trim().split('\n').slice(-3).join(' ')}`, output: build.output };
    const host = run(process.execPath, ['test/host/run-tests.mjs'], { TOKEN_INSPECTOR_TEST_GREP: mutant.suites });
    const counts = (host.output.match(/^\d+ passed, \d+ failed$/gm) ?? []).join('; ') || 'no test ran';
    if (host.ok) return { verdict: `SURVIVED (${counts})`, output: host.output };
    const failed = failures(host.output);
    return { verdict: failed.length ? `KILLED: ${failed.join('; ')}` : `KILLED? the host run failed without a test failure (${counts}); see its log`, output: host.output };
  } finally {
    writeFileSync(path, original);
  }
}

const results = [];
const started = Date.now();
try {
  // The suites must pass unmutated, or every mutant would look detected.
  const suites = [...new Set(chosen.map((m) => m.suites))].join('|');
  const baseline = run(process.execPath, ['scripts/build.mjs', '--tests']).ok && run(process.execPath, ['test/host/run-tests.mjs'], { TOKEN_INSPECTOR_TEST_GREP: suites });
  if (!baseline || !baseline.ok) {
    if (baseline) writeFileSync(join(LOGS, 'baseline.log'), baseline.output);
    console.error(`The suites fail without a mutant (${baseline ? failures(baseline.output).join('; ') || 'see reports/mutation/host/baseline.log' : 'the build failed'}): nothing to compare.`);
    process.exitCode = 2;
  } else console.log(`Baseline: the chosen suites pass unmutated (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  for (const [index, mutant] of process.exitCode ? [] : chosen.entries()) {
    const t0 = Date.now();
    const { verdict, output } = test(mutant);
    results.push({ mutant, verdict });
    console.log(`${index + 1}. ${mutant.name}: ${verdict} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    if (output) writeFileSync(join(LOGS, `${index + 1}.log`), `${mutant.name}\n\n${output}`);
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}

console.log(`\nHost mutants (${((Date.now() - started) / 60_000).toFixed(1)} min):`);
for (const { mutant, verdict } of results) console.log(`  ${mutant.name.padEnd(62)} ${verdict}`);
const left = results.filter((r) => !r.verdict.startsWith('KILLED:') && !r.verdict.startsWith('KILLED by'));
console.log(`\n${results.length - left.length} of ${results.length} host mutants detected.`);
process.exit(process.exitCode || (left.length ? 1 : 0));
