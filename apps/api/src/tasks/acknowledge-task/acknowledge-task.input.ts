import { InputType, PickType } from '@nestjs/graphql';
import { CommandFields } from '../../shared/command-fields.input.js';

@InputType('AcknowledgeTaskInput')
export class AcknowledgeTaskInput extends PickType(CommandFields, [
  'taskId',
  'expectedRevision',
  'note',
  'idempotencyKey',
] as const) {}
