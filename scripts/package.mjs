#!/usr/bin/env node
// `npm run package`: the .vsix (vsce; its prepublish step builds the production bundles).
//
// README images: the Marketplace, and VS Code's extension page, show README images only from
// absolute URLs. vsce turns the README's relative links (media/screenshots/*.png, which the host
// tests keep current) into `<repository>/raw/HEAD/…` when package.json names a `repository`, so
// the .vsix does not ship them (.vscodeignore). Without one (this project has no public
// repository yet), the links stay relative: they show wherever the repository is browsed, and
// become absolute once `repository` is set. Extra arguments go to vsce (e.g. --out <file>).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
const args = ['package', '--no-dependencies', ...process.argv.slice(2)];
if (!manifest.repository) {
  args.push('--allow-missing-repository', '--no-rewrite-relative-links');
  console.log('[package] package.json names no repository: README images keep their relative paths (they show on the repository, not on the Marketplace).');
}
const result = spawnSync(process.execPath, [vsce, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
