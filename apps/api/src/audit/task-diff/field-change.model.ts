import { Field, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { ActorModel } from '../audit-event.model.js';

@ObjectType('FieldChange', { description: 'One field of a task changed by one event.' })
export class FieldChangeModel {
  @Field({
    description:
      'A Task field: title, description, programId, partner, unitId, assignee, status, progress, deadline, acknowledgedAt, completedAt, targets, metrics, evidence, wasOverdue or reminders.',
  })
  field!: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'The value before; null when the task did not exist yet.',
  })
  from!: unknown;

  @Field(() => JSONScalar)
  to!: unknown;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => ActorModel)
  actor!: ActorModel;

  @Field()
  eventType!: string;
}
