import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { AuditEventModel } from '../audit/audit-event.model.js';
import { TaskChangedFeed, type TaskChangedPayload } from './task-changed.feed.js';

@Resolver()
export class TaskChangedResolver {
  constructor(private readonly feed: TaskChangedFeed) {}

  @Subscription(() => AuditEventModel, {
    description: 'Every event of tasks of one unit, or of all tasks, as it is projected.',
  })
  taskChanged(
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string | null,
  ): AsyncIterableIterator<TaskChangedPayload> {
    return this.feed.subscribe(unitId ?? null);
  }
}
