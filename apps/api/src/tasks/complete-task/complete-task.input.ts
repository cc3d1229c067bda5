import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { MetricValueInput } from '../metric.input.js';

@InputType('CompleteTaskInput')
export class CompleteTaskInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, { nullable: true })
  expectedRevision?: number | null;

  @Field()
  summary!: string;

  @Field(() => [MetricValueInput], { nullable: true })
  metrics?: MetricValueInput[] | null;

  @Field(() => [String], { nullable: true })
  evidence?: string[] | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
