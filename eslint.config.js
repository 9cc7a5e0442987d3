import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layers import only downward: src → nodes → graph-engine. */
const appOnly = ['react', 'react-dom', '@xyflow/react', 'dexie', 'zustand', 'immer'];

/**
 * Inside src/, from the top down: the entry (main.tsx, automation.ts); the shell (app/); the views
 * (canvas/, compare/, inspector/, timeline/); shared view pieces (ui/); state (state/); the services
 * (services.ts, built by main.tsx and handed down); and the parts below (providers/, storage/,
 * sharing/, media/, templates/). Each may import only what is below it.
 */
const below = {
  views: ['./src/canvas', './src/compare', './src/inspector', './src/timeline'],
  ui: ['./src/ui'],
  state: ['./src/state'],
  services: ['./src/services.ts'],
  parts: [
    './src/providers',
    './src/storage',
    './src/sharing',
    './src/media',
    './src/templates',
    './src/app-version.ts',
  ],
};
const underViews = [...below.ui, ...below.state, ...below.services, ...below.parts];
const layerZones = [
  {
    target: [...below.views, ...underViews],
    from: ['./src/app', './src/main.tsx', './src/automation.ts'],
    message: 'Only the entry and the shell sit above the views.',
  },
  { target: underViews, from: below.views, message: 'Views import state and parts, never the other way.' },
  {
    target: [...below.state, ...below.services, ...below.parts],
    from: below.ui,
    message: 'Shared view pieces sit above state.',
  },
  {
    target: [...below.services, ...below.parts],
    from: below.state,
    message: 'The services and parts never import app state: it is handed in.',
  },
  { target: below.parts, from: below.services, message: 'Parts never reach for the app’s services.' },
  // Views get the services from useServices(), handed down by main.tsx, never from a module.
  {
    target: ['./src/app', ...below.views, ...below.ui],
    from: ['./src/state/services.ts'],
    message: 'Views get the services from useServices().',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The provider proxy runs inside Vite's config loader, which wants every runtime import spelled out.
    files: ['vite.config.ts', 'server/**/*.ts', 'src/providers/cloud/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'import-x/extensions': ['error', 'always', { ignorePackages: true, checkTypeImports: false }] },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }],
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['graph-engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: appOnly.map((name) => ({
            name,
            message: 'The graph engine is pure: no React, no DOM, no IndexedDB.',
          })),
          patterns: [
            {
              group: ['**/nodes/**', '**/src/**', '../nodes', '../src'],
              message: 'The graph engine must not import nodes or the app.',
            },
            { group: ['node:*'], message: 'The graph engine runs in a Worker too: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['nodes/**/*.ts', 'nodes/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['dexie', 'zustand', 'immer'].map((name) => ({
            name,
            message: 'Node kinds get storage and state through their context and props.',
          })),
          patterns: [
            {
              group: ['**/src/**', '../src', '../../src'],
              message: 'Node kinds never import the app: it hands them what they need.',
            },
          ],
        },
      ],
    },
  },
  // Formatting is Prettier's (`npm run format`), so no lint rule argues with it.
  prettier,
);
