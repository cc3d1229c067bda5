import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { TaskConnectionModel } from '../task.model.js';
import type { TaskConnectionView } from './list-tasks.query.js';

/** totalCount is a count over the whole filter: run it only for operations that select it. */
@Resolver(() => TaskConnectionModel)
export class TaskConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: TaskConnectionView): Promise<number> {
    return connection.totalCount();
  }
}
