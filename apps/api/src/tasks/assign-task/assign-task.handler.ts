import { authorizeRole, validate, type AssignTask } from '#domain';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../auth/request-context.js';
import { Directory } from '../../shared/directory.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { AssignTaskInput } from './assign-task.input.js';

export class AssignTaskCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: AssignTaskInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AssignTaskCommand)
export class AssignTaskHandler implements ICommandHandler<AssignTaskCommand> {
  constructor(
    private readonly tasks: TaskCommandRunner,
    private readonly directory: Directory,
  ) {}

  async execute({ input, request }: AssignTaskCommand): Promise<TaskPayloadView> {
    const { actor } = request;
    const taskId = input.taskId ?? newTaskId(actor.id, input.idempotencyKey);
    const command: Omit<AssignTask, 'metadata'> = {
      type: 'AssignTask',
      data: {
        taskId,
        title: input.title,
        description: input.description,
        programId: input.programId,
        partner: input.partner,
        unitId: input.unitId,
        assignee: input.assignee,
        deadline: input.deadline,
        targets: input.targets,
      },
    };
    // Who may assign is checked before anything is looked up, as the decider would.
    authorizeRole({ ...command, metadata: { actor, now: new Date().toISOString() } });
    validate.taskId('taskId', taskId);
    await this.directory.requireProgram('programId', input.programId);
    await this.directory.requireUnit('unitId', input.unitId);
    return this.tasks.run(command, request, { idempotencyKey: input.idempotencyKey });
  }
}

/**
 * A generated task id. With an idempotencyKey it is derived from (actor, key), so a retried
 * request lands on the same stream and is recognised there instead of creating a twin task.
 */
export function newTaskId(actorId: string, idempotencyKey?: string | null): string {
  if (idempotencyKey == null) return randomUUID();
  const bytes = createHash('sha256')
    .update(JSON.stringify(['chessboard-task-id', actorId, idempotencyKey]), 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
