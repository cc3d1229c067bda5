import { evolveTask, initialTaskState, parseStream, type TaskState } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Insertable } from 'kysely';
import { auditRowValues } from '../audit-log/audit-log.projection.js';
import {
  evolveProgramRow,
  evolveUnitRow,
  isProgramEvent,
  isUnitEvent,
  programRowValues,
  toProgramRow,
  toUnitRow,
  unitRowValues,
} from '../directory/directory.projection.js';
import type { Db } from '../read-model/connection.js';
import type { ProgramRow, UnitRow } from '../read-model/rows.js';
import type { AuditLogTable, RemindersTable, TasksTable } from '../read-model/schema.js';
import { isTaskEvent, reminderRowValues, taskRowValues } from '../task-details/task-details.projection.js';
import { RowWriter } from './row-writer.js';

/** What the projection did with one event; listeners (e.g. the taskChanged subscription) receive it. */
export interface AppliedEvent {
  readonly event: RecordedEvent;
  /** The task of a task stream, else null. */
  readonly taskId: string | null;
  /** Task events: the task's unit as of the event; unit events: the unit; otherwise null. */
  readonly unitId: string | null;
  /** TaskReassigned: the unit the task left; otherwise null. */
  readonly previousUnitId: string | null;
}

/** Rows and their stream revision; -1 before the first event. */
interface Folded<T> {
  value: T;
  revision: number;
  dirty: boolean;
}

/** Ids per query when loading units and programs. */
const CHUNK = 200;

interface StoredTask {
  id: string;
  state: string;
  revision: number | string;
}

/**
 * Projects a batch of events inside the caller's transaction: loads the rows the batch
 * touches once, folds in memory with the domain's evolve, then writes each changed row
 * once. Per-stream revisions make it idempotent on its own (an event whose revision the
 * row has already folded is not folded again); the checkpoint in `ReadModel.applyEvents`
 * is what makes a batch exactly-once.
 */
export async function applyEvents(trx: Db, events: readonly RecordedEvent[]): Promise<AppliedEvent[]> {
  const batch = new ProjectionBatch();
  const writer = new RowWriter(trx);
  await batch.load(trx, writer, events);
  const applied = events.map((event) => batch.apply(event));
  await batch.flush(writer);
  return applied;
}

/** One event; see `applyEvents`. Unknown event types are recorded in the audit log only. */
export async function applyEvent(trx: Db, event: RecordedEvent): Promise<AppliedEvent> {
  const [applied] = await applyEvents(trx, [event]);
  return applied!;
}

/**
 * The projection's fold over rows, held in memory until `flush` writes what changed.
 *
 * One instance per incremental batch (`applyEvents`), or one for a whole bulk load into
 * tables that were empty when it started (`fresh`, see rebuild/bulk-load.ts): then rows
 * stay folded across many pages, a task is written when the cache is flushed rather than
 * once per page, and only tasks written and since forgotten are read back from the table.
 */
export class ProjectionBatch {
  readonly #tasks = new Map<string, Folded<TaskState>>();
  readonly #units = new Map<string, Folded<UnitRow | null>>();
  readonly #programs = new Map<string, Folded<ProgramRow | null>>();
  #audit: Insertable<AuditLogTable>[] = [];
  #reminders: Insertable<RemindersTable>[] = [];
  /** Fresh tables: the tasks written so far (anything else is known to be absent). Otherwise null. */
  readonly #written: Set<string> | null;
  /** Fresh tables: when each held task was last touched, to let go of the least recent first. */
  readonly #touched = new Map<string, number>();
  #clock = 0;

  constructor(options: { readonly fresh?: boolean } = {}) {
    this.#written = options.fresh ? new Set() : null;
  }

  /** Tasks held in memory. */
  get tasksHeld(): number {
    return this.#tasks.size;
  }

