import {
  EVENT_SCHEMAS,
  evolveProgram,
  evolveTask,
  evolveUnit,
  initialProgramState,
  initialTaskState,
  initialUnitState,
  parseStream,
  type EventSchemas,
  type ProgramEvent,
  type ProgramState,
  type Recorded,
  type TaskEvent,
  type TaskState,
  type UnitEvent,
  type UnitState,
} from '#domain';
import { readLog, upcastEvent, type EventStore, type RecordedEvent } from '#event-store';
import { isTaskEvent } from '../task-details/task-details.projection.js';
import { isProgramEvent, isUnitEvent } from '../directory/directory.projection.js';

export interface LogFoldOptions {
  readonly schemas?: EventSchemas;
  /** False: fold units and programmes only (tasks are most of a log). Default true. */
  readonly tasks?: boolean;
}

/**
 * Every task, unit and programme as it stood at `asOf`, folded from the log with the
 * domain's evolve functions — the ones the write side and the projections use: the one
 * "as of" fold behind `board(asOf)`, the plan export and the assessment. Fed from the
 * event store or from an audit bundle's events (upcast here, so a bundle's stored shapes
 * fold the same way), the figures come out identical.
 */
export class LogFold {
  readonly tasks = new Map<string, TaskState>();
  readonly units = new Map<string, UnitState>();
  readonly programs = new Map<string, ProgramState>();
  readonly #limit: number;
  readonly #schemas: EventSchemas;
  readonly #withTasks: boolean;
  #events = 0;

  constructor(
    /** ISO instant; events that occurred later are left out. Null: the whole log. */
    readonly asOf: string | null,
    options: LogFoldOptions = {},
  ) {
    this.#limit = asOf === null ? Infinity : Date.parse(asOf);
    if (Number.isNaN(this.#limit)) throw new RangeError(`asOf is not an instant: ${asOf}`);
    this.#schemas = options.schemas ?? EVENT_SCHEMAS;
    this.#withTasks = options.tasks ?? true;
  }

  /** Events folded so far. */
  get events(): number {
    return this.#events;
  }

  /** Feeds the next event of the log (in order); returns false when it occurred after asOf. */
  add(stored: RecordedEvent): boolean {
    if (Date.parse(stored.metadata.occurredAt) > this.#limit) return false;
    const event = upcastEvent(stored, this.#schemas);
    const { category, id } = parseStream(event.streamId);
    if (category === 'task' && isTaskEvent(event)) {
      if (this.#withTasks)
        this.tasks.set(
          id,
          evolveTask(this.tasks.get(id) ?? initialTaskState(), event as unknown as Recorded<TaskEvent>),
        );
    } else if (isUnitEvent(event)) {
      const state = this.units.get(id) ?? initialUnitState();
      this.units.set(id, evolveUnit(state, event as unknown as Recorded<UnitEvent>));
    } else if (isProgramEvent(event)) {
      const state = this.programs.get(id) ?? initialProgramState();
      this.programs.set(id, evolveProgram(state, event as unknown as Recorded<ProgramEvent>));
    }
    this.#events++;
    return true;
  }

  /** Tasks that exist at asOf, in task id order. */
  existingTasks(): TaskState[] {
    return [...this.tasks.values()].filter((t) => t.exists).sort((a, b) => compare(a.taskId, b.taskId));
  }

  unitName(unitId: string): string {
    return this.units.get(unitId)?.name ?? unitId;
  }

  programName(programId: string): string {
    return this.programs.get(programId)?.name ?? programId;
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Folds the store's whole log as of `asOf` (one pass; linear in the log). */
export async function foldStore(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  asOf: string | null,
  options: LogFoldOptions = {},
): Promise<LogFold> {
  const fold = new LogFold(asOf, options);
  for await (const event of readLog(store)) fold.add(event);
  return fold;
}

/** Folds events already in hand (an audit bundle's). */
export function foldLogEvents(events: Iterable<RecordedEvent>, asOf: string): LogFold {
  const fold = new LogFold(asOf);
  for (const event of events) fold.add(event);
  return fold;
}
