import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { ReopenTaskInput } from './reopen-task.input.js';

export class ReopenTaskCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: ReopenTaskInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ReopenTaskCommand)
export class ReopenTaskHandler implements ICommandHandler<ReopenTaskCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: ReopenTaskCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'ReopenTask',
        data: { taskId: input.taskId, reason: input.reason },
      },
      request,
      { expectedRevision: input.expectedRevision, idempotencyKey: input.idempotencyKey },
    );
  }
}
