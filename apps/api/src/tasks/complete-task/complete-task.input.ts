import { Field, InputType, PickType } from '@nestjs/graphql';
import { TaskCommandFields } from '../task-command.input.js';
import { MetricValueInput } from '../metric.input.js';

@InputType('CompleteTaskInput')
export class CompleteTaskInput extends PickType(TaskCommandFields, [
  'taskId',
  'expectedRevision',
  'idempotencyKey',
] as const) {
  @Field()
  summary!: string;

  @Field(() => [MetricValueInput], { nullable: true })
  metrics?: MetricValueInput[] | null;

  @Field(() => [String], { nullable: true })
  evidence?: string[] | null;
}
