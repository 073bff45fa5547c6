// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', '.demo/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // lib/ is the functional core: it must never know where it runs.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*', 'aws-cdk-lib', 'aws-cdk-lib/*'], message: 'lib/ is pure: adapters live in functions/ and local/.' },
        { group: ['../functions/*', '../local/*', '../infra/*', '../../functions/*', '../../local/*'], message: 'lib/ must not depend on the shell.' },
      ] }],
    },
  },
  {
    // Tests read JSON answers of the API; typing every one would hide what they check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['eslint.config.js', 'local/*.mjs', 'board/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The dynalite worker is plain JavaScript run by Node.
    files: ['local/*.mjs'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  {
    // The board's pages: plain ES modules in the browser, no build step.
    files: ['board/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'history', 'fetch', 'URLSearchParams', 'FormData', 'Node', 'HTMLAnchorElement', 'setInterval', 'console']
          .map((name) => [name, 'readonly']),
      ),
    },
  },
);
