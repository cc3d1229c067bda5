import { Field, ID, InputType, PickType } from '@nestjs/graphql';
import { TaskCommandFields } from '../task-command.input.js';

@InputType('ReassignTaskInput')
export class ReassignTaskInput extends PickType(TaskCommandFields, [
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
