import type { EventStore, RecordedEvent } from '#event-store';
import { sql } from 'kysely';
import { ProjectionBatch } from '../projector/apply-events.js';
import { RowWriter } from '../projector/row-writer.js';
import type { Db, DialectKind } from '../read-model/connection.js';
import { DEFAULT_CHECKPOINT, type ReadModel } from '../read-model/read-model.js';
import { PROJECTED_TABLES } from '../read-model/schema.js';

export interface BulkLoadOptions {
  /** Checkpoint name; default 'main'. */
  readonly checkpoint?: string;
  /** Events per read of the log; default 2000. */
  readonly pageSize?: number;
  /**
   * Folded rows (mostly tasks) held in memory; past this the changed ones are written and the least
   * recently touched half is let go (read back if touched again). Default 20,000.
   */
  readonly maxHeldTasks?: number;
  /**
   * Drop the secondary indexes of the bulk-loaded tables and build them again at the end
   * (much cheaper than maintaining them row by row). On PostgreSQL DROP INDEX locks the
   * table against readers until the commit. Default: true on SQLite, false on PostgreSQL.
   */
  readonly deferIndexes?: boolean;
  /** After each page of the log: events folded so far and the position reached. */
  readonly onPage?: (events: number, position: bigint) => void;
}

export interface BulkLoadResult {
  readonly events: number;
  /** The checkpoint written: the last position loaded (0 for an empty log). */
  readonly position: bigint;
}

const DEFAULT_PAGE_SIZE = 2000;
const DEFAULT_MAX_HELD_TASKS = 20_000;
/** The tables that grow with the log; their secondary indexes are built after the load. */
const BULK_TABLES = ['audit_log', 'tasks'];

/**
 * Empties the read model and projects the whole log into it in ONE write transaction: the
 * fast path of a rebuild (`rebuildReadModel`, `replayReadModel`). Readers see the old rows
 * until the commit; a crash or an error rolls everything back. The transaction holds the
 * checkpoints' lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: the checkpoints table locked
 * EXCLUSIVE), so projectors of the same read model wait and then carry on from the new
 * checkpoint: nothing is applied twice or skipped.
 *
 * The fold is `ProjectionBatch` over fresh tables: rows stay folded in memory across
 * pages and are written when the cache fills and at the end, so a task is written about
 * once instead of once per page; audit rows are written page by page. The
 * next page of the log is read while the current one is written.
 */
export async function bulkLoad(
  store: EventStore,
  readModel: ReadModel,
  options: BulkLoadOptions = {},
): Promise<BulkLoadResult> {
  const name = options.checkpoint ?? DEFAULT_CHECKPOINT;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxHeld = Math.max(1, options.maxHeldTasks ?? DEFAULT_MAX_HELD_TASKS);
  const { dialect } = readModel;
  const deferIndexes = options.deferIndexes ?? dialect === 'sqlite';
  return readModel.writeTransaction(async (trx) => {
    if (dialect === 'postgres') await sql`lock table checkpoints in exclusive mode`.execute(trx);
    for (const table of PROJECTED_TABLES) await trx.deleteFrom(table).execute();
    const indexes = deferIndexes ? await dropSecondaryIndexes(trx, dialect) : [];
    const restoreCache = dialect === 'sqlite' ? await largerPageCache(trx) : async () => undefined;

    const batch = new ProjectionBatch({ fresh: true });
    const writer = new RowWriter(trx);
    let events = 0;
    let position = 0n;
    let next = prefetch(store, position, pageSize);
    let writing: Promise<void> = Promise.resolve();
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      position = page[page.length - 1]!.position;
      next = prefetch(store, position, pageSize);
      await batch.load(trx, writer, page);
      for (const event of page) batch.apply(event);
      events += page.length;
      // One write in flight while the next page folds (PostgreSQL works on it meanwhile).
      await writing;
      if (batch.held > maxHeld) await batch.flush(writer, maxHeld >> 1);
      else writing = settledLater(batch.flushAppended(writer));
      options.onPage?.(events, position);
      // better-sqlite3 answers synchronously: let the rest of the process (appends, requests) have a turn.
      await new Promise(setImmediate);
    }
    await writing;
    await batch.flush(writer, 0);

    if (dialect === 'sqlite') await sql`pragma threads = 2`.execute(trx);
    for (const definition of indexes) await sql.raw(definition).execute(trx);
    await restoreCache();
    await trx
      .insertInto('checkpoints')
      .values({ name, position, updated_at: new Date().toISOString() })
      .execute();
    return { events, position };
  });
}

/** The next page, already on its way. */
function prefetch(store: EventStore, after: bigint, limit: number): Promise<RecordedEvent[]> {
  return settledLater(store.readAll({ after, limit }));
}

/** Work started ahead: its failure surfaces where it is awaited (or nowhere, if the load failed first). */
function settledLater<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

/**
 * SQLite: a page cache of up to 64 MiB while loading (the default is 2 MiB), so index
 * builds and the spill of a large transaction go through fewer reads and writes, and
 * (set before the index builds) a helper thread for their sorts. Returns how to put the
 * defaults back.
 */
async function largerPageCache(trx: Db): Promise<() => Promise<void>> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(trx);
  const previous = Number(rows[0]?.cache_size ?? -2000);
  await sql`pragma cache_size = -65536`.execute(trx);
  return async () => {
    await sql.raw(`pragma cache_size = ${previous}`).execute(trx);
    await sql`pragma threads = 0`.execute(trx);
  };
}

/** Drops the secondary indexes of the bulk tables (primary keys stay); returns how to create them again. */
async function dropSecondaryIndexes(trx: Db, dialect: DialectKind): Promise<string[]> {
  if (dialect === 'sqlite') {
    // Indexes SQLite makes for primary keys and UNIQUE have no sql; they stay.
    const { rows } = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master
       where type = 'index' and sql is not null and tbl_name in (${sql.join(BULK_TABLES)})`.execute(trx);
    for (const row of rows) await sql`drop index ${sql.id(row.name)}`.execute(trx);
    return rows.map((row) => row.sql);
  }
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = current_schema() and t.relname in (${sql.join(BULK_TABLES)})
       and not x.indisprimary and not x.indisunique`.execute(trx);
  for (const row of rows) await sql`drop index ${sql.id(row.name)}`.execute(trx);
  return rows.map((row) => row.definition);
}
