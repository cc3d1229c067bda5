import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType('AcknowledgeTaskInput')
export class AcknowledgeTaskInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, { nullable: true })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
