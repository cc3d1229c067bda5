import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType('BlockTaskInput')
export class BlockTaskInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, { nullable: true })
  expectedRevision?: number | null;

  @Field()
  reason!: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
