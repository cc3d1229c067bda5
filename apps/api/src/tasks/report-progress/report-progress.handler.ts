import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { ReportProgressInput } from './report-progress.input.js';

export class ReportProgressCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: ReportProgressInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler implements ICommandHandler<ReportProgressCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: ReportProgressCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'ReportProgress',
        data: {
          taskId: input.taskId,
          progress: input.progress,
          note: input.note,
          metrics: input.metrics,
          evidence: input.evidence,
        },
      },
      request,
      { expectedRevision: input.expectedRevision, idempotencyKey: input.idempotencyKey },
    );
  }
}
