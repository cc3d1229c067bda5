import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { CompleteTaskInput } from './complete-task.input.js';

export class CompleteTaskCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: CompleteTaskInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CompleteTaskCommand)
export class CompleteTaskHandler implements ICommandHandler<CompleteTaskCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: CompleteTaskCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'CompleteTask',
        data: {
          taskId: input.taskId,
          summary: input.summary,
          metrics: input.metrics,
          evidence: input.evidence,
        },
      },
      request,
      { expectedRevision: input.expectedRevision, idempotencyKey: input.idempotencyKey },
    );
  }
}
