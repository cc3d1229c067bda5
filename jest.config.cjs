// Jest runs in CommonJS mode; @swc/jest compiles our TypeScript and the ESM-only
// NestJS 12 packages to CommonJS (Jest's ESM mode breaks on CommonJS add-ons).
// The '#domain' style aliases of package.json "imports", pointed at the sources instead of dist/.
const libAliases = Object.fromEntries(
  Object.entries(require('./package.json').imports).map(([alias, target]) => [
    `^${alias}$`,
    `<rootDir>/${target.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts')}`,
  ]),
);

const base = {
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs', ignoreDynamic: false },
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|jose|graphql-ws|graphql-request|@graphql-typed-document-node|@as-integrations|uid|load-esm|file-type|@apollo/server|@escape.tech)/)',
  ],
  moduleNameMapper: {
    ...libAliases,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/**/*.int.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'] },
    {
      // The GraphQL suite again with EVENT_STORE=postgres READ_MODEL=postgres (test/support/harness.ts).
      // Not repeated: tests of the SQLite files themselves (tamper edits events.db, api-only runs a
      // SQLite projector: split-processes is its PostgreSQL twin) and tests that choose their own
      // storage (postgres, storage-recovery, reminders*); the browser, ops and security suites
      // in subfolders run once.
      ...base,
      displayName: 'e2e-postgres',
      testMatch: ['<rootDir>/test/*.e2e.spec.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '/dist/',
        '/test/(tamper|api-only|postgres|split-processes|storage-recovery|reminders|reminders-api)\\.e2e\\.spec\\.ts$',
      ],
      setupFiles: ['<rootDir>/test/support/postgres-storage.setup.cjs'],
    },
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Real databases, queues, app processes and a browser on a 2-core CI machine: app start-up
  // alone can take more than Jest's default 5 s. (Jest reads testTimeout from the global
  // config only, not per project.)
  testTimeout: 120_000,
};
