// Lint: what a compiler does not catch. Typed rules (floating or misused promises) need the
// TypeScript program, so .ts files are linted with the project's tsconfig.json.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'data/', '.eval-out/', 'bench/out/', 'test-results/', 'tests/.tmp/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // scour sniffs binary input and strips control characters from text on purpose.
      'no-control-regex': 'off',
      // `let [top, topScore] = …` where only one is reassigned reads better than two statements.
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its error (a Redis write, a file rename): the pipeline's worst bug class.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  // The records console's page script runs in the browser, not in Node.
  { files: ['src/dashboard/console/assets/*.js'], languageOptions: { globals: globals.browser, sourceType: 'script' } },
);
