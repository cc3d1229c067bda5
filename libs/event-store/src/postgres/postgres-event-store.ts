import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  DomainError,
  EVENT_SCHEMAS,
  ServiceUnavailableError,
  ValidationError,
  type EventSchemas,
} from '#domain';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.port.js';
import { buildEnvelopes, checkExpectedRevision, normalizeInstant } from '../envelope.js';
import { AppendSignal, followLog } from '../follow.js';
import { upcastEvent } from '../upcasting/upcast.js';

export interface PostgresEventStoreOptions {
  /** Schema holding the `events` table (default `public`); tests give each run its own. */
  readonly schema?: string;
  /** Pool size (default 10). */
  readonly maxConnections?: number;
  /** How long to wait for a connection before reporting the store unavailable (default 5000 ms). */
  readonly connectionTimeoutMs?: number;
  /** Poll interval of a caught-up follower when LISTEN/NOTIFY is not available (default 500 ms). */
  readonly pollMs?: number;
  /** Event types' current schema versions and upcasters, applied on every read (default: the domain's). */
  readonly eventSchemas?: EventSchemas;
}

const DEFAULT_READ_LIMIT = 1000;
const LISTENER_RETRY_MS = 5000;
const COLUMNS = 'position, id, stream_id, revision, type, data, metadata';

interface EventRow {
  position: string;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/**
 * Global order without skips: every append takes one transaction-scoped advisory lock
 * (per schema) before it reads the stream's revision and assigns positions as
 * MAX(position)+1. PostgreSQL makes a commit visible before it releases the
 * transaction's locks, so appends commit strictly in position order and a reader that
 * sees position N already sees every position below N: there is no "11 visible before 10"
 * for a projection to skip, the single bigint position is a safe checkpoint, and positions
 * have no holes (no sequence, so a rollback leaves no gap).
 *
 * Chosen over the xid8/pg_snapshot_xmin technique (STACK.md) because the port's checkpoint
 * is one bigint: with xid8 a reader must checkpoint (transaction_id, position) or be held
 * back to the snapshot xmin, which leaks into every consumer. The cost is that appends are
 * serialised, one commit (one WAL flush) at a time: about 150 appends/s on a slow disk
 * (measured on the development machine), more on server SSDs; a task tracker needs far
 * less. Reads never take the lock.
 */
export class PostgresEventStore implements EventStore {
  private readonly changes = new AppendSignal();
  private readonly closing = new AbortController();
  private readonly table: string;
  private readonly lockKey: string;
  private readonly channel: string;
  private readonly schemas: EventSchemas;
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private listenerRetryAt = 0;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    private readonly schema: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.table = `"${schema}".events`;
    // A 64-bit key per schema: stores in different schemas do not serialise each other.
    this.lockKey = createHash('sha256')
      .update(`chessboard-events:${schema}`)
      .digest()
      .readBigInt64BE(0)
      .toString();
    this.channel = `chessboard_events_${schema}`.slice(0, 63);
    this.schemas = options.eventSchemas ?? EVENT_SCHEMAS;
  }

