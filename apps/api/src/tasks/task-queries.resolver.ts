import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import type { TaskView } from '../shared/task-view.js';
import { GetTaskQuery } from './get-task/get-task.query.js';
import { ListTasksQuery, type TaskConnectionView } from './list-tasks/list-tasks.query.js';
import { TaskFilterInput } from './list-tasks/task-filter.input.js';
import { TaskConnectionModel, TaskModel } from './task.model.js';

@Resolver(() => TaskModel)
export class TaskQueriesResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => TaskModel, {
    nullable: true,
    description: 'The task now, or as it stood at asOf (rebuilt from its events).',
  })
  task(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf?: string | null,
  ): Promise<TaskView | null> {
    return this.queries.execute(new GetTaskQuery(id, asOf ?? null, request.now));
  }

  @Query(() => TaskConnectionModel)
  tasks(
    @Context() request: RequestContext,
    @Args('filter', { type: () => TaskFilterInput, nullable: true }) filter?: TaskFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<TaskConnectionView> {
    return this.queries.execute(new ListTasksQuery(filter ?? {}, first ?? null, after ?? null, request.now));
  }
}
