import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the SPA from the public contract (../shared/contract/schema.graphql, the only API
 * the board may use). `npm run codegen` regenerates web/src/gql/; the output is committed so
 * builds and CI need neither the contract checkout nor the generator.
 */
const config: CodegenConfig = {
  schema: '../shared/contract/schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
        skipTypename: false,
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
