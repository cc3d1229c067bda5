import { InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('BlockTaskInput')
export class BlockTaskInput extends PickType(CommandFields, [
  'taskId',
  'expectedRevision',
  'reason',
  'idempotencyKey',
] as const) {}
