import { Field, InputType, Int, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';
import { MetricValueInput } from '../metric.input.js';

@InputType('ReportProgressInput')
export class ReportProgressInput extends PickType(CommandFields, [
  'taskId',
  'expectedRevision',
  'note',
  'idempotencyKey',
] as const) {
  @Field(() => Int)
  progress!: number;

  @Field(() => [MetricValueInput], { nullable: true })
  metrics?: MetricValueInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Links or document ids that back the report.' })
  evidence?: string[] | null;
}
