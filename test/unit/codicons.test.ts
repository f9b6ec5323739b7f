// What the build ships for the webview's codicons (dist/codicons, scripts/build.mjs) against the
// names the webview may show (src/webview/icons.ts): a CSS rule and, in the subset font, the
// glyph that @vscode/codicons draws for each; nothing else.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODICONS } from '../../src/webview/icons';

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|css)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

describe('codicons of the webview', () => {
  const css = readFileSync('dist/codicons/codicon.css', 'utf8');
  const rules = new Map([...css.matchAll(/^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}$/gm)].map((m) => [m[1], parseInt(m[2], 16)]));

  it('has a CSS rule for each listed name and for no other', () => {
    assert.deepEqual([...rules.keys()].sort(), [...CODICONS].sort());
    assert.match(css, /@font-face \{[^}]*url\("\.\/codicon\.ttf\?[0-9a-f]+"\)/);
  });

  it('has their glyphs, and only theirs, in the subset font, drawn as in @vscode/codicons', async () => {
    const hb = await import('harfbuzzjs');
    const font = (file: string) => new hb.Font(new hb.Face(new hb.Blob(readFileSync(file))));
    const subset = font('dist/codicons/codicon.ttf');
    const full = font(require.resolve('@vscode/codicons/dist/codicon.ttf'));
    for (const [name, codePoint] of rules) {
      const glyph = subset.nominalGlyph(codePoint);
      assert.ok(glyph, `${name}: no glyph for U+${codePoint.toString(16)}`);
      const path = subset.glyphToPath(glyph);
      assert.ok(path.length > 0, `${name}: an empty glyph`);
      assert.equal(path, full.glyphToPath(full.nominalGlyph(codePoint)!), `${name}: not the glyph of @vscode/codicons`);
    }
    const hex = (codePoints: Iterable<number>) => [...codePoints].map((c) => c.toString(16)).sort();
    assert.deepEqual(hex(subset.face.collectUnicodes()), hex(rules.values()), 'the subset font has other glyphs');
  });

  it('sets codicon classes only through dom.ts (icon, setIcon), so only listed names', () => {
    const offenders = sources('src/webview').filter((f) => f.file !== join('src', 'webview', 'dom.ts') && /codicon-/.test(f.text));
    assert.deepEqual(offenders.map((f) => f.file), []);
    const styled = sources('media').flatMap((f) => [...f.text.matchAll(/\.codicon-([a-z0-9-]+)/g)].map((m) => m[1]));
    assert.deepEqual(styled.filter((name) => !(CODICONS as readonly string[]).includes(name)), [], 'media/*.css styles a codicon the font lacks');
  });

  it('lists no codicon the webview never shows', () => {
    const code = sources('src/webview').filter((f) => !f.file.endsWith('icons.ts')).map((f) => f.text).join('\n');
    assert.deepEqual(CODICONS.filter((name) => !code.includes(`'${name}'`)), []);
  });
});
