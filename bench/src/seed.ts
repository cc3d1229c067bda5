/**
 * Loads the workload's log straight into a store's `events` table, in large transactions:
 * 200,000 single-event appends through the adapter (one fsync each) would take longer
 * than the whole benchmark may. The rows are exactly what the adapters write: envelopes,
 * ids and the hash chain come from the event store's own `buildEnvelopes`, the table from
 * the adapter's own schema (it is opened once to create it), so `verifyHistory`, replay
 * and the API read them as their own.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresEventStore, SqliteEventStore } from '#event-store';
import { buildEnvelopes } from '../../libs/event-store/src/envelope.js';
import type { SeedEvent } from './workload.js';

/** The adapter's INSERT (libs/event-store/src/sqlite/sqlite-event-store.ts), for the loader and the raw baseline. */
export const SQLITE_INSERT = `INSERT INTO events (id, stream_id, revision, type, data, metadata, occurred_at, actor_id, idempotency_key)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** One stored row, serialised as the adapters serialise it. */
export interface EventRow {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly occurredAt: string;
  readonly actorId: string;
}

/** Follows every stream's head so each new event links to its predecessor's hash. */
export class ChainBuilder {
  readonly #heads = new Map<string, { revision: number; hash: string }>();

  row(event: SeedEvent): EventRow {
    const head = this.#heads.get(event.streamId);
    const current = head?.revision ?? -1;
    const [built] = buildEnvelopes(
      event.streamId,
      [{ type: event.type, data: event.data }],
      {
        expectedRevision: current < 0 ? 'no_stream' : current,
        actor: event.actor,
        occurredAt: event.occurredAt,
        correlationId: randomUUID(),
        causationId: null,
      },
      current,
      head?.hash ?? null,
    );
    this.#heads.set(event.streamId, { revision: built.revision, hash: built.metadata.hash });
    return {
      id: built.id,
      streamId: built.streamId,
      revision: built.revision,
      type: built.type,
      data: JSON.stringify(built.data),
      metadata: JSON.stringify(built.metadata),
      occurredAt: built.metadata.occurredAt,
      actorId: event.actor.id,
    };
  }
}

export interface SeedResult {
  readonly events: number;
  readonly ms: number;
}

const sqliteParams = (r: EventRow) => [
  r.id,
  r.streamId,
  r.revision,
  r.type,
  r.data,
  r.metadata,
  r.occurredAt,
  r.actorId,
  null,
];

/** Creates the store file through the adapter, then bulk-inserts the log. */
export async function seedSqlite(path: string, log: Iterable<SeedEvent[]>): Promise<SeedResult> {
  const started = performance.now();
  await SqliteEventStore.open(path).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(SQLITE_INSERT);
  const chain = new ChainBuilder();
  let events = 0;
  const write = db.transaction((rows: EventRow[]) => {
    for (const row of rows) insert.run(...sqliteParams(row));
  });
  try {
    for (const batch of log) {
      for (let i = 0; i < batch.length; i += 5000) {
        write(batch.slice(i, i + 5000).map((e) => chain.row(e)));
      }
      events += batch.length;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { events, ms: performance.now() - started };
}

/** The adapter's INSERT shape for PostgreSQL (unnest of arrays), with positions assigned here. */
export const PG_INSERT = (table: string) => `INSERT INTO ${table}
  (position, id, stream_id, revision, type, data, metadata, occurred_at, actor_id, idempotency_key)
  SELECT position, id, stream_id, revision, type, data::jsonb, metadata::jsonb, occurred_at::timestamptz, actor_id, NULL
    FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
      AS e(position, id, stream_id, revision, type, data, metadata, occurred_at, actor_id)`;

export async function seedPostgres(
  url: string,
  schema: string,
  log: Iterable<SeedEvent[]>,
): Promise<SeedResult> {
  const started = performance.now();
  await (await PostgresEventStore.connect(url, { schema })).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const chain = new ChainBuilder();
  let position = 0;
  try {
    for (const batch of log) {
      for (let i = 0; i < batch.length; i += 2000) {
        const rows = batch.slice(i, i + 2000).map((e) => chain.row(e));
        await client.query(PG_INSERT(`"${schema}".events`), [
          rows.map(() => String(++position)),
          rows.map((r) => r.id),
          rows.map((r) => r.streamId),
          rows.map((r) => r.revision),
          rows.map((r) => r.type),
          rows.map((r) => r.data),
          rows.map((r) => r.metadata),
          rows.map((r) => r.occurredAt),
          rows.map((r) => r.actorId),
        ]);
      }
    }
    await client.query(`ANALYZE "${schema}".events`);
  } finally {
    await client.end();
  }
  return { events: position, ms: performance.now() - started };
}
