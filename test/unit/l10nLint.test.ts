// The lint gates that keep the extension localized (eslint.config.mjs, no-restricted-syntax): a
// string or template literal with words in it, handed straight to a place the user reads in
// src/vscode (or as the message of an error the core throws), fails `npm run lint`; the same text
// through l10n.t passes; l10n.t while a module loads fails. Run on code as if it were in src.
import { strict as assert } from 'node:assert';
import { ESLint } from 'eslint';

const FILE = 'src/vscode/commands/l10nLintExample.ts';

const HEADER = `import * as vscode from 'vscode';
import { confirm, flash, progressText, showError, showInfo, showWarning, statusText } from '../ui/notify';
import { report } from '../ui/report';
declare const name: string;
declare const log: Parameters<typeof report>[1]['log'];
declare const count: number;
`;

/** Each line on its own is a sentence that skipped localization. */
const VIOLATIONS: Record<string, string> = {
  'showError with a string': `void showError('Something failed.');`,
  'showWarning with a template': 'void showWarning(`Signed out of ${name}`);',
  'showInfo with an English button': `void showInfo(vscode.l10n.t('Done.'), 'Open Settings');`,
  'confirm': `void confirm(vscode.l10n.t('Remove?'), 'It cannot be undone.', vscode.l10n.t('Remove'));`,
  'flash text': `flash('check', 'Copied token', 2000);`,
  'progressText': "void progressText(`Signing in to ${name}…`);",
  'statusText in a branch': `void statusText(count ? vscode.l10n.t('{0} left', count) : 'nothing left');`,
  'an input box title': `void vscode.window.showInputBox({ title: 'Add Issuer' });`,
  'an input box prompt': `void vscode.window.showInputBox({ prompt: vscode.l10n.t('Key'), placeHolder: 'Type a key' });`,
  'a quick pick placeholder': `void vscode.window.showQuickPick([], { placeHolder: 'Choose an issuer profile' });`,
  'a validation message': `void vscode.window.showInputBox({ validateInput: (v) => (v ? undefined : 'Enter a key.') });`,
  'a progress title': "void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Refreshing ${name}` }, async () => undefined);",
  "report's what": `void report(new Error('x'), { what: 'Signing in', log });`,
  'a report action label': `void report(new Error('x'), { what: vscode.l10n.t('Signing in'), actions: [{ label: 'Try Again', run: () => undefined }], log });`,
  'a tree item label': `void new vscode.TreeItem('Sign in…');`,
  'a tooltip assigned': `const item = new vscode.TreeItem(name); item.tooltip = \`Expires in \${count} min\`;`,
  'a quick pick item detail': "void vscode.window.showQuickPick([{ label: name, detail: `client ${name}` }]);",
};

/** The same places, localized, or with text that is no sentence. */
const ACCEPTED = `
void showError(vscode.l10n.t('Something failed.'));
void showWarning(vscode.l10n.t('Signed out of {0}', name));
void showInfo(vscode.l10n.t('Done.'), vscode.l10n.t('Open Settings'));
flash('check', vscode.l10n.t('Copied token'), 2000);
void statusText(name, 40);
void vscode.window.showInputBox({ title: vscode.l10n.t('Add Issuer'), prompt: vscode.l10n.t({ message: 'Key', comment: ['A metadata key'] }), placeHolder: EXAMPLE });
void vscode.window.showInputBox({ validateInput: (v) => (/^\\d+$/.test(v) ? undefined : vscode.l10n.t('A whole number.')) });
void report(new Error('x'), { what: vscode.l10n.t('Signing in to {0}', name), actions: [{ label: vscode.l10n.t('Try Again'), run: () => undefined }], log });
void vscode.commands.executeCommand('tokenInspector.signIn', name);
const item = new vscode.TreeItem(name);
item.tooltip = \`\${name} · \${count}\`;
`;

describe('localization lint (eslint.config.mjs)', function () {
  this.timeout(120_000);
  let eslint: ESLint;

  before(() => {
    eslint = new ESLint();
  });

  async function restrictedSyntax(code: string): Promise<string[]> {
    // Inside a function, as command handlers are (l10n.t at module level is another rule's matter).
    const text = `${HEADER}const EXAMPLE = 'https://my-instance.zitadel.cloud';\nexport function example(): void {\n${code}\n}\n`;
    const [result] = await eslint.lintText(text, { filePath: FILE });
    const fatal = result.messages.filter((m) => m.fatal);
    assert.deepEqual(fatal, [], 'the example parses');
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  }

  for (const [what, line] of Object.entries(VIOLATIONS)) {
    it(`fails on ${what}`, async () => {
      const messages = await restrictedSyntax(line);
      assert.equal(messages.length, 1, `${line}\n${messages.join('\n')}`);
      assert.match(messages[0], /vscode\.l10n\.t/);
    });
  }

  it('passes the same places localized, and text that is no sentence', async () => {
    assert.deepEqual(await restrictedSyntax(ACCEPTED), []);
  });

  it('fails on a literal message of an error the core throws, and passes it localized', async () => {
    const code = (message: string) => `import * as l10n from '@vscode/l10n';
import { OidcError } from '../oidc/errors';
import { wrapError } from '../oidc/errors';
export function f(name: string, err: unknown): never {
  if (!name) throw new OidcError('timeout', ${message});
  throw wrapError(err, 'network', l10n.t('Refreshing failed'), l10n.t('Try again.'));
}
`;
    const lint = async (text: string) => (await eslint.lintText(text, { filePath: 'src/core/zitadel/l10nLintExample.ts' }))[0].messages.filter((m) => m.ruleId === 'no-restricted-syntax');
    assert.equal((await lint(code('`No answer from ${name}.`'))).length, 1);
    assert.equal((await lint(code("'No answer.'"))).length, 1);
    assert.deepEqual(await lint(code("l10n.t('No answer from {0}.', name)")), []);
  });

  it('fails on l10n.t while a module loads, before the display language is configured', async () => {
    for (const [filePath, text] of [
      ['src/core/claims/l10nLintExample.ts', `import * as l10n from '@vscode/l10n';
export const TITLE = l10n.t('Issuer');
`],
      ['src/webview/l10nLintExample.ts', `import * as l10n from '@vscode/l10n';
export const LABELS = { idToken: l10n.t('ID token') };
`],
      [FILE, `import * as vscode from 'vscode';
export const LABEL = vscode.l10n.t('Try Again');
`],
    ]) {
      const [result] = await eslint.lintText(text, { filePath });
      assert.deepEqual(
        result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line),
        [2],
        filePath,
      );
    }
    const [lazy] = await eslint.lintText(`import * as l10n from '@vscode/l10n';
export const LABELS = { get idToken() { return l10n.t('ID token'); } };
export const title = () => l10n.t('Issuer');
`, {
      filePath: 'src/core/l10nLintExample.ts',
    });
    assert.deepEqual(lazy.messages.filter((m) => m.ruleId === 'no-restricted-syntax'), []);
  });
});
