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
import type { AuditLogTable, RemindersTable } from '../read-model/schema.js';
import { isTaskEvent, reminderRowValues, taskRowValues } from '../task-details/task-details.projection.js';

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

const CHUNK = 200;

/**
 * Projects a batch of events inside the caller's transaction: loads the rows the batch
 * touches once, folds in memory with the domain's evolve, then writes each changed row
 * once. Per-stream revisions make it idempotent on its own (an event whose revision the
 * row has already folded is not folded again); the checkpoint in `ReadModel.applyEvents`
 * is what makes a batch exactly-once.
 */
export async function applyEvents(trx: Db, events: readonly RecordedEvent[]): Promise<AppliedEvent[]> {
  const batch = new ProjectionBatch();
  await batch.load(trx, events);
  const applied = events.map((event) => batch.apply(event));
  await batch.flush(trx);
  return applied;
}

/** One event; see `applyEvents`. Unknown event types are recorded in the audit log only. */
export async function applyEvent(trx: Db, event: RecordedEvent): Promise<AppliedEvent> {
  const [applied] = await applyEvents(trx, [event]);
  return applied!;
}

class ProjectionBatch {
  readonly #tasks = new Map<string, Folded<TaskState>>();
  readonly #units = new Map<string, Folded<UnitRow | null>>();
  readonly #programs = new Map<string, Folded<ProgramRow | null>>();
  readonly #audit: Insertable<AuditLogTable>[] = [];
  readonly #reminders: Insertable<RemindersTable>[] = [];

  async load(trx: Db, events: readonly RecordedEvent[]): Promise<void> {
    const ids = (category: string) => [
      ...new Set(events.filter((e) => parseStream(e.streamId).category === category).map(streamKey)),
    ];
    for (const part of chunks(ids('task'))) {
      const rows = await trx
        .selectFrom('tasks')
        .select(['id', 'state', 'revision'])
        .where('id', 'in', part)
        .execute();
      for (const row of rows) {
        const state = JSON.parse(row.state) as TaskState;
        this.#tasks.set(row.id, { value: state, revision: Number(row.revision), dirty: false });
      }
    }
    for (const part of chunks(ids('unit'))) {
      const rows = await trx.selectFrom('units').selectAll().where('id', 'in', part).execute();
      for (const row of rows)
        this.#units.set(row.id, { value: toUnitRow(row), revision: row.revision, dirty: false });
    }
    for (const part of chunks(ids('program'))) {
      const rows = await trx.selectFrom('programs').selectAll().where('id', 'in', part).execute();
      for (const row of rows) {
        this.#programs.set(row.id, { value: toProgramRow(row), revision: row.revision, dirty: false });
      }
    }
  }

  apply(event: RecordedEvent): AppliedEvent {
    const key = streamKey(event);
    let applied: AppliedEvent = { event, taskId: null, unitId: null, previousUnitId: null };
    if (parseStream(event.streamId).category === 'task') {
      const task = entry(this.#tasks, key, initialTaskState);
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

  async flush(trx: Db): Promise<void> {
    const tasks = [...this.#tasks.values()].filter((t) => t.dirty && t.value.exists);
    for (const part of chunks(tasks.map((t) => taskRowValues(t.value, t.revision)))) {
      await trx
        .insertInto('tasks')
        .values(part)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            description: eb.ref('excluded.description'),
            program_id: eb.ref('excluded.program_id'),
            partner: eb.ref('excluded.partner'),
            unit_id: eb.ref('excluded.unit_id'),
            assignee: eb.ref('excluded.assignee'),
            status: eb.ref('excluded.status'),
            progress: eb.ref('excluded.progress'),
            deadline: eb.ref('excluded.deadline'),
            created_at: eb.ref('excluded.created_at'),
            updated_at: eb.ref('excluded.updated_at'),
            completed_at: eb.ref('excluded.completed_at'),
            acknowledged_at: eb.ref('excluded.acknowledged_at'),
            was_overdue: eb.ref('excluded.was_overdue'),
            revision: eb.ref('excluded.revision'),
            search_text: eb.ref('excluded.search_text'),
            state: eb.ref('excluded.state'),
          })),
        )
        .execute();
    }
    const units = dirtyValues(this.#units);
    for (const part of chunks(units.map(unitRowValues))) {
      await trx
        .insertInto('units')
        .values(part)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            contacts: eb.ref('excluded.contacts'),
            revision: eb.ref('excluded.revision'),
            created_at: eb.ref('excluded.created_at'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    const programs = dirtyValues(this.#programs);
    for (const part of chunks(programs.map(programRowValues))) {
      await trx
        .insertInto('programs')
        .values(part)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            region: eb.ref('excluded.region'),
            revision: eb.ref('excluded.revision'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
    }
    for (const part of chunks(this.#reminders)) {
      await trx
        .insertInto('reminders')
        .values(part)
        .onConflict((oc) => oc.column('position').doNothing())
        .execute();
    }
    for (const part of chunks(this.#audit)) {
      await trx
        .insertInto('audit_log')
        .values(part)
        .onConflict((oc) => oc.column('position').doNothing())
        .execute();
    }
  }
}

function streamKey(event: RecordedEvent): string {
  return parseStream(event.streamId).id;
}

function entry<T>(map: Map<string, Folded<T>>, key: string, initial: () => T): Folded<T> {
  let folded = map.get(key);
  if (!folded) {
    folded = { value: initial(), revision: -1, dirty: false };
    map.set(key, folded);
  }
  return folded;
}

function dirtyValues<T>(map: Map<string, Folded<T | null>>): T[] {
  return [...map.values()].flatMap((f) => (f.dirty && f.value !== null ? [f.value] : []));
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
