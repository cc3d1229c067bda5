import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { UnblockTaskInput } from './unblock-task.input.js';

export class UnblockTaskCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: UnblockTaskInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(UnblockTaskCommand)
export class UnblockTaskHandler implements ICommandHandler<UnblockTaskCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: UnblockTaskCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'UnblockTask',
        data: { taskId: input.taskId, note: input.note },
      },
      request,
      { expectedRevision: input.expectedRevision, idempotencyKey: input.idempotencyKey },
    );
  }
}
