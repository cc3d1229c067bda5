import { NotFoundError, taskStream, validate } from '#domain';
import type { EventStore } from '#event-store';
import { taskDiff } from '#projections';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import type { RoleEnum } from '../../graphql/enums.js';
import type { FieldChangeModel } from './field-change.model.js';

export class TaskDiffQuery extends Query<FieldChangeModel[]> {
  constructor(
    readonly id: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

/**
 * What changed on a task between two instants, field by field and event by event, from
 * the task's own stream (the same evolve as everywhere else). Fields an event emptied are
 * left out: FieldChange.to is non-null in the contract.
 */
@QueryHandler(TaskDiffQuery)
export class TaskDiffHandler implements IQueryHandler<TaskDiffQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ id, from, to }: TaskDiffQuery): Promise<FieldChangeModel[]> {
    validate.taskId('id', id);
    const stream = await this.store.readStream(taskStream(id));
    if (stream.length === 0) throw new NotFoundError('task', id);
    return taskDiff(stream, from, to)
      .filter((change) => change.to !== null)
      .map(({ field, from: before, to: after, at, actor, eventType }) => ({
        field,
        from: before,
        to: after,
        at,
        actor: {
          id: actor.id,
          name: actor.name ?? null,
          role: actor.role as RoleEnum,
          unitId: actor.unitId ?? null,
        },
        eventType,
      }));
  }
}
