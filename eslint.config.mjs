// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        performance: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // No personal data in logs: the service logs through pino (redacted), never the console.
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['test/**', 'bench/**', '**/*.spec.ts', '**/cli/**'], rules: { 'no-console': 'off' } },
  { files: ['bench/**/*.mjs', 'test/**/*.mjs'], languageOptions: { globals: globals.node } },
  // Functions this benchmark hands to page.evaluate run in the browser.
  { files: ['bench/console.mjs'], languageOptions: { globals: globals.browser } },
  // The console runs in the browser.
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: { 'simple-import-sort/imports': 'error', 'simple-import-sort/exports': 'error' },
  },
  {
    // Each feature owns its tables: another feature's entities and repositories are reached
    // through its service, never imported. Only the database wiring lists every entity.
    files: ['src/**/*.ts'],
    ignores: ['src/database/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../*/*.entity',
                '../*/*.repository',
                '../../*/*.entity',
                '../../*/*.repository',
                '../../../*/*.entity',
                '../../../*/*.repository',
              ],
              message:
                "Another feature's tables are its own: call its service (or hear its domain events).",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
