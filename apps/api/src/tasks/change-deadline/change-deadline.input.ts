import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';

@InputType('ChangeDeadlineInput')
export class ChangeDeadlineInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, { nullable: true })
  expectedRevision?: number | null;

  @Field(() => DateTimeScalar)
  deadline!: string;

  @Field()
  reason!: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
