import { InputType, PickType } from '@nestjs/graphql';
import { TaskCommandFields } from '../task-command.input.js';

@InputType('UnblockTaskInput')
export class UnblockTaskInput extends PickType(TaskCommandFields, [
  'taskId',
  'expectedRevision',
  'note',
  'idempotencyKey',
] as const) {}
