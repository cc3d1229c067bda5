import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { MetricValueInput } from '../metric.input.js';

@InputType('ReportProgressInput')
export class ReportProgressInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, { nullable: true })
  expectedRevision?: number | null;

  @Field(() => Int)
  progress!: number;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [MetricValueInput], { nullable: true })
  metrics?: MetricValueInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Links or document ids that back the report.' })
  evidence?: string[] | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
