import { InputType, PickType } from '@nestjs/graphql';
import { TaskCommandFields } from '../task-command.input.js';

@InputType('AcknowledgeTaskInput')
export class AcknowledgeTaskInput extends PickType(TaskCommandFields, [
  'taskId',
  'expectedRevision',
  'note',
  'idempotencyKey',
] as const) {}
