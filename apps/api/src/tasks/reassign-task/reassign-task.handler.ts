import { authorizeRole, type ReassignTask } from '#domain';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { Directory } from '../../shared/directory.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { ReassignTaskInput } from './reassign-task.input.js';

export class ReassignTaskCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: ReassignTaskInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ReassignTaskCommand)
export class ReassignTaskHandler implements ICommandHandler<ReassignTaskCommand> {
  constructor(
    private readonly tasks: TaskCommandRunner,
    private readonly directory: Directory,
  ) {}

  async execute({ input, request }: ReassignTaskCommand): Promise<TaskPayloadView> {
    const command: Omit<ReassignTask, 'metadata'> = {
      type: 'ReassignTask',
      data: { taskId: input.taskId, unitId: input.unitId, assignee: input.assignee, reason: input.reason },
    };
    authorizeRole({ ...command, metadata: { actor: request.actor, now: new Date().toISOString() } });
    await this.directory.requireUnit('unitId', input.unitId);
    return this.tasks.run(command, request, {
      expectedRevision: input.expectedRevision,
      idempotencyKey: input.idempotencyKey,
    });
  }
}
