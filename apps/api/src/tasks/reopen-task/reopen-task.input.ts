import { InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('ReopenTaskInput')
export class ReopenTaskInput extends PickType(CommandFields, [
  'taskId',
  'expectedRevision',
  'reason',
  'idempotencyKey',
] as const) {}
