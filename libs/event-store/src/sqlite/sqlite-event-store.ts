import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError, EVENT_SCHEMAS, ServiceUnavailableError, type EventSchemas } from '#domain';
import { storeOutage } from '../store-outage.js';
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

export interface SqliteEventStoreOptions {
  /** How long a writer waits for another connection's write lock before giving up (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** How often a caught-up follower looks for appends made by other processes (default 250 ms). */
  readonly pollMs?: number;
  /** Event types' current schema versions and upcasters, applied on every read (default: the domain's). */
  readonly eventSchemas?: EventSchemas;
  /**
   * 'FULL' (default): a commit is on disk before append returns. 'NORMAL': commits reach the
   * disk at the next WAL checkpoint (one is attempted on close), so a power cut may lose the
   * last ones, never corrupt or reorder the log. Only for idempotent bulk loads (the plan
   * import) that a re-run completes: it saves an fsync per command.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

const DEFAULT_READ_LIMIT = 1000;

// position is the global log order. AUTOINCREMENT (not plain rowid) so a position is never
// reused after the last event is deleted by hand; SQLite has one writer at a time, so
// positions commit in order and readers never see 11 before 10. UNIQUE(stream_id,
// revision) is also the (stream_id, revision) index that readStream uses. The triggers
// stop accidental edits; deliberate ones are what the hash chain is for.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT    NOT NULL UNIQUE,
  stream_id       TEXT    NOT NULL,
  revision        INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  occurred_at     TEXT    NOT NULL,
  actor_id        TEXT    NOT NULL,
  idempotency_key TEXT,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_idempotency
  ON events (stream_id, actor_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly options: AppendOptions;
}

const COLUMNS = 'position, id, stream_id, revision, type, data, metadata';

interface EventRow {
  position: bigint;
  id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
}

/**
 * The embedded default: one SQLite file, safe to share with a second process (a CLI
 * importing demo data while the server runs) thanks to WAL and a busy timeout.
 */
export class SqliteEventStore implements EventStore {
  private readonly changes = new AppendSignal();
  private readonly closing = new AbortController();
  private readonly pollMs: number;
  private readonly statements: ReturnType<SqliteEventStore['prepare']>;
  private readonly schemas: EventSchemas;
  private readonly batches = new GroupCommit<AppendRequest, AppendResult>((batch) => this.commitBatch(batch));

  private constructor(
    private readonly db: Database.Database,
    private readonly filePath: string,
    options: SqliteEventStoreOptions,
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.schemas = options.eventSchemas ?? EVENT_SCHEMAS;
    this.statements = this.prepare();
  }

