/** The seeded store the replay, sweep and API sections share: a SQLite data directory or a PostgreSQL schema. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { openReadModel, type ReadModel } from '#projections';
import type { StoreKind } from './context.js';

export interface MainStore {
  readonly kind: StoreKind;
  /** DATA_DIR of the API (SQLite files; with PostgreSQL only the JWT secret file would go there). */
  readonly dataDir: string;
  readonly pgUrl: string | null;
  readonly schema: string | null;
  openStore(): Promise<EventStore>;
  /** A fresh, empty read model (the previous one is deleted). */
  freshReadModel(): Promise<ReadModel>;
  openReadModel(): Promise<ReadModel>;
  /** The API's environment for this store. */
  apiEnv(): Record<string, string>;
  /** Baseline: every row of the events table in position order, data and metadata JSON-parsed; returns the count. */
  rawReadAll(): Promise<number>;
  /** Baseline: the state of every open task in the read model, JSON-parsed; returns the count. */
  rawOpenTasks(): Promise<number>;
}

export function sqliteMainStore(dataDir: string): MainStore {
  const eventsPath = join(dataDir, 'events.db');
  const readModelPath = join(dataDir, 'read-model.db');
  return {
    kind: 'sqlite',
    dataDir,
    pgUrl: null,
    schema: null,
    openStore: async () => SqliteEventStore.open(eventsPath),
    async freshReadModel() {
      for (const suffix of ['', '-wal', '-shm']) rmSync(readModelPath + suffix, { force: true });
      return openReadModel({ kind: 'sqlite', path: readModelPath });
    },
    openReadModel: () => openReadModel({ kind: 'sqlite', path: readModelPath }),
    apiEnv: () => ({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite', READ_MODEL: 'sqlite' }),
    async rawReadAll() {
      const db = new Database(eventsPath, { readonly: true });
      try {
        let count = 0;
        const rows = db
          .prepare<[], { data: string; metadata: string }>(
            'SELECT position, id, stream_id, revision, type, data, metadata FROM events ORDER BY position',
          )
          .iterate();
        for (const r of rows) {
          JSON.parse(r.data);
          JSON.parse(r.metadata);
          count++;
        }
        return count;
      } finally {
        db.close();
      }
    },
    async rawOpenTasks() {
      const db = new Database(readModelPath, { readonly: true });
      try {
        let count = 0;
        const rows = db
          .prepare<[], { state: string }>(
            `SELECT id, state FROM tasks WHERE status IN ('ASSIGNED', 'IN_PROGRESS', 'BLOCKED') ORDER BY id`,
          )
          .iterate();
        for (const r of rows) {
          JSON.parse(r.state);
          count++;
        }
        return count;
      } finally {
        db.close();
      }
    },
  };
}

export function postgresMainStore(dataDir: string, pgUrl: string, schema: string): MainStore {
  const readModel = () => openReadModel({ kind: 'postgres', connectionString: pgUrl, schema });
  const withClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    kind: 'postgres',
    dataDir,
    pgUrl,
    schema,
    openStore: () => PostgresEventStore.connect(pgUrl, { schema }),
    async freshReadModel() {
      const model = await readModel();
      await model.clear();
      return model;
    },
    openReadModel: readModel,
    apiEnv: () => ({
      DATA_DIR: dataDir,
      EVENT_STORE: 'postgres',
      READ_MODEL: 'postgres',
      DATABASE_URL: pgUrl,
      DATABASE_SCHEMA: schema,
    }),
    rawReadAll: () =>
      withClient(async (client) => {
        let after = '0';
        let count = 0;
        for (;;) {
          const { rows } = await client.query<{ position: string; data: string; metadata: string }>(
            `SELECT position, id, stream_id, revision, type, data::text AS data, metadata::text AS metadata
               FROM "${schema}".events WHERE position > $1 ORDER BY position LIMIT 1000`,
            [after],
          );
          if (rows.length === 0) return count;
          for (const r of rows) {
            JSON.parse(r.data);
            JSON.parse(r.metadata);
          }
          count += rows.length;
          after = rows[rows.length - 1].position;
        }
      }),
    rawOpenTasks: () =>
      withClient(async (client) => {
        const { rows } = await client.query<{ state: string }>(
          `SELECT id, state FROM "${schema}".tasks WHERE status IN ('ASSIGNED', 'IN_PROGRESS', 'BLOCKED') ORDER BY id`,
        );
        for (const r of rows) JSON.parse(r.state);
        return rows.length;
      }),
  };
}
