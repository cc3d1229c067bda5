import { Field, InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';
import { DateTimeScalar } from '../../graphql/scalars.js';

@InputType('ChangeDeadlineInput')
export class ChangeDeadlineInput extends PickType(CommandFields, [
  'taskId',
  'expectedRevision',
  'reason',
  'idempotencyKey',
] as const) {
  @Field(() => DateTimeScalar)
  deadline!: string;
}