  /** Connects and creates the schema, table, indexes and append-only trigger if missing. */
  static async connect(
    connectionString: string,
    options: PostgresEventStoreOptions = {},
  ): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new ValidationError('schema', 'must be a lower-case SQL identifier');
    }
    const pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    });
    // An idle connection dropped by the server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, connectionString, schema, options);
    try {
      await store.createSchema();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  private async createSchema(): Promise<void> {
    const s = `"${this.schema}"`;
    await this.guard(() => createSchemaIfMissing(this.pool, this.schema));
    await this.transaction(async (client) => {
      // Serialise concurrent first starts: CREATE ... IF NOT EXISTS is not safe against itself.
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [this.lockKey]);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          position        bigint      PRIMARY KEY,
          id              uuid        NOT NULL UNIQUE,
          stream_id       text        NOT NULL,
          revision        integer     NOT NULL,
          type            text        NOT NULL,
          data            jsonb       NOT NULL,
          metadata        jsonb       NOT NULL,
          occurred_at     timestamptz NOT NULL,
          actor_id        text        NOT NULL,
          idempotency_key text,
          UNIQUE (stream_id, revision)
        )`);
      await client.query(`
        CREATE INDEX IF NOT EXISTS events_idempotency
          ON ${this.table} (stream_id, actor_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
      // Stops accidental edits; deliberate ones are what the hash chain is for.
      await client.query(`
        CREATE OR REPLACE FUNCTION ${s}.events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'events are append-only'; END $$`);
      const { rowCount } = await client.query(
        `SELECT 1 FROM pg_trigger WHERE tgname = 'events_append_only' AND tgrelid = $1::regclass`,
        [this.table],
      );
      if (rowCount === 0) {
        await client.query(`
          CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${this.table}
            FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_append_only()`);
      }
    });
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const result = await this.transaction(async (client): Promise<AppendResult> => {
      // Its own statement: under READ COMMITTED each statement reads a snapshot taken when
      // it starts, so the reads below must start after the lock is granted.
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [this.lockKey]);
      const key = options.idempotencyKey;
      if (key !== undefined) {
        const earlier = await this.selectIdempotent(client, streamId, options.actor.id, key);
        if (earlier.length > 0) return resultOf(streamId, earlier, true);
      }
      const { rows } = await client.query<{
        head: string;
        revision: number | null;
        hash: string | null;
        position: string | null;
      }>(
        `SELECT (SELECT COALESCE(MAX(position), 0) FROM ${this.table}) AS head, last.*
           FROM (SELECT 1) AS one
           LEFT JOIN LATERAL (
             SELECT revision, metadata->>'hash' AS hash, position FROM ${this.table}
              WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1
           ) AS last ON true`,
        [streamId],
      );
      const { head, revision, hash, position } = rows[0];
      const current = revision ?? -1;
      checkExpectedRevision(streamId, options.expectedRevision, current);
      if (events.length === 0) {
        return { streamId, events: [], revision: current, position: BigInt(position ?? 0), duplicate: false };
      }
      const envelopes = buildEnvelopes(streamId, events, options, current, hash, this.schemas);
      const stored = envelopes.map((event, index) => ({
        ...event,
        position: BigInt(head) + BigInt(index + 1),
      }));
      // pg_notify is delivered at commit, to followers in every process.
      await client.query(
        `WITH inserted AS (
           INSERT INTO ${this.table}
             (position, id, stream_id, revision, type, data, metadata, occurred_at, actor_id, idempotency_key)
           SELECT position, id, $3, revision, type, data::jsonb, metadata::jsonb, $4::timestamptz, $5, $6
             FROM unnest($1::bigint[], $2::uuid[], $7::integer[], $8::text[], $9::text[], $10::text[])
               AS e(position, id, revision, type, data, metadata)
           RETURNING position
         )
         SELECT pg_notify($11, MAX(position)::text) FROM inserted`,
        [
          stored.map((e) => e.position.toString()),
          stored.map((e) => e.id),
          streamId,
          stored[0].metadata.occurredAt,
          options.actor.id,
          key ?? null,
          stored.map((e) => e.revision),
          stored.map((e) => e.type),
          stored.map((e) => JSON.stringify(e.data)),
          stored.map((e) => JSON.stringify(e.metadata)),
          this.channel,
        ],
      );
      return resultOf(streamId, stored, false);
    });
    if (result.events.length > 0 && !result.duplicate) this.changes.notify();
    return result;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const until = options.until === undefined ? null : normalizeInstant('until', options.until);
    return this.select(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE stream_id = $1
          AND ($2::integer IS NULL OR revision <= $2::integer)
          AND ($3::timestamptz IS NULL OR occurred_at <= $3::timestamptz)
        ORDER BY revision`,
      [streamId, options.toRevision ?? null, until],
    );
  }

  async readIdempotent(streamId: string, actorId: string, idempotencyKey: string): Promise<RecordedEvent[]> {
    return this.guard(() => this.selectIdempotent(this.pool, streamId, actorId, idempotencyKey));
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_READ_LIMIT));
    return this.select(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE position > $1 ORDER BY position LIMIT $2`,
      [(options.after ?? 0n).toString(), limit],
    );
  }

  follow(after: bigint, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    return this.followLive(after, AbortSignal.any([signal, this.closing.signal]));
  }

  private async *followLive(after: bigint, signal: AbortSignal): AsyncGenerator<RecordedEvent> {
    // LISTEN before the first read, so no notification falls between catching up and waiting.
    await this.listen();
    yield* followLog((options) => this.readAll(options), this.changes, after, signal, {
      pageSize: DEFAULT_READ_LIMIT,
      pollMs: this.options.pollMs ?? 500,
    });
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.guard(() =>
      this.pool.query<{ head: string }>(`SELECT COALESCE(MAX(position), 0) AS head FROM ${this.table}`),
    );
    return BigInt(rows[0].head);
  }

  async ping(): Promise<void> {
    await this.guard(() => this.pool.query(`SELECT 1 FROM ${this.table} LIMIT 1`));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /**
   * One connection LISTENs for the whole store. If it cannot connect or drops, followers
   * keep working on the poll timer and the next follow tries again (at most every 5 s).
   */
  private listen(): Promise<void> {
    if (this.listener || this.closed) return Promise.resolve();
    if (this.listening) return this.listening;
    if (Date.now() < this.listenerRetryAt) return Promise.resolve();
    this.listenerRetryAt = Date.now() + LISTENER_RETRY_MS;
    this.listening = this.connectListener().finally(() => {
      this.listening = undefined;
    });
    return this.listening;
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: this.options.connectionTimeoutMs ?? 5000,
    });
    const drop = (): void => {
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.changes.notify());
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.closed) {
        drop();
        return;
      }
      this.listener = client;
    } catch {
      drop();
    }
  }

  private async selectIdempotent(
    db: pg.Pool | pg.PoolClient,
    streamId: string,
    actorId: string,
    key: string,
  ): Promise<RecordedEvent[]> {
    const { rows } = await db.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE stream_id = $1 AND actor_id = $2 AND idempotency_key = $3 ORDER BY revision`,
      [streamId, actorId, key],
    );
    return rows.map(this.toEvent);
  }

  /** A stored row as its type's current shape (upcast on read). */
  private readonly toEvent = (row: EventRow): RecordedEvent => upcastEvent(toEvent(row), this.schemas);

  private async select(sql: string, params: unknown[]): Promise<RecordedEvent[]> {
    const { rows } = await this.guard(() => this.pool.query<EventRow>(sql, params));
    return rows.map(this.toEvent);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.guard(() => this.pool.connect());
    // A connection that dies while checked out also emits 'error'; the failed query
    // already reports it, so the event only needs a listener (else it would crash the process).
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw translate(error);
    } finally {
      // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      client.off('error', ignore);
      client.release(broken);
    }
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new ServiceUnavailableError('the event store is closed');
    try {
      return await work();
    } catch (error) {
      throw translate(error);
    }
  }
}

/**
 * CREATE SCHEMA IF NOT EXISTS is not safe against itself: when two sessions create one
 * schema at once, the later fails on pg_namespace's unique index (23505) as the first
 * commits, or with 42P06. Either way the schema exists, which is all that was asked.
 * The read model (libs/projections) opens the same schema at the same moment in a server
 * deployment and takes none of this store's locks, so tolerating it is the fix; it runs
 * on its own, outside the DDL transaction, which the failure would otherwise abort.
 */
async function createSchemaIfMissing(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

function toEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: row.revision,
    position: BigInt(row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  };
}

function resultOf(streamId: string, events: RecordedEvent[], duplicate: boolean): AppendResult {
  const last = events[events.length - 1];
  return { streamId, events, revision: last.revision, position: last.position, duplicate };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * Connection and server-side resource failures become ServiceUnavailableError (the
 * transaction, if any, rolled back: nothing was written); domain errors pass through.
 */
function translate(error: unknown): unknown {
  // Duck-typed, not `instanceof Error`: socket errors come from Node's own realm, which
  // differs from the caller's under jest's module sandbox.
  if (error instanceof DomainError || typeof error !== 'object' || error === null) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = String((error as { message?: unknown }).message ?? '');
  // 22P05: a \u0000 in a string, which jsonb cannot hold.
  if (code === '22P05') return new ValidationError('data', 'must not contain \\u0000');
  const unavailable =
    NETWORK_CODES.has(code) ||
    /^(08|53|57P|58)/.test(code) || // connection exception, insufficient resources, shutdown, system error
    code === '25006' || // read-only transaction: connected to a standby
    /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client was closed|not queryable/i.test(
      message,
    );
  if (!unavailable) return error;
  const mapped = new ServiceUnavailableError(
    `the PostgreSQL event store is unavailable (${code || message}); nothing was written`,
  );
  mapped.cause = error;
  return mapped;
}