  /** Opens (creating directory, file and schema as needed) the event store at `filePath`; ':memory:' works for tests. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const inMemory = filePath === ':memory:';
    return translateErrors(() => {
      if (!inMemory) mkdirSync(dirname(filePath), { recursive: true });
      const db = new Database(filePath, { timeout: options.busyTimeoutMs ?? 5000 });
      try {
        db.pragma('journal_mode = WAL');
        // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss,
        // and an event store must not lose a write the API already acknowledged (nor a
        // hash-chain link). An fsync per command is cheap at a task tracker's write rate.
        db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
        db.transaction(() => db.exec(SCHEMA)).immediate();
        return new SqliteEventStore(db, filePath, options);
      } catch (error) {
        db.close();
        throw error;
      }
    });
  }

  private prepare() {
    const read = (sql: string) => this.db.prepare<unknown[], EventRow>(sql).safeIntegers(true);
    return {
      // The head's hash straight from SQLite's JSON functions: no metadata text to parse in JS.
      last: this.db
        .prepare<[string], { revision: bigint; position: bigint; hash: string | null }>(
          `SELECT revision, position, json_extract(metadata, '$.hash') AS hash
             FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`,
        )
        .safeIntegers(true),
      stream: read(
        `SELECT ${COLUMNS} FROM events
          WHERE stream_id = @streamId
            AND (@toRevision IS NULL OR revision <= @toRevision)
            AND (@until IS NULL OR occurred_at <= @until)
          ORDER BY revision`,
      ),
      idempotent: read(
        `SELECT ${COLUMNS} FROM events
          WHERE stream_id = ? AND actor_id = ? AND idempotency_key = ? ORDER BY revision`,
      ),
      all: read(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      head: this.db
        .prepare<[], { head: bigint }>('SELECT COALESCE(MAX(position), 0) AS head FROM events')
        .safeIntegers(true),
      insert: this.db
        .prepare(
          `INSERT INTO events (id, stream_id, revision, type, data, metadata, occurred_at, actor_id, idempotency_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .safeIntegers(true),
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
      savepoint: this.db.prepare('SAVEPOINT append'),
      release: this.db.prepare('RELEASE append'),
      rollbackTo: this.db.prepare('ROLLBACK TO append'),
    };
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (!this.db.open || this.closing.signal.aborted) {
      return Promise.reject(new ServiceUnavailableError('the event store is closed'));
    }
    return this.batches.submit({ streamId, events, options });
  }

  /**
   * One IMMEDIATE transaction (one fsync) for every append waiting in this process. IMMEDIATE
   * takes the write lock before any revision check, so no other connection (in this process
   * or another) can append between check and insert. Each append runs in its own SAVEPOINT
   * when it shares the batch: a conflict or a bad event undoes only that append and fails
   * only its caller. Nobody hears "written" before the COMMIT has returned.
   */
  private commitBatch(batch: Queued<AppendRequest, AppendResult>[]): void {
    const sql = this.statements;
    if (!this.db.open) throw new ServiceUnavailableError('the event store is closed');
    translateErrors(() => sql.begin.run());
    const shared = batch.length > 1;
    const outcomes: ({ result: AppendResult } | { error: unknown })[] = [];
    try {
      for (const { request } of batch) {
        if (shared) sql.savepoint.run();
        try {
          const result = this.write(request);
          if (shared) sql.release.run();
          outcomes.push({ result });
        } catch (error) {
          // A failure SQLite answers by rolling back the whole transaction (disk full, I/O
          // error) takes every append of the batch with it.
          if (!shared || !this.db.inTransaction) throw error;
          sql.rollbackTo.run();
          sql.release.run();
          outcomes.push({ error });
        }
      }
      sql.commit.run();
    } catch (error) {
      if (this.db.inTransaction) sql.rollback.run();
      throw translateError(error);
    }
    let written = false;
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if ('error' in outcome) return item.reject(translateError(outcome.error));
      written ||= outcome.result.events.length > 0 && !outcome.result.duplicate;
      item.resolve(outcome.result);
    });
    if (written) this.changes.notify();
  }

  /** One append inside the batch's transaction: idempotency, revision check, chain, insert. */
  private write({ streamId, events, options }: AppendRequest): AppendResult {
    const key = options.idempotencyKey;
    if (key !== undefined) {
      const earlier = this.statements.idempotent.all(streamId, options.actor.id, key).map(this.toEvent);
      if (earlier.length > 0) return appendResult(streamId, earlier, true);
    }
    const last = this.statements.last.get(streamId);
    const current = last ? Number(last.revision) : -1;
    checkExpectedRevision(streamId, options.expectedRevision, current);
    if (events.length === 0) {
      return { streamId, events: [], revision: current, position: last?.position ?? 0n, duplicate: false };
    }
    const envelopes = buildEnvelopes(streamId, events, options, current, last?.hash ?? null, this.schemas);
    const stored = envelopes.map((event): RecordedEvent => {
      const info = this.statements.insert.run(
        event.id,
        streamId,
        event.revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        event.metadata.occurredAt,
        options.actor.id,
        key ?? null,
      );
      return { ...event, position: BigInt(info.lastInsertRowid) };
    });
    return appendResult(streamId, stored, false);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.run(() =>
      this.statements.stream
        .all({
          streamId,
          toRevision: options.toRevision ?? null,
          until: options.until === undefined ? null : normalizeInstant('until', options.until),
        })
        .map(this.toEvent),
    );
  }

  readIdempotent(streamId: string, actorId: string, idempotencyKey: string): Promise<RecordedEvent[]> {
    return this.run(() =>
      this.statements.idempotent.all(streamId, actorId, idempotencyKey).map(this.toEvent),
    );
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_READ_LIMIT));
    return this.run(() => this.statements.all.all(options.after ?? 0n, limit).map(this.toEvent));
  }

  follow(after: bigint, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    return followLog(
      (options) => this.readAll(options),
      this.changes,
      after,
      AbortSignal.any([signal, this.closing.signal]),
      { pageSize: DEFAULT_READ_LIMIT, pollMs: this.pollMs },
    );
  }

  headPosition(): Promise<bigint> {
    return this.run(() => this.statements.head.get()?.head ?? 0n);
  }

  ping(): Promise<void> {
    return this.run(() => {
      this.statements.head.get();
      // An open handle keeps working on a deleted file; writes there would be lost.
      if (this.filePath !== ':memory:' && !existsSync(this.filePath)) {
        throw new ServiceUnavailableError(`the event store file ${this.filePath} is gone`);
      }
    });
  }

  async close(): Promise<void> {
    this.closing.abort();
    if (!this.db.open) return;
    // Appends already accepted are committed (and answered) before the file closes.
    await this.batches.drain();
    if (!this.db.open) return;
    // After NORMAL commits: copy the WAL into the file and sync both, as far as readers allow.
    if (this.db.pragma('synchronous', { simple: true }) !== 2) this.db.pragma('wal_checkpoint(PASSIVE)');
    this.db.close();
  }

  /** A stored row as its type's current shape (upcast on read). */
  private readonly toEvent = (row: EventRow): RecordedEvent => upcastEvent(toEvent(row), this.schemas);

  private run<T>(work: () => T): Promise<T> {
    try {
      if (!this.db.open) throw new ServiceUnavailableError('the event store is closed');
      return Promise.resolve(translateErrors(work));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

function toEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

/**
 * The SQLite result code of an error, by shape rather than `instanceof`: better-sqlite3's
 * native addon keeps the SqliteError class of whichever copy of the module loaded it first,
 * so with several module registries in one process (Jest workers) `instanceof` misses.
 */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** Storage failures become ServiceUnavailableError (the transaction has rolled back: nothing was written). */
function translateErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translateError(error);
  }
}

function translateError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (storeOutage(error) !== null) {
    const code = sqliteCode(error);
    const unavailable = new ServiceUnavailableError(
      `the event store is unavailable (${code ?? (error as Error).message}); nothing was written`,
    );
    unavailable.cause = error;
    return unavailable;
  }
  return error;
}
