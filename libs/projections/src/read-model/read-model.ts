import type { RecordedEvent } from '#event-store';
import { auditLog } from '../audit-log/audit-log.queries.js';
import { applyEvents, type AppliedEvent } from '../projector/apply-events.js';
import {
  board,
  getPrograms,
  getProgramsById,
  getUnits,
  getUnitsById,
} from '../task-board/task-board.queries.js';
import { countTasks, getTask, listTaskPage } from '../task-details/task-list.queries.js';
import {
  connect,
  positionText,
  type Connection,
  type Db,
  type DialectKind,
  type ReadModelConfig,
} from './connection.js';
import { migrate } from './migrations.js';
import type {
  AuditFilter,
  AuditPage,
  BoardView,
  ProgramRow,
  TaskFilter,
  TaskPage,
  TaskRow,
  UnitRow,
} from './rows.js';
import { PROJECTED_TABLES } from './schema.js';

export const DEFAULT_CHECKPOINT = 'main';

export interface ApplyOptions {
  /** Checkpoint name; every projector writing these tables must use the same one. Default 'main'. */
  readonly checkpoint?: string;
  /**
   * The position the caller read the batch after (the batch is the log's continuation
   * from there). When the checkpoint is below it, the read model was reset or lags
   * behind what the caller has seen: nothing is applied and the result says `behind`,
   * so the caller re-reads from the checkpoint instead of leaving a gap.
   */
  readonly after?: bigint;
}

export type ApplyResult =
  | { readonly status: 'applied'; readonly applied: readonly AppliedEvent[]; readonly checkpoint: bigint }
  | { readonly status: 'behind'; readonly checkpoint: bigint };

/** Opens (and migrates) the read model: a SQLite file or a PostgreSQL schema. */
export async function openReadModel(config: ReadModelConfig): Promise<ReadModel> {
  const connection = await connect(config);
  try {
    await migrate(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return new ReadModel(connection);
}

/** The query side: projected tables, their queries, and the checkpointed write path. */
export class ReadModel {
  readonly #connection: Connection;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  get dialect(): DialectKind {
    return this.#connection.dialect;
  }

  /** The Kysely instance, for tooling (dumps, the rebuild's table swap); prefer the queries below. */
  get db(): Db {
    return this.#connection.db;
  }

  getTask(id: string): Promise<TaskRow | null> {
    return getTask(this.db, id);
  }

  /** One page of tasks without the count: pair with countTasks when the caller wants the total. */
  listTaskPage(
    filter: TaskFilter,
    now: string,
    first: number,
    after?: string | null,
  ): Promise<Omit<TaskPage, 'totalCount'>> {
    return listTaskPage(this.db, filter, now, first, after);
  }

  countTasks(filter: TaskFilter, now: string): Promise<number> {
    return countTasks(this.db, filter, now);
  }

  getUnits(): Promise<UnitRow[]> {
    return getUnits(this.db);
  }

  getUnitsById(ids: readonly string[]): Promise<UnitRow[]> {
    return getUnitsById(this.db, ids);
  }

  getPrograms(): Promise<ProgramRow[]> {
    return getPrograms(this.db);
  }

  getProgramsById(ids: readonly string[]): Promise<ProgramRow[]> {
    return getProgramsById(this.db, ids);
  }

  board(now: string): Promise<BoardView> {
    return board(this.db, now);
  }

  auditLog(filter: AuditFilter, first: number, after?: string | null): Promise<AuditPage> {
    return auditLog(this.db, filter, first, after);
  }

  /** Position of the last event applied under `name` (0n before the first). */
  async checkpoint(name = DEFAULT_CHECKPOINT): Promise<bigint> {
    const row = await this.db
      .selectFrom('checkpoints')
      .select(positionText('position').as('position'))
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? BigInt(row.position) : 0n;
  }

  /**
   * Applies the events that are past the checkpoint and advances it, in ONE transaction
   * that holds the checkpoint's lock (PostgreSQL: SELECT ... FOR UPDATE; SQLite: BEGIN
   * IMMEDIATE). Two projectors racing over the same events apply each exactly once.
   * Events must be in log order.
   */
  applyEvents(events: readonly RecordedEvent[], options: ApplyOptions = {}): Promise<ApplyResult> {
    const name = options.checkpoint ?? DEFAULT_CHECKPOINT;
    return this.#connection.writeTransaction(async (trx) => {
      const checkpoint = await this.#lockCheckpoint(trx, name);
      if (options.after !== undefined && checkpoint < options.after) return { status: 'behind', checkpoint };
      const fresh = events.filter((event) => event.position > checkpoint);
      if (fresh.length === 0) return { status: 'applied', applied: [], checkpoint };
      const applied = await applyEvents(trx, fresh);
      const position = fresh[fresh.length - 1]!.position;
      await trx
        .updateTable('checkpoints')
        .set({ position, updated_at: new Date().toISOString() })
        .where('name', '=', name)
        .execute();
      return { status: 'applied', applied, checkpoint: position };
    });
  }

  /**
   * Runs `fn` in a transaction holding the read model's write lock (SQLite: BEGIN IMMEDIATE;
   * PostgreSQL: a plain transaction, lock what you need): for tooling such as the replay's
   * atomic table switch.
   */
  writeTransaction<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    return this.#connection.writeTransaction(fn);
  }

  /** Empties every projected table and checkpoint, in one transaction (see rebuildReadModel). */
  async clear(): Promise<void> {
    await this.#connection.writeTransaction(async (trx) => {
      for (const table of PROJECTED_TABLES) await trx.deleteFrom(table).execute();
    });
  }

  close(): Promise<void> {
    return this.#connection.close();
  }

  async #lockCheckpoint(trx: Db, name: string): Promise<bigint> {
    const select = () =>
      trx
        .selectFrom('checkpoints')
        .select(positionText('position').as('position'))
        .where('name', '=', name)
        .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
    let row = await select();
    if (!row) {
      await trx
        .insertInto('checkpoints')
        .values({ name, position: 0n, updated_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      row = await select();
    }
    return BigInt(row!.position);
  }
}
