import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { BlockTaskInput } from './block-task.input.js';

export class BlockTaskCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: BlockTaskInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(BlockTaskCommand)
export class BlockTaskHandler implements ICommandHandler<BlockTaskCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: BlockTaskCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'BlockTask',
        data: { taskId: input.taskId, reason: input.reason },
      },
      request,
      { expectedRevision: input.expectedRevision, idempotencyKey: input.idempotencyKey },
    );
  }
}
