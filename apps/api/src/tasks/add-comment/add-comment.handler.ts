import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { TaskCommandRunner, type TaskPayloadView } from '../task-command-runner.js';
import type { CommentInput } from './add-comment.input.js';

export class AddCommentCommand extends Command<TaskPayloadView> {
  constructor(
    readonly input: CommentInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AddCommentCommand)
export class AddCommentHandler implements ICommandHandler<AddCommentCommand> {
  constructor(private readonly tasks: TaskCommandRunner) {}

  execute({ input, request }: AddCommentCommand): Promise<TaskPayloadView> {
    return this.tasks.run(
      {
        type: 'AddComment',
        data: { taskId: input.taskId, text: input.text },
      },
      request,
      { idempotencyKey: input.idempotencyKey },
    );
  }
}
