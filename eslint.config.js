import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every folder of apps/ is an app, so a new one is covered without editing this file. */
const APPS = readdirSync(join(import.meta.dirname, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * Apps are siblings: code two apps need is a lib, or each app grows its own copy and their
 * start-up side effects leak into each other. Relative paths (`../../../worker/src/…`) and
 * paths through `apps/` are both caught; an app's own folders (apps/api/src/cli) are not.
 */
function noOtherApp(app) {
  const others = APPS.filter((other) => other !== app).join('|');
  return {
    regex: `^(\\.\\./)+(${others})/src(/|$)|(^|/)apps/(${others})(/|$)`,
    message: `apps/${app} must not import another app: move the shared code to a lib (libs/*) and import it from there.`,
  };
}

/**
 * The libraries' import aliases other than #domain. Written as a regex: in a `group` pattern
 * (gitignore syntax) a leading '#' starts a comment, so '#storage' there would match nothing.
 */
const LIB_ALIAS = '^#(?!domain$)';

const noApp = {
  group: ['**/apps/**'],
  message: 'libs never import an app: move the code the lib needs into a lib.',
};

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
            noApp,
            {
              group: [
                '**/event-store/**',
                '**/projections/**',
                '**/reminders/**',
                '**/storage/**',
                '**/tokens/**',
              ],
              message: 'libs/domain imports nothing from the other layers.',
            },
            { regex: LIB_ALIAS, message: 'libs/domain imports nothing from the other layers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApp,
            {
              group: ['@nestjs/*'],
              message: 'libs do not depend on NestJS: the Nest adapters live in the apps.',
            },
          ],
        },
      ],
    },
  },
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [noOtherApp(app)] }] },
  })),
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
              group: ['@nestjs/*', '**/apps/**', '**/libs/**', 'node:*'],
              message: 'web/ talks to the API only through GraphQL (the public contract).',
            },
            { regex: '^#', message: 'web/ talks to the API only through GraphQL (the public contract).' },
          ],
        },
      ],
    },
  },
);
