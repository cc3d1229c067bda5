import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType('ReassignTaskInput')
export class ReassignTaskInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, { nullable: true })
  expectedRevision?: number | null;

  @Field(() => ID)
  unitId!: string;

  @Field(() => String, { nullable: true })
  assignee?: string | null;

  @Field()
  reason!: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
