// Localization the VS Code way: every string passed to vscode.l10n.t / @vscode/l10n's t is in the
// committed English bundle (l10n/bundle.l10n.json, what translators start from), and every
// %key% of the manifest is in package.nls.json.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('localization', function () {
  this.timeout(60_000);

  it('has every localized string of src in the committed bundle (run npm run l10n after changing one)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l10n-'));
    try {
      execFileSync(process.execPath, ['node_modules/@vscode/l10n-dev/dist/cli.js', 'export', '--outDir', dir, './src'], { stdio: 'pipe' });
      const fresh = JSON.parse(readFileSync(join(dir, 'bundle.l10n.json'), 'utf8'));
      const committed = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8'));
      assert.deepEqual(committed, fresh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has every %key% of package.json in package.nls.json', () => {
    const manifest = readFileSync('package.json', 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    const nls = existsSync('package.nls.json') ? JSON.parse(readFileSync('package.nls.json', 'utf8')) : {};
    assert.deepEqual(keys.filter((k) => !(k in nls)), []);
    assert.deepEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], 'every key of package.nls.json is used');
  });
});
