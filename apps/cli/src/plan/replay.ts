import {
  evolveProgram,
  evolveTask,
  evolveUnit,
  initialProgramState,
  initialTaskState,
  initialUnitState,
  parseStream,
  type ProgramEvent,
  type ProgramState,
  type Recorded,
  type TaskEvent,
  type TaskState,
  type UnitEvent,
  type UnitState,
} from '#domain';
import type { EventStore } from '#event-store';

const PAGE = 1000;

export interface Replayed {
  readonly units: ReadonlyMap<string, UnitState>;
  readonly programs: ReadonlyMap<string, ProgramState>;
  readonly tasks: ReadonlyMap<string, TaskState>;
}

/**
 * Units, programmes and (unless `tasks: false`) tasks folded from the event store with the
 * domain's evolve functions, as of `asOf` (default: everything). The store is the truth:
 * this works with no read model and no running server.
 */
export async function replayLog(
  store: EventStore,
  options: { asOf?: string; tasks?: boolean } = {},
): Promise<Replayed> {
  const units = new Map<string, UnitState>();
  const programs = new Map<string, ProgramState>();
  const tasks = new Map<string, TaskState>();
  const limit = options.asOf ? Date.parse(options.asOf) : Infinity;
  const withTasks = options.tasks ?? true;
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, limit: PAGE });
    if (page.length === 0) break;
    after = page[page.length - 1].position;
    for (const event of page) {
      if (Date.parse(event.metadata.occurredAt) > limit) continue;
      const { category, id } = parseStream(event.streamId);
      if (category === 'unit') {
        units.set(
          id,
          evolveUnit(units.get(id) ?? initialUnitState(), event as unknown as Recorded<UnitEvent>),
        );
      } else if (category === 'program') {
        const state = programs.get(id) ?? initialProgramState();
        programs.set(id, evolveProgram(state, event as unknown as Recorded<ProgramEvent>));
      } else if (category === 'task' && withTasks) {
        const state = tasks.get(id) ?? initialTaskState();
        tasks.set(id, evolveTask(state, event as unknown as Recorded<TaskEvent>));
      }
    }
  }
  return { units, programs, tasks };
}
