import { InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('UnblockTaskInput')
export class UnblockTaskInput extends PickType(CommandFields, [
  'taskId',
  'expectedRevision',
  'note',
  'idempotencyKey',
] as const) {}
