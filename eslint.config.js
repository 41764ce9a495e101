// Lint, and the layer table from docs/architecture.md as a rule: a file's
// folder says where it runs and what it may import; a wrong import fails.
import { builtinModules } from 'node:module';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = { group: nodeBuiltins, message: 'Node built-ins are not available in this layer (see docs/architecture.md).' };
const noElectron = { group: ['electron'], message: 'Only main/app and preload/ may import electron.' };
const noReact = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', '@xterm/*'], message: 'UI libraries belong in renderer/.' };
const noMainLibs = { group: ['node-pty', 'ssh2', 'ws', '@kubernetes/client-node', '@aws-sdk/*'], message: 'I/O libraries run in main/services only.' };

/** Restricted imports by module name, per layer. */
const layerImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.cjs', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ noWarnOnMultipleProjects: true, project: ['tsconfig.json', 'renderer/tsconfig.json', 'preload/tsconfig.json', 'shared/tsconfig.json', 'e2e/tsconfig.json', 'bench/tsconfig.json'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./main', './renderer', './preload', './e2e', './bench'], message: 'shared/ imports nothing but shared/ and pure libraries.' },
            { target: './main/services', from: ['./main/app', './main/web', './renderer', './preload'], message: 'services are host-agnostic: hosts import them, not the reverse.' },
            { target: './main/app', from: ['./main/web', './renderer', './preload'], message: 'the Electron host talks to the renderer only through the contract.' },
            { target: './main/web', from: ['./main/app', './renderer', './preload'], message: 'the web host talks to the renderer only through the contract.' },
            { target: './preload', from: ['./main', './renderer'], message: 'the preload sees only shared/ and electron.' },
            { target: './renderer', from: ['./main', './preload'], message: 'the renderer reaches main only through the Transport.' },
          ],
        },
      ],
    },
  },
  { files: ['shared/**/*.ts'], rules: layerImports(noNode, noElectron, noReact, noMainLibs) },
  { files: ['main/services/**/*.ts'], rules: layerImports(noElectron, noReact) },
  { files: ['main/web/**/*.ts'], rules: layerImports(noElectron, noReact) },
  { files: ['main/app/**/*.ts'], rules: layerImports(noReact) },
  { files: ['preload/**/*.ts'], rules: layerImports(noNode, noReact, noMainLibs) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...layerImports(noNode, noElectron, noMainLibs), 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['scripts/**/*.mjs', 'bench/**/*.{ts,mjs}', 'e2e/**/*.ts', '*.config.{js,ts}'], languageOptions: { globals: globals.node } },
);
