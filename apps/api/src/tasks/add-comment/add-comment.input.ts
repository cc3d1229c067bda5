import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('CommentInput')
export class CommentInput {
  @Field(() => ID)
  taskId!: string;

  @Field()
  text!: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