  /** Reads the rows of the streams `events` touch that are not held yet (and may exist). */
  async load(trx: Db, writer: RowWriter, events: readonly RecordedEvent[]): Promise<void> {
    const tasks = new Set<string>();
    const units = new Set<string>();
    const programs = new Set<string>();
    for (const event of events) {
      const { category, id } = parseStream(event.streamId);
      if (category === 'task') {
        if (!this.#tasks.has(id) && (this.#written === null || this.#written.has(id))) tasks.add(id);
      } else if (this.#written === null) {
        if (category === 'unit' && !this.#units.has(id)) units.add(id);
        else if (category === 'program' && !this.#programs.has(id)) programs.add(id);
      }
    }
    if (tasks.size > 0) {
      const rows = await writer.selectIn<StoredTask>('tasks', ['id', 'state', 'revision'], 'id', [...tasks]);
      for (const row of rows) {
        const state = JSON.parse(row.state) as TaskState;
        this.#tasks.set(row.id, { value: state, revision: Number(row.revision), dirty: false });
      }
    }
    for (const part of chunks([...units])) {
      const rows = await trx.selectFrom('units').selectAll().where('id', 'in', part).execute();
      for (const row of rows)
        this.#units.set(row.id, { value: toUnitRow(row), revision: row.revision, dirty: false });
    }
    for (const part of chunks([...programs])) {
      const rows = await trx.selectFrom('programs').selectAll().where('id', 'in', part).execute();
      for (const row of rows) {
        this.#programs.set(row.id, { value: toProgramRow(row), revision: row.revision, dirty: false });
      }
    }
  }

  apply(event: RecordedEvent): AppliedEvent {
    const { category, id: key } = parseStream(event.streamId);
    let applied: AppliedEvent = { event, taskId: null, unitId: null, previousUnitId: null };
    if (category === 'task') {
      const task = this.#task(key);
      const previousUnitId = task.value.exists ? task.value.unitId : null;
      if (isTaskEvent(event) && event.revision > task.revision) {
        task.value = evolveTask(task.value, event);
        task.revision = event.revision;
        task.dirty = true;
        if (event.type === 'ReminderSent') this.#reminders.push(reminderRowValues(event));
      }
      const unitId = task.value.exists ? task.value.unitId : null;
      applied = {
        event,
        taskId: key,
        unitId,
        previousUnitId: previousUnitId !== unitId ? previousUnitId : null,
      };
    } else if (isUnitEvent(event)) {
      const unit = entry(this.#units, key, () => null);
      if (event.revision > unit.revision) {
        unit.value = evolveUnitRow(unit.value, event);
        unit.revision = event.revision;
        unit.dirty = unit.value !== null;
      }
      applied = { ...applied, unitId: unit.value?.id ?? key };
    } else if (isProgramEvent(event)) {
      const program = entry(this.#programs, key, () => null);
      if (event.revision > program.revision) {
        program.value = evolveProgramRow(program.value, event);
        program.revision = event.revision;
        program.dirty = program.value !== null;
      }
    }
    this.#audit.push(auditRowValues(event, applied.unitId));
    return applied;
  }

  /** Writes the rows events append (audit log, reminders) and forgets them; folded rows stay held. */
  async flushAppended(writer: RowWriter): Promise<void> {
    const [audit, reminders] = [this.#audit, this.#reminders];
    this.#audit = [];
    this.#reminders = [];
    await writer.insert('reminders', 'position', reminders, 'nothing');
    await writer.insert('audit_log', 'position', audit, 'nothing');
  }

  /**
   * Writes every changed row and the appended ones. With fresh tables, then keeps only the
   * `keep` most recently touched tasks in memory (the rest are read back if touched again).
   */
  async flush(writer: RowWriter, keep = Infinity): Promise<void> {
    const tasks: Insertable<TasksTable>[] = [];
    for (const task of this.#tasks.values()) {
      if (!task.dirty || !task.value.exists) continue;
      tasks.push(taskRowValues(task.value, task.revision));
      task.dirty = false;
      this.#written?.add(task.value.taskId);
    }
    await writer.insert('tasks', 'id', tasks, 'update');
    await writer.insert('units', 'id', takeDirty(this.#units).map(unitRowValues), 'update');
    await writer.insert('programs', 'id', takeDirty(this.#programs).map(programRowValues), 'update');
    await this.flushAppended(writer);
    if (this.#written === null) return;
    if (this.#tasks.size <= keep) return;
    // A task that never got its TaskAssigned has no row: it stays folded in memory.
    const leastRecent = [...this.#tasks].filter(([, task]) => task.value.exists);
    leastRecent.sort(([a], [b]) => this.#touched.get(a)! - this.#touched.get(b)!);
    for (const [id] of leastRecent.slice(0, this.#tasks.size - keep)) {
      this.#tasks.delete(id);
      this.#touched.delete(id);
    }
  }

  #task(key: string): Folded<TaskState> {
    if (this.#written !== null) this.#touched.set(key, ++this.#clock);
    return entry(this.#tasks, key, initialTaskState);
  }
}

function entry<T>(map: Map<string, Folded<T>>, key: string, initial: () => T): Folded<T> {
  let folded = map.get(key);
  if (!folded) {
    folded = { value: initial(), revision: -1, dirty: false };
    map.set(key, folded);
  }
  return folded;
}

function takeDirty<T>(map: Map<string, Folded<T | null>>): T[] {
  const out: T[] = [];
  for (const folded of map.values()) {
    if (!folded.dirty || folded.value === null) continue;
    out.push(folded.value);
    folded.dirty = false;
  }
  return out;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
