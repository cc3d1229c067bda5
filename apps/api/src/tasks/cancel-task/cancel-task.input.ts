import { InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('CancelTaskInput')
export class CancelTaskInput extends PickType(CommandFields, [
  'taskId',
  'expectedRevision',
  'reason',
  'idempotencyKey',
] as const) {}
