import { MAX_PAGE_SIZE } from '../read-model/paging.js';
import type { ReadModel } from '../read-model/read-model.js';
import type { AuditRow, ProgramRow, TaskFilter, TaskPage, UnitRow } from '../read-model/rows.js';

/**
 * Read-model questions only tests ask, answered through the queries production uses (the
 * API's list, lookups by id and audit log), so the tests exercise those.
 */

/** A page of tasks with its total, as the API's tasks query resolves both. */
export async function listTasks(
  readModel: ReadModel,
  filter: TaskFilter,
  now: string,
  first: number,
  after?: string | null,
): Promise<TaskPage> {
  const [page, totalCount] = await Promise.all([
    readModel.listTaskPage(filter, now, first, after),
    readModel.countTasks(filter, now),
  ]);
  return { ...page, totalCount };
}

export async function getUnit(readModel: ReadModel, id: string): Promise<UnitRow | null> {
  return (await readModel.getUnitsById([id]))[0] ?? null;
}

export async function getProgram(readModel: ReadModel, id: string): Promise<ProgramRow | null> {
  return (await readModel.getProgramsById([id]))[0] ?? null;
}

/** Every event of one stream, oldest first; up to `until` (occurredAt, inclusive) when given. */
export async function historyOf(
  readModel: ReadModel,
  streamId: string,
  options: { until?: string } = {},
): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await readModel.auditLog({ streamId, to: options.until ?? null }, MAX_PAGE_SIZE, after);
    rows.push(...page.rows);
    if (!page.hasNextPage) return rows;
    after = page.endCursor;
  }
}
