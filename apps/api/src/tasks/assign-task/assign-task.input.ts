import { Field, ID, InputType, PickType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { MetricTargetInput } from '../metric.input.js';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('AssignTaskInput')
export class AssignTaskInput extends PickType(CommandFields, ['idempotencyKey'] as const) {
  @Field(() => ID, {
    nullable: true,
    description: 'Optional client-chosen id (UUID); generated when omitted.',
  })
  taskId?: string | null;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID)
  programId!: string;

  @Field(() => String, { nullable: true })
  partner?: string | null;

  @Field(() => ID)
  unitId!: string;

  @Field(() => String, { nullable: true })
  assignee?: string | null;

  @Field(() => DateTimeScalar)
  deadline!: string;

  @Field(() => [MetricTargetInput], { nullable: true })
  targets?: MetricTargetInput[] | null;
}
