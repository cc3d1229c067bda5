import { InputType, PickType } from '@nestjs/graphql';
import { TaskCommandFields } from '../task-command.input.js';

@InputType('BlockTaskInput')
export class BlockTaskInput extends PickType(TaskCommandFields, [
  'taskId',
  'expectedRevision',
  'reason',
  'idempotencyKey',
] as const) {}
