import { Field, InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';
import { MetricValueInput } from '../metric.input.js';

@InputType('CompleteTaskInput')
export class CompleteTaskInput extends PickType(CommandFields, [
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
