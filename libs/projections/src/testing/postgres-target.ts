import pg from 'pg';
import type { ReadModelTarget } from './read-model.suite.js';

export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Read models in throwaway schemas of the test database, one per `fresh()`, dropped by `cleanup()`. */
export function postgresTarget(prefix: string): ReadModelTarget {
  const run = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  return {
    label: 'PostgreSQL',
    fresh: async () => {
      const schema = `${run}_${schemas.length + 1}`;
      schemas.push(schema);
      return { kind: 'postgres', connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 };
    },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
