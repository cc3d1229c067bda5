import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { ChangeDeadlineInput } from './change-deadline.input.js';

export class ChangeDeadlineCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: ChangeDeadlineInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeDeadlineCommand)
export class ChangeDeadlineHandler implements ICommandHandler<ChangeDeadlineCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: ChangeDeadlineCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'ChangeDeadline',
        data: { taskId: input.taskId, deadline: input.deadline, reason: input.reason },
      },
      request,
      { expectedRevision: input.expectedRevision, idempotencyKey: input.idempotencyKey },
    );
  }
}
