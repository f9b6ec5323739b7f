// Every user-facing sink goes through its one home (src/vscode/notify.ts, markdown.ts, log.ts;
// src/core/text): a direct call elsewhere is how untrusted text would slip past them.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .map((file) => ({ file: relative('.', file), text: readFileSync(file, 'utf8') }));
}

const RULES: { pattern: RegExp; allowedIn: string[]; why: string }[] = [
  { pattern: /\bwindow\.show(Error|Warning|Information)Message\b/, allowedIn: ['src/vscode/ui/notify.ts'], why: 'notifications render links: use notify.ts' },
  { pattern: /\bsetStatusBarMessage\b/, allowedIn: ['src/vscode/ui/notify.ts'], why: 'the status bar renders icons: use flash()' },
  { pattern: /\bnew vscode\.MarkdownString\b/, allowedIn: ['src/vscode/ui/markdown.ts'], why: 'Markdown needs the trust settings of markdown()' },
  { pattern: /\bLogOutputChannel\b|\.appendLine\(/, allowedIn: ['src/vscode/ui/log.ts'], why: 'logs go through the redacting Log' },
  { pattern: /\bencodeURIComponent\(/, allowedIn: ['src/vscode/views/jwtHover.ts'], why: 'throws on lone surrogates: use idSegment' },
  { pattern: /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write/, allowedIn: [], why: 'the webview builds DOM from text only' },
];

describe('user-facing sinks', () => {
  const files = [...sources('src/vscode'), ...sources('src/webview'), ...sources('src/core/view')];
  for (const rule of RULES) {
    it(`${rule.why}`, () => {
      const offenders = files.filter((f) => !rule.allowedIn.includes(f.file) && rule.pattern.test(f.text)).map((f) => f.file);
      assert.deepEqual(offenders, []);
    });
  }

  it('creates the output channel only to wrap it in the redacting log', () => {
    const extension = readFileSync('src/vscode/extension.ts', 'utf8');
    assert.match(extension, /const log = redactingLog\(channel\)/);
    assert.equal((extension.match(/channel\b/g) ?? []).length, 3, 'the channel is created, wrapped and disposed, nothing else');
  });
});
