import { InputType, PickType } from '@nestjs/graphql';
import { TaskCommandFields } from '../task-command.input.js';

@InputType('CancelTaskInput')
export class CancelTaskInput extends PickType(TaskCommandFields, [
  'taskId',
  'expectedRevision',
  'reason',
  'idempotencyKey',
] as const) {}
