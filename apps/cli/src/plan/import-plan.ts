import { randomUUID } from 'node:crypto';
import { ValidationError, type Actor, type TaskState } from '#domain';
import { executeCommand, type EventStore } from '#event-store';
import { foldStore } from '#projections';
import { directoriesOf } from './directory.js';
import type { PlanSheet } from './read-sheet.js';
import { checkPlan, type NewEntry, type PlanCheck, type PlannedTask } from './validate-plan.js';

/** Who a plan import acts as: the office (only the office assigns tasks). */
export const PLAN_IMPORTER: Actor = { id: 'plan-import', name: '任务清单导入 plan import', role: 'office' };

export interface ImportOptions {
  readonly timeZone: string;
  /** Register units and programmes the sheet names but the store does not know. */
  readonly createMissing?: boolean;
  /** Write the valid rows even when others have problems. */
  readonly partial?: boolean;
  /** Check and report only. */
  readonly dryRun?: boolean;
  readonly actor?: Actor;
  /** Rows written at once (different streams, so they never conflict). Default 8. */
  readonly concurrency?: number;
  /** Called as rows are written: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  readonly check: PlanCheck;
  /** False when problems (without --partial) or --dry-run kept the import from writing. */
  readonly wrote: boolean;
  readonly created: readonly NewEntry[];
  /** Tasks this run created. */
  readonly tasksCreated: number;
  /** Rows whose task exists already (an earlier import of the same row). */
  readonly alreadyImported: number;
  readonly eventsWritten: number;
  /** Rows imported before whose cells now differ from the task: the import never edits tasks. */
  readonly drifted: readonly string[];
  readonly writeMs: number;
  /** The correlationId on every event this run wrote. */
  readonly correlationId: string;
}

/**
 * Checks every row, then (only if all are valid, or with `partial`) registers missing units
 * and programmes and assigns one task per row, each through the same command pipeline
 * (executeCommand: the domain's deciders through the one pipeline) as the API. Each row's idempotency key makes a
 * second import of the same file write nothing.
 */
export async function importPlan(
  store: EventStore,
  sheet: PlanSheet,
  options: ImportOptions,
): Promise<ImportSummary> {
  const actor = options.actor ?? PLAN_IMPORTER;
  const correlationId = randomUUID();
  const directories = directoriesOf(await foldStore(store, null, { tasks: false }));
  const check = checkPlan(sheet, directories, {
    timeZone: options.timeZone,
    createMissing: options.createMissing ?? false,
    actor,
  });
  const summary = {
    check,
    wrote: false,
    created: [] as NewEntry[],
    tasksCreated: 0,
    alreadyImported: 0,
    eventsWritten: 0,
    drifted: [] as string[],
    writeMs: 0,
    correlationId,
  };
  if (options.dryRun || (check.problems.length > 0 && !options.partial) || check.tasks.length === 0) {
    return summary;
  }

  const started = performance.now();
  const now = () => new Date().toISOString();
  const needed = new Map<string, NewEntry>();
  for (const task of check.tasks)
    for (const entry of task.needs) needed.set(`${entry.kind}:${entry.id}`, entry);
  for (const entry of needed.values()) {
    const at = now();
    const context = { actor, now: at, correlationId, idempotencyKey: `plan:${entry.kind}:${entry.id}` };
    const result =
      entry.kind === 'unit'
        ? await executeCommand(
            store,
            { type: 'RegisterUnit', data: { unitId: entry.id, name: entry.name, contacts: [] } },
            context,
          )
        : await executeCommand(
            store,
            { type: 'RegisterProgram', data: { programId: entry.id, name: entry.name, region: null } },
            context,
          );
    if (!result.duplicate) {
      summary.eventsWritten += result.events.length;
      summary.created.push(entry);
    }
  }

  const writeOne = async (task: PlannedTask): Promise<void> => {
    const at = now();
    try {
      const result = await executeCommand(
        store,
        { type: 'AssignTask', data: task.data },
        { actor, now: at, correlationId, idempotencyKey: task.idempotencyKey },
      );
      if (result.duplicate) {
        summary.alreadyImported++;
        noteDrift(summary.drifted, task, result.state);
      } else {
        summary.tasksCreated++;
        summary.eventsWritten += result.events.length;
      }
    } catch (error) {
      // The stream exists, assigned by someone else with the same row key (another --actor).
      if (error instanceof ValidationError && error.field === 'taskId') {
        summary.alreadyImported++;
        return;
      }
      throw error;
    }
  };

  const total = check.tasks.length;
  let done = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const task = check.tasks[next++];
      await writeOne(task);
      options.onProgress?.(++done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  summary.writeMs = performance.now() - started;
  summary.wrote = true;
  return summary;
}

/** The file was edited since the row was first imported: say so, change nothing. */
function noteDrift(drifted: string[], task: PlannedTask, state: TaskState): void {
  const differs: string[] = [];
  if (state.title !== task.data.title) differs.push('任务');
  if (state.deadline !== task.data.deadline) differs.push('截止日期');
  if ((state.assignee ?? null) !== (task.data.assignee ?? null)) differs.push('负责人');
  if (JSON.stringify(state.targets) !== JSON.stringify(task.data.targets ?? [])) differs.push('指标');
  if (differs.length > 0) {
    drifted.push(
      `row ${task.row}: imported before as task ${task.taskId}; its ${differs.join(', ')} in the file differ from what that import assigned (an import never edits tasks: change them in the app)`,
    );
  }
}
