import { lastSentReminderStep, type TaskState } from '#domain';
import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { Connection, Db, DialectKind } from './connection.js';

/** One step of the read model's schema. Never edit a released step: add the next one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db, dialect: DialectKind): Promise<void>;
}

type Modifier = (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/**
 * Text columns that are sorted or compared use byte order in PostgreSQL (COLLATE "C"),
 * which is what SQLite does by default: paging and ordering are identical in both.
 */
function columns(dialect: DialectKind) {
  const collate = (col: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? col.modifyEnd(sql`collate "C"`) : col;
  return {
    key: ((col) => collate(col).notNull()) satisfies Modifier,
    primaryKey: ((col) => collate(col).primaryKey()) satisfies Modifier,
    nullableKey: ((col) => collate(col)) satisfies Modifier,
    position: dialect === 'postgres' ? ('bigint' as const) : ('integer' as const),
  };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial read model',
    async up(db, dialect) {
      const c = columns(dialect);
      await db.schema
        .createTable('units')
        .addColumn('id', 'text', c.primaryKey)
        .addColumn('name', 'text', c.key)
        .addColumn('contacts', 'text', (col) => col.notNull())
        .addColumn('revision', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'text', c.key)
        .addColumn('updated_at', 'text', c.key)
        .execute();

      await db.schema
        .createTable('programs')
        .addColumn('id', 'text', c.primaryKey)
        .addColumn('name', 'text', c.key)
        .addColumn('region', 'text')
        .addColumn('revision', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'text', c.key)
        .execute();

      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', c.primaryKey)
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('description', 'text')
        .addColumn('program_id', 'text', c.key)
        .addColumn('partner', 'text')
        .addColumn('unit_id', 'text', c.key)
        .addColumn('assignee', 'text')
        .addColumn('status', 'text', c.key)
        .addColumn('progress', 'integer', (col) => col.notNull())
        .addColumn('deadline', 'text', c.key)
        .addColumn('created_at', 'text', c.key)
        .addColumn('updated_at', 'text', c.key)
        .addColumn('completed_at', 'text', c.nullableKey)
        .addColumn('acknowledged_at', 'text', c.nullableKey)
        .addColumn('was_overdue', 'integer', (col) => col.notNull())
        .addColumn('revision', 'integer', (col) => col.notNull())
        .addColumn('search_text', 'text', (col) => col.notNull())
        .addColumn('state', 'text', (col) => col.notNull())
        .execute();
      // Every list is ordered by (deadline, id); each filter gets an index ending in that order.
      await createIndex(db, 'tasks_deadline', 'tasks', ['deadline', 'id']);
      await createIndex(db, 'tasks_unit', 'tasks', ['unit_id', 'deadline', 'id']);
      await createIndex(db, 'tasks_program', 'tasks', ['program_id', 'deadline', 'id']);
      await createIndex(db, 'tasks_status', 'tasks', ['status', 'deadline', 'id']);
      await createIndex(db, 'tasks_board', 'tasks', ['unit_id', 'program_id', 'status']);

      await db.schema
        .createTable('reminders')
        .addColumn('position', c.position, (col) => col.primaryKey())
        .addColumn('task_id', 'text', c.key)
        .addColumn('kind', 'text', c.key)
        .addColumn('deadline', 'text', c.key)
        .addColumn('sequence', 'integer', (col) => col.notNull())
        .addColumn('sent_at', 'text', c.key)
        .addColumn('channel', 'text', (col) => col.notNull())
        .addColumn('recipient', 'text', (col) => col.notNull())
        .execute();
      await createIndex(db, 'reminders_task', 'reminders', ['task_id', 'position']);

      await db.schema
        .createTable('audit_log')
        .addColumn('position', c.position, (col) => col.primaryKey())
        .addColumn('event_id', 'text', c.key)
        .addColumn('stream_id', 'text', c.key)
        .addColumn('revision', 'integer', (col) => col.notNull())
        .addColumn('type', 'text', c.key)
        .addColumn('occurred_at', 'text', c.key)
        .addColumn('actor_id', 'text', c.key)
        .addColumn('actor_name', 'text')
        .addColumn('actor_role', 'text', (col) => col.notNull())
        .addColumn('actor_unit_id', 'text', c.nullableKey)
        .addColumn('unit_id', 'text', c.nullableKey)
        .addColumn('data', 'text', (col) => col.notNull())
        .addColumn('hash', 'text', (col) => col.notNull())
        .addColumn('previous_hash', 'text')
        .addColumn('metadata', 'text', (col) => col.notNull())
        .execute();
      await createIndex(db, 'audit_log_stream', 'audit_log', ['stream_id', 'position']);
      await createIndex(db, 'audit_log_actor', 'audit_log', ['actor_id', 'position']);
      await createIndex(db, 'audit_log_unit', 'audit_log', ['unit_id', 'position']);
      await createIndex(db, 'audit_log_type', 'audit_log', ['type', 'position']);
      await createIndex(db, 'audit_log_occurred', 'audit_log', ['occurred_at']);

      await db.schema
        .createTable('checkpoints')
        .addColumn('name', 'text', c.primaryKey)
        .addColumn('position', c.position, (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
  {
    version: 2,
    name: 'tasks.reminder_step for the reminder sweep',
    async up(db) {
      await db.schema
        .alterTable('tasks')
        .addColumn('reminder_step', 'integer', (col) => col.notNull().defaultTo(-1))
        .execute();
      await backfillReminderSteps(db);
      // The sweep reads open tasks by status and deadline, and only these columns: index-only.
      await createIndex(db, 'tasks_reminder_sweep', 'tasks', ['status', 'deadline', 'id', 'reminder_step']);
    },
  },
  {
    version: 3,
    name: 'board counts from a covering index',
    async up(db) {
      // The board groups by (unit, programme, status) and counts overdue by deadline: with
      // deadline in the index, that is an index-only scan that never reads the task rows.
      await db.schema.dropIndex('tasks_board').execute();
      await createIndex(db, 'tasks_board_counts', 'tasks', ['unit_id', 'program_id', 'status', 'deadline']);
    },
  },
  {
    version: 4,
    name: 'task state counts by revision',
    async up(db) {
      await renameStateVersionToRevision(db);
    },
  },
  {
    version: 5,
    name: 'drop the reminders table',
    async up(db) {
      // No longer projected: a task's sent reminders are read from its folded state
      // (`tasks.state`, `tasks.reminder_step`), and the audit log keeps every ReminderSent.
      await db.schema.dropIndex('reminders_task').ifExists().execute();
      await db.schema.dropTable('reminders').ifExists().execute();
    },
  },
];

/**
 * The folded task state used to count its events (`version`); it now carries the stream's
 * 0-based `revision`, which each row already holds in its own column. Written as the
 * projection writes it (JSON.stringify, `revision` last), so an upgraded row equals a replayed one.
 */
async function renameStateVersionToRevision(db: Db): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('tasks')
      .select(['id', 'state', 'revision'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    for (const row of rows) {
      const { version, ...state } = JSON.parse(row.state) as TaskState & { version?: number };
      if (version === undefined) continue;
      const revised = JSON.stringify({ ...state, revision: Number(row.revision) });
      await db.updateTable('tasks').set({ state: revised }).where('id', '=', row.id).execute();
    }
    if (rows.length < 500) return;
    after = rows[rows.length - 1].id;
  }
}

/** `create index <name> on <table> (<columns>)`. */
async function createIndex(db: Db, name: string, table: string, columns: readonly string[]): Promise<void> {
  await db.schema
    .createIndex(name)
    .on(table)
    .columns([...columns])
    .execute();
}

/** Fills `tasks.reminder_step` of existing rows from their state, as the projection now does. */
async function backfillReminderSteps(db: Db): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('tasks')
      .select(['id', 'state'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    const idsByStep = new Map<number, string[]>();
    for (const row of rows) {
      const step = lastSentReminderStep(JSON.parse(row.state) as TaskState);
      if (step === -1) continue;
      const ids = idsByStep.get(step) ?? [];
      ids.push(row.id);
      idsByStep.set(step, ids);
    }
    for (const [step, ids] of idsByStep) {
      await db.updateTable('tasks').set({ reminder_step: step }).where('id', 'in', ids).execute();
    }
    if (rows.length < 500) return;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Applies the pending migrations, each once, under the database's write lock (SQLite:
 * BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock per schema), so
 * processes that open the same read model at the same time do not race. `migrations`
 * (default: all of them) lets a test build a read model as an earlier release left it.
 */
export async function migrate(
  connection: Connection,
  now: () => string = () => new Date().toISOString(),
  migrations: readonly Migration[] = MIGRATIONS,
) {
  const { dialect, schema } = connection;
  if (schema !== null) await createSchemaIfMissing(connection, schema);
  await connection.writeTransaction(async (trx) => {
    if (schema !== null) {
      await sql`select pg_advisory_xact_lock(hashtext(${`chessboard read model: ${schema}`}))`.execute(trx);
    }
    await trx.schema
      .createTable('read_model_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('applied_at', 'text', (col) => col.notNull())
      .execute();
    const applied = await trx.selectFrom('read_model_migrations').select('version').execute();
    const done = new Set(applied.map((row) => Number(row.version)));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await migration.up(trx, dialect);
      await trx
        .insertInto('read_model_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: now() })
        .execute();
    }
  });
}

/**
 * CREATE SCHEMA IF NOT EXISTS is not safe against itself: when two sessions create one
 * schema at once, the later fails on pg_namespace's unique index (23505) as the first
 * commits, or with 42P06. Either way the schema exists. A lock of our own would not help:
 * the event store (libs/event-store) creates the same schema at the same moment in a
 * server deployment (one DATABASE_SCHEMA for both) and takes other locks.
 */
async function createSchemaIfMissing(connection: Connection, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(connection.db);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}
