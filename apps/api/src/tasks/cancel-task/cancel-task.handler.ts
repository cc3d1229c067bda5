import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { CancelTaskInput } from './cancel-task.input.js';

export class CancelTaskCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: CancelTaskInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CancelTaskCommand)
export class CancelTaskHandler implements ICommandHandler<CancelTaskCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: CancelTaskCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'CancelTask',
        data: { taskId: input.taskId, reason: input.reason },
      },
      request,
      { expectedRevision: input.expectedRevision, idempotencyKey: input.idempotencyKey },
    );
  }
}
