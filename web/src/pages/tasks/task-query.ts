import type { Client, OperationResult } from 'urql';
import {
  TasksDocument,
  type TasksQuery,
  type TaskFilter,
  type TaskHealth,
  type TaskRowFragment,
  type TaskStatus,
} from '../../gql/graphql';

export const STATUSES: readonly TaskStatus[] = [
  'ASSIGNED',
  'IN_PROGRESS',
  'BLOCKED',
  'COMPLETED',
  'CANCELLED',
];
export const HEALTHS: readonly TaskHealth[] = ['GREEN', 'YELLOW', 'RED'];

/** The task list's state, all of it in the URL so a view can be bookmarked and shared. */
export interface ListParams {
  readonly unit: string | null;
  readonly program: string | null;
  readonly status: TaskStatus[];
  readonly overdue: 'yes' | 'no' | null;
  readonly health: TaskHealth | null;
  readonly q: string | null;
  readonly sort: 'asc' | 'desc';
}

export function readListParams(params: URLSearchParams): ListParams {
  const overdue = params.get('overdue');
  const health = params.get('health') as TaskHealth | null;
  return {
    unit: params.get('unit'),
    program: params.get('program'),
    status: (params.get('status') ?? '')
      .split(',')
      .filter((s): s is TaskStatus => STATUSES.includes(s as TaskStatus)),
    overdue: overdue === 'yes' || overdue === 'no' ? overdue : null,
    health: health && HEALTHS.includes(health) ? health : null,
    q: params.get('q'),
    sort: params.get('sort') === 'desc' ? 'desc' : 'asc',
  };
}

/** What the server filters; health and descending order are the browser's job. */
export function serverFilter(p: ListParams): TaskFilter {
  return {
    ...(p.unit ? { unitId: p.unit } : {}),
    ...(p.program ? { programId: p.program } : {}),
    ...(p.status.length ? { status: p.status } : {}),
    ...(p.overdue ? { overdue: p.overdue === 'yes' } : {}),
    ...(p.q?.trim() ? { search: p.q.trim() } : {}),
  };
}

/** True when the view needs every matching task in the browser (health filter, latest first). */
export const needsAll = (p: ListParams): boolean => p.health !== null || p.sort === 'desc';

/** Every task matching the server filter, in the server's order (deadline, id). */
export async function fetchAllTasks(client: Client, filter: TaskFilter): Promise<TaskRowFragment[]> {
  const rows: TaskRowFragment[] = [];
  let after: string | null = null;
  for (;;) {
    const result: OperationResult<TasksQuery> = await client
      .query(TasksDocument, { filter, first: 50, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) throw result.error;
    if (!result.data) throw new Error('no data');
    const page: TasksQuery['tasks'] = result.data.tasks;
    rows.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return rows;
    after = page.pageInfo.endCursor;
  }
}

/** The browser's part of the view: the health filter and the order. */
export function applyClientSide(rows: TaskRowFragment[], p: ListParams): TaskRowFragment[] {
  const filtered = p.health ? rows.filter((row) => row.health === p.health) : rows;
  return p.sort === 'desc' ? [...filtered].reverse() : filtered;
}
