import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ReminderKindEnum, TaskHealthEnum, TaskStatusEnum } from '../graphql/enums.js';
import { PageInfoModel } from '../graphql/page-info.model.js';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('MetricTarget', {
  description: 'A quantified target of a task, e.g. key=trainees label=培训人数 target=92 unit=人.',
})
export class MetricTargetModel {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Float)
  target!: number;

  @Field(() => String, { nullable: true })
  unit!: string | null;
}

@ObjectType('MetricValue', { description: 'The latest reported value of a metric.' })
export class MetricValueModel {
  @Field()
  key!: string;

  @Field(() => Float)
  value!: number;
}

@ObjectType('Reminder', { description: 'A deadline reminder that was delivered.' })
export class ReminderModel {
  @Field(() => ReminderKindEnum)
  kind!: ReminderKindEnum;

  @Field(() => DateTimeScalar, { description: 'The deadline the reminder was about.' })
  deadline!: string;

  @Field(() => DateTimeScalar)
  sentAt!: string;

  @Field({ description: 'email | webhook | log' })
  channel!: string;

  @Field()
  recipient!: string;
}

/**
 * The scalar part of a task. `program`, `unit`, `reminders` and `history` are resolved
 * by TaskFieldsResolver from the TaskView the query returned.
 */
@ObjectType('Task')
export class TaskModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Partner institution, e.g. 林芝市职业技术学校.' })
  partner!: string | null;

  @Field(() => String, { nullable: true })
  assignee!: string | null;

  @Field(() => TaskStatusEnum)
  status!: TaskStatusEnum;

  @Field(() => Int, { description: '0..100' })
  progress!: number;

  @Field(() => DateTimeScalar)
  deadline!: string;

  @Field({ description: 'Deadline passed and the task is neither COMPLETED nor CANCELLED.' })
  overdue!: boolean;

  @Field({
    description: 'Was ever overdue, or completed after its deadline; kept after completion (for assessment).',
  })
  wasOverdue!: boolean;

  @Field(() => TaskHealthEnum)
  health!: TaskHealthEnum;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the unit signed for the task (签收), if it has.',
  })
  acknowledgedAt!: string | null;

  @Field(() => [MetricTargetModel])
  targets!: MetricTargetModel[];

  @Field(() => [MetricValueModel])
  metrics!: MetricValueModel[];

  @Field(() => Int, { description: "Revision of the task's stream; pass it back as expectedRevision." })
  revision!: number;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt!: string | null;
}

@ObjectType('TaskEdge')
export class TaskEdgeModel {
  @Field()
  cursor!: string;

  @Field(() => TaskModel)
  node!: TaskModel;
}

@ObjectType('TaskConnection')
export class TaskConnectionModel {
  @Field(() => [TaskEdgeModel])
  edges!: TaskEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType('TaskPayload')
export class TaskPayloadModel {
  @Field(() => TaskModel, {
    description: 'The task after the change (read-your-writes: never older than this write).',
  })
  task!: TaskModel;

  @Field({ description: 'Global position of the last event this mutation wrote.' })
  position!: string;
}
