import type { ColumnType } from 'kysely';
import type { TaskStatus } from '#domain';

/**
 * The read model's tables, typed for Kysely. One schema serves SQLite and PostgreSQL:
 * instants are ISO-8601 UTC strings (sortable as text), JSON is stored as text,
 * booleans as 0/1 integers, so both dialects return identical values.
 *
 * Global positions are 64-bit: `bigint` in PostgreSQL, INTEGER in SQLite. Drivers read
 * them back differently (string vs number), so queries select them as text
 * (`positionText`) and parse with BigInt; writes bind JS bigints.
 */
type Position = ColumnType<string | number | bigint, bigint, bigint>;

export interface UnitsTable {
  id: string;
  name: string;
  /** JSON array of strings: e-mail addresses and webhook URLs for reminders. */
  contacts: string;
  /** Revision of the unit's stream at its last event. */
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface ProgramsTable {
  id: string;
  name: string;
  region: string | null;
  revision: number;
  created_at: string;
}

export interface TasksTable {
  id: string;
  title: string;
  description: string | null;
  program_id: string;
  partner: string | null;
  unit_id: string;
  assignee: string | null;
  status: TaskStatus;
  progress: number;
  deadline: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  acknowledged_at: string | null;
  /** 0/1: the folded state's wasOverdue (overdue right now is computed at query time). */
  was_overdue: number;
  /** Revision of the task's stream at its last event. */
  revision: number;
  /** Lower-cased title, description and partner, one per line: what `search` matches. */
  search_text: string;
  /** The full TaskState as JSON: the same fold (`evolveTask`) the write side uses. */
  state: string;
  /**
   * The highest reminder step already sent for the current deadline, -1 when none (the
   * domain's `lastSentReminderStep`): with `deadline`, all the reminder sweep reads.
   */
  reminder_step: number;
}

export interface AuditLogTable {
  position: Position;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  occurred_at: string;
  actor_id: string;
  actor_name: string | null;
  actor_role: string;
  actor_unit_id: string | null;
  /** Task events: the task's unit as of (after) the event. Unit events: the unit. Otherwise null. */
  unit_id: string | null;
  data: string;
  hash: string;
  previous_hash: string | null;
  metadata: string;
}

export interface CheckpointsTable {
  name: string;
  /** Position of the last event applied under this name (0 before the first). */
  position: Position;
  updated_at: string;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface ReadModelDatabase {
  units: UnitsTable;
  programs: ProgramsTable;
  tasks: TasksTable;
  audit_log: AuditLogTable;
  checkpoints: CheckpointsTable;
  read_model_migrations: MigrationsTable;
}

/** The tables a rebuild clears (everything the projection writes, checkpoints included). */
export const PROJECTED_TABLES = ['tasks', 'units', 'programs', 'audit_log', 'checkpoints'] as const;
