import { foldEvents, taskDecider, taskStream, validate, type TaskEvent } from '#domain';
import type { EventStore } from '#event-store';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadModel } from '#projections';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { asDomainEvents } from '../../shared/recorded.js';
import { toTaskView, type TaskView } from '../../shared/task-view.js';

export class GetTaskQuery extends Query<TaskView | null> {
  constructor(
    readonly id: string,
    /** When set, the task as it stood at this instant, rebuilt from its events. */
    readonly asOf: string | null,
    /** The request's instant: overdue and remaining days of the current task are as of it. */
    readonly now: string,
  ) {
    super();
  }
}

@QueryHandler(GetTaskQuery)
export class GetTaskHandler implements IQueryHandler<GetTaskQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: ReadModel,
  ) {}

  async execute({ id, asOf, now }: GetTaskQuery): Promise<TaskView | null> {
    validate.taskId('id', id);
    if (asOf === null) {
      const row = await this.readModel.getTask(id);
      return row ? toTaskView(row.state, now) : null;
    }
    // The same evolve the write side and the projection use, over the events up to asOf;
    // overdue, wasOverdue and health as they were at that instant.
    const events = await this.store.readStream(taskStream(id), { until: asOf });
    if (events.length === 0) return null;
    const state = foldEvents(taskDecider, asDomainEvents<TaskEvent>(events));
    return toTaskView(state, asOf, asOf);
  }
}
