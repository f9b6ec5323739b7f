// ESLint: typescript-eslint's recommended rules, no import cycles, and the layers enforced:
// src/core is pure (no vscode, no adapters), src/webview runs in a browser (no node:), and in
// src/vscode the state and ui layers import no views or commands. User-facing text in src/vscode
// is localized: a string or template literal handed straight to a place the user reads fails.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const restrict = (patterns, paths = []) => ['error', { paths, patterns }];
const CORE_PATTERNS = [{ group: ['**/vscode/**', '**/webview/**'], message: 'src/core does not import the adapters.' }];
const CORE_PATHS = [{ name: 'vscode', message: 'src/core is pure: no vscode import (it is tested in plain Node).' }];

// Localization (ARCHITECTURE.md): the places in src/vscode where text reaches the user. A string or
// template literal with words in it there is a sentence that skipped vscode.l10n.t. Example values
// and ids that are not words (a placeholder URL, a token's start) go in a named constant.
const WORDS = 'Literal[value=/[A-Za-z]/]';
const WORDY_TEMPLATE = 'TemplateLiteral:has(> TemplateElement[value.raw=/[A-Za-z]/])';
/** The literal itself, or a branch of `a ? b : c` / `a ?? b` / `a || b`, as a child of `place` (at `nth`, e.g. ':nth-child(2)'). */
const literalIn = (place, nth = '') =>
  [WORDS, WORDY_TEMPLATE].flatMap((lit) => [`${place} > ${lit}${nth}`, `${place} > :matches(ConditionalExpression, LogicalExpression)${nth} > ${lit}`]);
/** Not the message object of an l10n.t({ message, args, comment }) call. */
const NOT_T_OPTIONS = ':not(CallExpression[callee.property.name="t"] > ObjectExpression > Property)';
const NOTIFY = 'CallExpression[callee.name=/^(showError|showWarning|showInfo|confirm|progressText|statusText)$/]';
const UNLOCALISED_TEXT = [
  // ui/notify.ts: every argument is text (statusText's second is a number).
  ...literalIn(NOTIFY),
  // flash(icon, text, ms): the text.
  ...literalIn('CallExpression[callee.name="flash"]', ':nth-child(2)'),
  // Input boxes, quick picks, progress, commands' titles, items' descriptions, progress messages.
  ...literalIn(`Property[key.name=/^(title|prompt|placeHolder|detail|description|message|tooltip)$/]${NOT_T_OPTIONS}`),
  // report()'s `what`; the buttons of report() and of our own offers ({ label, run }).
  ...literalIn('CallExpression[callee.name="report"] Property[key.name="what"]'),
  ...literalIn('ObjectExpression:has(> Property[key.name="run"]) > Property[key.name="label"]'),
  // Returned by an input box's validateInput.
  'Property[key.name="validateInput"] Literal[value=/[A-Za-z]{2}/]:not(CallExpression[callee.property.name="t"] Literal)',
  // Tree items, status bar items and webview panels built here.
  ...literalIn('NewExpression[callee.property.name="TreeItem"]'),
  ...literalIn('AssignmentExpression[left.property.name=/^(label|description|tooltip|name|title)$/]'),
  ...literalIn('CallExpression[callee.property.name=/^(createWebviewPanel|showErrorMessage|showWarningMessage|showInformationMessage|setStatusBarMessage)$/]'),
];
const L10N_MESSAGE = 'User-facing text is localized: pass vscode.l10n.t(\'… {0} …\', value) here (ARCHITECTURE.md, Localization).';

// In src/core, the messages of the errors the core throws on purpose (the reporter shows them).
const CORE_ERROR_TEXT = [
  ...literalIn('NewExpression[callee.name=/^(TokenError|OidcError|ZitadelApiError|VerifyError)$/]', ':nth-child(2)'),
  ...literalIn('CallExpression[callee.name=/^(validationError|fail)$/]', ':nth-child(1)'),
  ...literalIn('CallExpression[callee.name="explainCommonFailure"]', ':nth-child(3)'),
  ...literalIn('CallExpression[callee.name="wrapError"]', ':matches(:nth-child(3), :nth-child(4))'),
];
const CORE_MESSAGE = "The core's error messages are localized: l10n.t('… {0} …', value) from @vscode/l10n (ARCHITECTURE.md, Localization).";

// Everywhere: l10n.t runs when the text is needed, never while a module loads (the bundle for the
// display language is configured after that: at activation, or when the webview's first message comes).
const T_AT_LOAD = {
  selector: 'CallExpression[callee.property.name="t"]:matches([callee.object.name="l10n"], [callee.object.property.name="l10n"]):not(:function CallExpression)',
  message: 'l10n.t at module level runs before the display language is configured: call it when the text is needed (a function or a getter).',
};
const restrictedSyntax = (selectors, message) => ['error', T_AT_LOAD, ...selectors.map((selector) => ({ selector, message }))];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'reports/**', '.stryker-tmp/**', '**/*.vsix'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      // no-cycle follows imports into the modules it parses: TypeScript ones too.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-cycle': 'error',
      // Command handlers receive whatever VS Code or a caller passes: they check it themselves.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(CORE_PATTERNS, CORE_PATHS) },
  },
  {
    // The tree is built on every clock tick: from decoded data only, never by decoding.
    files: ['src/core/view/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...CORE_PATTERNS, { group: ['../jwt/*'], message: 'The tree model renders decoded data; decoding happens once, in the state layer.' }],
        [
          ...CORE_PATHS,
          { name: '../inspect', importNames: ['inspectToken', 'inspectClaims', 'deriveFromClaims'], message: 'The tree model renders decoded data; decoding happens once, in the state layer.' },
          { name: '../session', importNames: ['decodeSession'], message: 'The tree model renders decoded data; decoding happens once, in the state layer.' },
        ],
      ),
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['node:*', '**/vscode/**'], message: 'The webview runs in a browser: no Node APIs, no extension modules.' }],
        [{ name: 'vscode', message: 'The webview talks to the extension by postMessage only.' }],
      ),
    },
  },
  {
    files: ['src/vscode/**/*.ts'],
    rules: { 'no-restricted-syntax': restrictedSyntax(UNLOCALISED_TEXT, L10N_MESSAGE) },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-syntax': restrictedSyntax(CORE_ERROR_TEXT, CORE_MESSAGE) },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: { 'no-restricted-syntax': restrictedSyntax([], '') },
  },
  {
    files: ['src/vscode/state/**/*.ts', 'src/vscode/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([{ group: ['**/views/**', '**/commands/**'], message: 'State and ui are below views and commands: they do not import them.' }]),
    },
  },
);
