import { Field, ID, InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('ReassignTaskInput')
export class ReassignTaskInput extends PickType(CommandFields, [
  'taskId',
  'expectedRevision',
  'reason',
  'idempotencyKey',
] as const) {
  @Field(() => ID)
  unitId!: string;

  @Field(() => String, { nullable: true })
  assignee?: string | null;
}
