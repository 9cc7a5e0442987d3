import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layers import only downward: src → nodes → graph-engine. */
const appOnly = ['react', 'react-dom', '@xyflow/react', 'dexie', 'zustand', 'immer'];

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
          paths: appOnly.map((name) => ({ name, message: 'The graph engine is pure: no React, no DOM, no IndexedDB.' })),
          patterns: [
            { group: ['**/nodes/**', '**/src/**', '../nodes', '../src'], message: 'The graph engine must not import nodes or the app.' },
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
          paths: ['dexie', 'zustand', 'immer'].map((name) => ({ name, message: 'Node kinds get storage and state through their context and props.' })),
          patterns: [{ group: ['**/src/**', '../src', '../../src'], message: 'Node kinds never import the app: it hands them what they need.' }],
        },
      ],
    },
  },
);
