// Bundles the extension (Node, CommonJS), the inspector webview script (browser) and,
// with --tests, the mocha suites (unit tests for Node, extension tests for the VS Code host).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import subsetFont from 'subset-font';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Every `*.test.ts` below a folder, recursively. */
function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/**
 * The codicons of the inspector webview, only those it may show (src/webview/icons.ts): their rules of
 * @vscode/codicons' stylesheet and a subset of its font with their glyphs, which the CSS loads relatively.
 * Found by Node's resolution, so the build also works where node_modules is a parent's (Stryker's sandbox).
 */
async function writeCodicons() {
  const { code } = await esbuild.transform(readFileSync('src/webview/icons.ts', 'utf8'), { loader: 'ts', format: 'esm' });
  /** @type {{ CODICONS: readonly string[] }} */
  const { CODICONS } = await import(`data:text/javascript,${encodeURIComponent(code)}`);
  const from = dirname(createRequire(import.meta.url).resolve('@vscode/codicons/dist/codicon.css'));
  const css = readFileSync(join(from, 'codicon.css'), 'utf8');
  const lines = css.split('\n');
  const rules = CODICONS.map((name) => {
    const rule = lines.find((line) => line.startsWith(`.codicon-${name}:before {`));
    const codePoint = rule?.match(/content: "\\([0-9a-f]+)"/i)?.[1];
    if (!rule || !codePoint) throw new Error(`src/webview/icons.ts: no codicon "${name}" in ${join(from, 'codicon.css')}`);
    return { rule, codePoint: parseInt(codePoint, 16) };
  });
  const font = await subsetFont(readFileSync(join(from, 'codicon.ttf')), String.fromCodePoint(...rules.map((r) => r.codePoint)), { targetFormat: 'truetype' });
  // The copyright notice, @font-face (its cache-busting query now from the subset) and the base .codicon rule.
  const head = css.match(/^\/\*[\s\S]*?\*\/\s*@font-face \{[^}]*\}\s*\.codicon\[class\*='codicon-'\] \{[^}]*\}/)?.[0];
  if (!head) throw new Error(`${join(from, 'codicon.css')}: no @font-face and .codicon rule at its start`);
  const hash = createHash('sha256').update(font).digest('hex').slice(0, 32);
  mkdirSync('dist/codicons', { recursive: true });
  writeFileSync('dist/codicons/codicon.ttf', font);
  writeFileSync('dist/codicons/codicon.css', `${head.replace(/codicon\.ttf\?[0-9a-f]*/, `codicon.ttf?${hash}`)}\n\n${rules.map((r) => r.rule).join('\n')}\n`);
}

/** @type {import('esbuild').BuildOptions} */
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

/**
 * The extension bundle loads the network clients (src/core/clients.ts) from their own bundle,
 * dist/clients.js, on first use: `import('../core/clients')` becomes a require of that file.
 */
const clientsOnDemand = {
  name: 'clients-on-demand',
  setup(build) {
    build.onResolve({ filter: /\/core\/clients$/ }, () => ({ path: './clients.js', external: true }));
  },
};

/**
 * VS Code for the web runs the same extension in a browser web worker: there src/vscode/clients.ts
 * is replaced by clients.web.ts (verification bundled in; sign-in and ZITADEL's APIs explain that
 * they need desktop or a remote window).
 */
const webClients = {
  name: 'web-clients',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/clients$/ }, (args) => (args.importer.includes(`${sep}src${sep}vscode${sep}`) ? { path: resolve('src/vscode/clients.web.ts') } : undefined));
  },
};

/** Lets activate() report its cost as VS Code counts it: loading the code, plus activate(). Both extension entries. */
const loadTimer = {
  banner: { js: 'var __tokenInspectorLoadStart = performance.now();' },
  footer: { js: 'var __tokenInspectorLoadEnd = performance.now();' },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    ...loadTimer,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [clientsOnDemand],
  },
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/web/extension.js',
    ...loadTimer,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    plugins: [webClients],
  },
  {
    ...common,
    entryPoints: ['src/core/clients.ts'],
    outfile: 'dist/clients.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // The demo OpenID provider (demo/issuer, oidc-provider) as a command: node out/demo/issuer-cli.js
    ...common,
    entryPoints: ['demo/issuer/cli.ts'],
    outfile: 'out/demo/issuer-cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
  },
];

if (args.has('--tests')) {
  rmSync('out/test', { recursive: true, force: true }); // only the tests: out/bench and out/demo are others'
  builds.push(
    {
      ...common,
      sourcemap: true,
      minify: false,
      entryPoints: testFiles('test/unit'),
      outdir: 'out/test/unit',
      outbase: 'test/unit',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
    },
    {
      ...common,
      sourcemap: true,
      minify: false,
      entryPoints: ['test/extension/index.ts', ...testFiles('test/extension')],
      outdir: 'out/test/extension',
      outbase: 'test/extension',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    },
    {
      // The tests for VS Code for the web: one bundle (mocha's browser build and the suites) that the
      // web worker extension host loads as its extensionTestsPath.
      ...common,
      sourcemap: 'inline',
      minify: false,
      entryPoints: ['test/web/index.ts'],
      outfile: 'out/test/web/index.js',
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      external: ['vscode'],
    },
  );
}

await writeCodicons();

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
