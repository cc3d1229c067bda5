import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  ConcurrencyError,
  DomainError,
  EVENT_SCHEMAS,
  ServiceUnavailableError,
  ValidationError,
  type EventSchemas,
} from '#domain';
import { isStoreOutage } from '../store-outage.js';
import {
  appendResult,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../event-store.port.js';
import { buildEnvelopes, checkExpectedRevision, normalizeInstant } from '../envelope.js';
import { AppendSignal, followLog } from '../follow.js';
import { GroupCommit, type Queued } from '../group-commit.js';
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

interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly options: AppendOptions;
}

type Outcome = { readonly result: AppendResult } | { readonly error: unknown };

interface StreamHead {
  readonly revision: number;
  readonly hash: string | null;
  readonly position: bigint;
}

const KNOWN_HEADS = 10_000;

interface HeadRow {
  stream_id: string;
  revision: number | null;
  hash: string | null;
  position: string | null;
  head: string;
}

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
 * Chosen over the xid8/pg_snapshot_xmin technique because the port's checkpoint
 * is one bigint: with xid8 a reader must checkpoint (transaction_id, position) or be held
 * back to the snapshot xmin, which leaks into every consumer. The cost is that commits are
 * serialised, one at a time; group commit (see commitBatch) makes one of them carry every
 * append waiting in this process, so the lock and the WAL flush are paid per batch, not per
 * append. Reads never take the lock.
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
  /**
   * The heads this process wrote, so the next append to one of them takes one round trip
   * (writeKnownHeads). A second cache under the pipeline's folded states, kept because it
   * pays: `npm run bench -- --only append --store postgres --reps 3`, with and without it
   * in turn, three runs each in one session on a shared machine (load 2 to 8), appended with
   * 1 writer at 0.58×, 1.08×, 1.36× of a raw pg INSERT with it and 0.31×, 0.39×, 0.49×
   * without; 16 writers 0.89×, 0.92×, 1.78× with it, 0.76×, 1.03×, 1.03× without.
   */
  private readonly knownHeads = new Map<string, StreamHead>();
  private readonly batches = new GroupCommit<AppendRequest, AppendResult>((batch) => this.commitBatch(batch));

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

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed || this.closing.signal.aborted) {
      return Promise.reject(new ServiceUnavailableError('the event store is closed'));
    }
    return this.batches.submit({ streamId, events, options });
  }

  /**
   * The appends waiting in this process, in one transaction under the lock: one lock wait
   * and one commit for all of them, in two round trips (BEGIN + lock + heads, then INSERT +
   * COMMIT), or one when this process knows the heads (writeKnownHeads). Conflicts and bad events are found before the INSERT and fail only their own
   * caller. A failure of the statement itself (a value jsonb refuses) rolls the batch back,
   * and its appends are retried one by one, so it too fails only the append that caused it.
   */
  private async commitBatch(batch: Queued<AppendRequest, AppendResult>[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.writeBatch(batch.map((item) => item.request));
    } catch (error) {
      if (batch.length === 1 || error instanceof ServiceUnavailableError) throw error;
      for (const item of batch) await this.commitBatch([item]).catch((alone: unknown) => item.reject(alone));
      return;
    }
    let written = false;
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if ('error' in outcome) return item.reject(outcome.error);
      written ||= outcome.result.events.length > 0 && !outcome.result.duplicate;
      item.resolve(outcome.result);
    });
    if (written) this.changes.notify();
  }

  private writeBatch(requests: readonly AppendRequest[]): Promise<Outcome[]> {
    return this.withClient(async (client) => {
      try {
        return await this.writeBatchOn(client, requests);
      } catch (error) {
        for (const request of requests) this.knownHeads.delete(request.streamId);
        throw error;
      }
    });
  }

  private async writeBatchOn(client: pg.PoolClient, requests: readonly AppendRequest[]): Promise<Outcome[]> {
    const quick = await this.writeKnownHeads(client, requests);
    if (quick !== undefined) return quick;
    // Literals, not parameters: a multi-statement (simple protocol) query saves round trips.
    // Each of its statements takes its own snapshot under READ COMMITTED, so the reads
    // after the lock see every append committed before it was granted.
    const streams = [...new Set(requests.map((r) => r.streamId))];
    const keyed = requests.filter((r) => r.options.idempotencyKey !== undefined);
    const [, , heads, earlier] = (await client.query(
      `BEGIN;
         SELECT pg_advisory_xact_lock(${this.lockKey}::bigint);
         SELECT s.stream_id, last.revision, last.hash, last.position,
                (SELECT COALESCE(MAX(position), 0) FROM ${this.table}) AS head
           FROM unnest(ARRAY[${streams.map(literal).join(',')}]::text[]) AS s(stream_id)
           LEFT JOIN LATERAL (
             SELECT revision, metadata->>'hash' AS hash, position FROM ${this.table}
              WHERE stream_id = s.stream_id ORDER BY revision DESC LIMIT 1
           ) AS last ON true;
         ${
           keyed.length === 0
             ? ''
             : `SELECT ${COLUMNS}, actor_id, idempotency_key FROM ${this.table}
                 WHERE idempotency_key IS NOT NULL AND (stream_id, actor_id, idempotency_key) IN (${keyed
                   .map(
                     (r) =>
                       `(${literal(r.streamId)}, ${literal(r.options.actor.id)}, ${literal(r.options.idempotencyKey!)})`,
                   )
                   .join(',')})
                 ORDER BY revision;`
         }`,
    )) as unknown as [
      unknown,
      unknown,
      pg.QueryResult<HeadRow>,
      pg.QueryResult<EventRow & { actor_id: string; idempotency_key: string }> | undefined,
    ];
    const plan = this.plan(
      requests,
      new Map(
        heads.rows.map((h) => [
          h.stream_id,
          { revision: h.revision ?? -1, hash: h.hash, position: BigInt(h.position ?? 0) },
        ]),
      ),
      earlier?.rows ?? [],
      BigInt(heads.rows[0]?.head ?? 0),
      String,
    );
    if (plan.rows.length === 0) {
      await client.query('COMMIT');
      return plan.outcomes;
    }
    // pg_notify is delivered at commit, to followers in every process.
    await client.query(
      `WITH inserted AS (
           INSERT INTO ${this.table}
             (position, id, stream_id, revision, type, data, metadata, occurred_at, actor_id, idempotency_key)
           VALUES ${plan.rows.join(',\n')}
           RETURNING position
         )
         SELECT pg_notify(${literal(this.channel)}, MAX(position)::text) FROM inserted;
         COMMIT`,
    );
    this.rememberHeads(plan.outcomes);
    return plan.outcomes;
  }

  /**
   * One round trip when this process wrote the head of every stream in the batch (no
   * idempotency key, no conflict against those heads): BEGIN, lock, INSERT and COMMIT in one
   * query, positions from MAX(position) read after the lock. The heads need no re-reading:
   * if another process has appended since, the revision this batch writes already exists and
   * UNIQUE (stream_id, revision) fails the statement; the batch then takes the ordinary path.
   * Revisions are gapless, so when the insert succeeds, the remembered head (and its hash,
   * which the chain links to) was the stream's head. Undefined when it does not apply.
   */
  private async writeKnownHeads(
    client: pg.PoolClient,
    requests: readonly AppendRequest[],
  ): Promise<Outcome[] | undefined> {
    const heads = new Map<string, StreamHead>();
    for (const { streamId, events, options } of requests) {
      const head = this.knownHeads.get(streamId);
      if (head === undefined || events.length === 0 || options.idempotencyKey !== undefined) return undefined;
      heads.set(streamId, head);
    }
    const plan = this.plan(requests, new Map(heads), [], 0n, (at) => `(SELECT head FROM base) + ${at}`);
    if (plan.outcomes.some((outcome) => 'error' in outcome && outcome.error instanceof ConcurrencyError)) {
      return undefined; // decided on the store's current revision instead, for the error's actualRevision
    }
    if (plan.rows.length === 0) return undefined;
    let first: bigint;
    try {
      const results = (await client.query(
        `BEGIN;
         SELECT pg_advisory_xact_lock(${this.lockKey}::bigint);
         WITH base AS (SELECT COALESCE(MAX(position), 0) AS head FROM ${this.table}),
         inserted AS (
           INSERT INTO ${this.table}
             (position, id, stream_id, revision, type, data, metadata, occurred_at, actor_id, idempotency_key)
           VALUES ${plan.rows.join(',\n')}
           RETURNING position
         )
         SELECT MIN(position) AS first, pg_notify(${literal(this.channel)}, MAX(position)::text) FROM inserted;
         COMMIT`,
      )) as unknown as [unknown, unknown, pg.QueryResult<{ first: string }>];
      first = BigInt(results[2].rows[0].first);
    } catch (error) {
      if ((error as { code?: unknown }).code !== '23505') throw error;
      await client.query('ROLLBACK');
      for (const streamId of heads.keys()) this.knownHeads.delete(streamId);
      return undefined;
    }
    const outcomes = plan.outcomes.map((outcome): Outcome => {
      if (!('result' in outcome)) return outcome;
      const events = outcome.result.events.map((event) => ({
        ...event,
        position: event.position + first - 1n,
      }));
      return { result: { ...outcome.result, events, position: events[events.length - 1].position } };
    });
    this.rememberHeads(outcomes);
    return outcomes;
  }

  /** The heads this process's appends wrote, for writeKnownHeads (bounded, oldest forgotten first). */
  private rememberHeads(outcomes: readonly Outcome[]): void {
    for (const outcome of outcomes) {
      if (!('result' in outcome) || outcome.result.duplicate) continue;
      const last = outcome.result.events.at(-1);
      if (last === undefined) continue;
      this.knownHeads.delete(last.streamId);
      this.knownHeads.set(last.streamId, {
        revision: last.revision,
        hash: last.metadata.hash,
        position: last.position,
      });
      if (this.knownHeads.size > KNOWN_HEADS) this.knownHeads.delete(this.knownHeads.keys().next().value!);
    }
  }

  /**
   * Each request of the batch against the heads read under the lock, in order: earlier
   * requests of the batch move the heads (and use idempotency keys) for later ones, exactly
   * as if each had committed on its own.
   */
  private plan(
    requests: readonly AppendRequest[],
    heads: Map<string, StreamHead>,
    earlierRows: readonly (EventRow & { actor_id: string; idempotency_key: string })[],
    start: bigint,
    positionSql: (position: bigint) => string,
  ): { outcomes: Outcome[]; rows: string[] } {
    let position = start;
    const used = new Map<string, RecordedEvent[]>();
    for (const row of earlierRows) {
      const key = usageKey(row.stream_id, row.actor_id, row.idempotency_key);
      used.set(key, [...(used.get(key) ?? []), this.toEvent(row)]);
    }
    const rows: string[] = [];
    const outcomes = requests.map(({ streamId, events, options }): Outcome => {
      try {
        const key = options.idempotencyKey;
        const usage = key === undefined ? undefined : usageKey(streamId, options.actor.id, key);
        const earlier = usage === undefined ? undefined : used.get(usage);
        if (earlier !== undefined) return { result: appendResult(streamId, earlier, true) };
        const head = heads.get(streamId)!;
        checkExpectedRevision(streamId, options.expectedRevision, head.revision);
        if (events.length === 0) {
          return {
            result: {
              streamId,
              events: [],
              revision: head.revision,
              position: head.position,
              duplicate: false,
            },
          };
        }
        const envelopes = buildEnvelopes(streamId, events, options, head.revision, head.hash, this.schemas);
        const values = envelopes.map((event, index) => {
          const at = position + BigInt(index + 1);
          const columns = [
            positionSql(at),
            literal(event.id),
            literal(streamId),
            String(event.revision),
            literal(event.type),
            literal(JSON.stringify(event.data)),
            literal(JSON.stringify(event.metadata)),
            literal(event.metadata.occurredAt),
            literal(options.actor.id),
            key === undefined ? 'NULL' : literal(key),
          ];
          return `(${columns.join(', ')})`;
        });
        const stored = envelopes.map((event, index) => ({
          ...event,
          position: position + BigInt(index + 1),
        }));
        const last = stored[stored.length - 1];
        position = last.position;
        rows.push(...values);
        heads.set(streamId, { revision: last.revision, hash: last.metadata.hash, position: last.position });
        if (usage !== undefined) used.set(usage, stored);
        return { result: appendResult(streamId, stored, false) };
      } catch (error) {
        return { error: translate(error) };
      }
    });
    return { outcomes, rows };
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
    this.closing.abort();
    // Appends already accepted are committed (and answered) before the pool ends.
    await this.batches.drain();
    if (this.closed) return;
    this.closed = true;
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

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    });
  }

  /** A pooled connection for `work`, which begins its own transaction; rolled back if it fails. */
  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.guard(() => this.pool.connect());
    // A connection that dies while checked out also emits 'error'; the failed query
    // already reports it, so the event only needs a listener (else it would crash the process).
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      return await work(client);
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

/**
 * A quoted SQL literal. A NUL cannot be sent in a query text (nor stored in text), so it is
 * refused here rather than let it cut the statement short.
 */
function literal(value: string): string {
  if (value.includes('\u0000')) throw new ValidationError('event', 'text must not contain \\u0000');
  return pg.escapeLiteral(value);
}

function usageKey(streamId: string, actorId: string, idempotencyKey: string): string {
  return JSON.stringify([streamId, actorId, idempotencyKey]);
}

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
  if (!isStoreOutage(error)) return error;
  const mapped = new ServiceUnavailableError(
    `the PostgreSQL event store is unavailable (${code || message}); nothing was written`,
  );
  mapped.cause = error;
  return mapped;
}
