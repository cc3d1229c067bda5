import { Field, InputType, PickType } from '@nestjs/graphql';
import { TaskCommandFields } from '../task-command.input.js';
import { DateTimeScalar } from '../../graphql/scalars.js';

@InputType('ChangeDeadlineInput')
export class ChangeDeadlineInput extends PickType(TaskCommandFields, [
  'taskId',
  'expectedRevision',
  'reason',
  'idempotencyKey',
] as const) {
  @Field(() => DateTimeScalar)
  deadline!: string;
}
