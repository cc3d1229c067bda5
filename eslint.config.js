import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'node_modules/**',
      'coverage/**',
      '**/*.cjs',
      'web/dist/**',
      'web/src/gql/**',
      'test/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain is pure: no framework, no store client, no queue, no GraphQL, no I/O.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'graphql',
                'graphql-*',
                'bullmq',
                'ioredis',
                'pg',
                'better-sqlite3',
                'kysely',
                '@kurrent/*',
                'node:*',
                'fs',
                'crypto',
                'http',
                'net',
              ],
              message: 'libs/domain is pure TypeScript: no framework, store, queue or I/O imports.',
            },
            {
              group: ['#event-store', '#projections', '**/apps/**', '**/event-store/**', '**/projections/**'],
              message: 'libs/domain imports nothing from the other layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/event-store/**/*.ts', 'libs/projections/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '**/apps/**'], message: 'libs do not depend on the apps or on NestJS.' },
          ],
        },
      ],
    },
  },
  {
    // The board SPA: a browser client of the public GraphQL contract and nothing else.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        navigator: 'readonly',
        crypto: 'readonly',
        atob: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        TextDecoder: 'readonly',
        Blob: 'readonly',
        HTMLElement: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                '#domain',
                '#event-store',
                '#projections',
                '**/apps/**',
                '**/libs/**',
                'node:*',
              ],
              message: 'web/ talks to the API only through ../shared/contract/schema.graphql.',
            },
          ],
        },
      ],
    },
  },
);
