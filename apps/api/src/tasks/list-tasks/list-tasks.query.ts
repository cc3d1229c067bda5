import { ReadModel, taskCursor, type TaskFilter } from '#projections';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { cursor, MAX_TASK_PAGE, pageSize } from '../../shared/pagination.js';
import { toTaskView, type TaskView } from '../../shared/task-view.js';

export interface TaskConnectionView {
  readonly edges: { cursor: string; node: TaskView }[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when the operation selects totalCount (a second query over the whole filter). */
  readonly totalCount: () => Promise<number>;
}

export class ListTasksQuery extends Query<TaskConnectionView> {
  constructor(
    readonly filter: TaskFilter,
    readonly first: number | null,
    readonly after: string | null,
    /** The request's instant: overdue and health are as of it. */
    readonly now: string,
  ) {
    super();
  }
}

/** Tasks by (deadline, id) from the read model; overdue and health as of now. */
@QueryHandler(ListTasksQuery)
export class ListTasksHandler implements IQueryHandler<ListTasksQuery> {
  constructor(private readonly readModel: ReadModel) {}

  async execute({ filter, first, after, now }: ListTasksQuery): Promise<TaskConnectionView> {
    const size = pageSize(first, 50, MAX_TASK_PAGE);
    const page = await this.readModel.listTaskPage(filter, now, size, cursor(after));
    let count: Promise<number> | null = null;
    return {
      edges: page.rows.map((row) => ({ cursor: taskCursor(row), node: toTaskView(row.state, now) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: () => (count ??= this.readModel.countTasks(filter, now)),
    };
  }
}
