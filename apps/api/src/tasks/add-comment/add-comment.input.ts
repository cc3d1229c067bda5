import { Field, InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('CommentInput')
export class CommentInput extends PickType(CommandFields, ['taskId', 'idempotencyKey'] as const) {
  @Field()
  text!: string;
}
