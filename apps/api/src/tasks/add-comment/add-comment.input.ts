import { Field, InputType, PickType } from '@nestjs/graphql';
import { TaskCommandFields } from '../task-command.input.js';

@InputType('CommentInput')
export class CommentInput extends PickType(TaskCommandFields, ['taskId', 'idempotencyKey'] as const) {
  @Field()
  text!: string;
}
