import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { AcknowledgeTaskInput } from './acknowledge-task.input.js';

export class AcknowledgeTaskCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: AcknowledgeTaskInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AcknowledgeTaskCommand)
export class AcknowledgeTaskHandler implements ICommandHandler<AcknowledgeTaskCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: AcknowledgeTaskCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'AcknowledgeTask',
        data: { taskId: input.taskId, note: input.note },
      },
      request,
      { expectedRevision: input.expectedRevision, idempotencyKey: input.idempotencyKey },
    );
  }
}
