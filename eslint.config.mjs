// ESLint: typescript-eslint's recommended rules, no import cycles, and the layers enforced:
// src/core is pure (no vscode, no adapters), src/webview runs in a browser (no node:), and in
// src/vscode the state and ui layers import no views or commands.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const restrict = (patterns, paths = []) => ['error', { paths, patterns }];
const CORE_PATTERNS = [{ group: ['**/vscode/**', '**/webview/**'], message: 'src/core does not import the adapters.' }];
const CORE_PATHS = [{ name: 'vscode', message: 'src/core is pure: no vscode import (it is tested in plain Node).' }];

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
    files: ['src/vscode/state/**/*.ts', 'src/vscode/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([{ group: ['**/views/**', '**/commands/**'], message: 'State and ui are below views and commands: they do not import them.' }]),
    },
  },
);
