// `npm test`: installs what the tests need, builds, runs the unit tests in Node, then the
// extension tests inside a real VS Code (its Node extension host, again in Restricted Mode, then
// its web worker extension host as VS Code for the web runs it), then the packaged .vsix in a fresh
// VS Code, and ends with one total line `N passed, N failed` (the form CI counts).
import { spawn } from 'node:child_process';

/** Runs a command with inherited stdin, teeing its output, and returns exit code + output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Passed/failed counts from mocha's spec reporter ("N passing", "N failing"). */
function mochaCounts(output) {
  const passed = Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
  const failed = Number(/(\d+) failing/.exec(output)?.[1] ?? 0);
  return { passed, failed };
}

/** The extension suite prints its own "N passed, N failed" line, once per run (before and after a reload). */
function hostCounts(output) {
  const runs = [...output.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)];
  return runs.reduce((sum, m) => ({ passed: sum.passed + Number(m[1]), failed: sum.failed + Number(m[2]) }), { passed: 0, failed: 0 });
}

// Debian packages (the browser; glewlwyd and libfaketime for the OIDC interop matrix among the
// unit tests) and the VS Code host: installed when run as root, else a stop naming the command.
const setup = await run(process.execPath, ['test/host/setup.mjs']);
if (setup.code !== 0) process.exit(setup.code);

// The gates: every file type-checked (TypeScript, and the scripts' JavaScript through JSDoc), and
// ESLint (including the layer rules and no import cycles). Each counts as one test.
console.log('\n=== Type check and lint ===');
const gates = [
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']),
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.scripts.json', '--noEmit']),
  await run(process.execPath, ['node_modules/eslint/bin/eslint.js', '.']),
];
const gateCounts = { passed: gates.filter((g) => g.code === 0).length, failed: gates.filter((g) => g.code !== 0).length };
console.log(`gates: ${gateCounts.passed} passed, ${gateCounts.failed} failed (tsc, tsc for scripts, eslint)`);

const build = await run(process.execPath, ['scripts/build.mjs', '--tests']);
if (build.code !== 0) process.exit(build.code);

console.log('\n=== Unit tests (Node) ===');
const unit = await run(process.execPath, ['node_modules/mocha/bin/mocha.js']);
const unitCounts = mochaCounts(unit.output);
if (unit.code !== 0 && unitCounts.failed === 0) unitCounts.failed = 1; // mocha itself failed

console.log('\n=== Extension tests (real VS Code) ===');
const host = await run(process.execPath, ['test/host/run-tests.mjs']);
const hostCount = hostCounts(host.output);
if (host.code !== 0 && hostCount.failed === 0) hostCount.failed = 1; // the host failed before or after the suite

/** Runs one more host phase and adds its counts to `into`; its exit code. */
async function hostPhase(title, args, into) {
  console.log(`\n=== ${title} ===`);
  const phase = await run(process.execPath, args);
  const count = hostCounts(phase.output);
  if (phase.code !== 0 && count.failed === 0) count.failed = 1;
  into.passed += count.passed;
  into.failed += count.failed;
  return phase.code;
}

const restrictedCode = await hostPhase('Extension tests in Restricted Mode (an untrusted folder)', ['test/host/run-tests.mjs', '--restricted'], hostCount);
const webCount = { passed: 0, failed: 0 };
const webCode = await hostPhase('Extension tests in VS Code for the web (the web worker extension host)', ['test/host/run-tests.mjs', '--web'], webCount);
const vsixCode = await hostPhase('Packaged extension (.vsix) in a fresh VS Code', ['test/host/run-vsix-test.mjs'], hostCount);

const passed = gateCounts.passed + unitCounts.passed + hostCount.passed + webCount.passed;
const failed = gateCounts.failed + unitCounts.failed + hostCount.failed + webCount.failed;
console.log(`\ngates: ${gateCounts.passed} passed, ${gateCounts.failed} failed; unit: ${unitCounts.passed} passed, ${unitCounts.failed} failed; extension: ${hostCount.passed} passed, ${hostCount.failed} failed; web: ${webCount.passed} passed, ${webCount.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || unit.code !== 0 || host.code !== 0 || restrictedCode !== 0 || webCode !== 0 || vsixCode !== 0 ? 1 : 0);
