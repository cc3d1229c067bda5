import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-context.js';
import { AssignTaskCommand } from './assign-task/assign-task.handler.js';
import { AssignTaskInput } from './assign-task/assign-task.input.js';
import { AcknowledgeTaskCommand } from './acknowledge-task/acknowledge-task.handler.js';
import { AcknowledgeTaskInput } from './acknowledge-task/acknowledge-task.input.js';
import { ReportProgressCommand } from './report-progress/report-progress.handler.js';
import { ReportProgressInput } from './report-progress/report-progress.input.js';
import { ChangeDeadlineCommand } from './change-deadline/change-deadline.handler.js';
import { ChangeDeadlineInput } from './change-deadline/change-deadline.input.js';
import { ReassignTaskCommand } from './reassign-task/reassign-task.handler.js';
import { ReassignTaskInput } from './reassign-task/reassign-task.input.js';
import { BlockTaskCommand } from './block-task/block-task.handler.js';
import { BlockTaskInput } from './block-task/block-task.input.js';
import { UnblockTaskCommand } from './unblock-task/unblock-task.handler.js';
import { UnblockTaskInput } from './unblock-task/unblock-task.input.js';
import { CompleteTaskCommand } from './complete-task/complete-task.handler.js';
import { CompleteTaskInput } from './complete-task/complete-task.input.js';
import { ReopenTaskCommand } from './reopen-task/reopen-task.handler.js';
import { ReopenTaskInput } from './reopen-task/reopen-task.input.js';
import { CancelTaskCommand } from './cancel-task/cancel-task.handler.js';
import { CancelTaskInput } from './cancel-task/cancel-task.input.js';
import { AddCommentCommand } from './add-comment/add-comment.handler.js';
import { CommentInput } from './add-comment/add-comment.input.js';
import type { TaskPayloadView } from './task-command-runner.js';
import { TaskPayloadModel } from './task.model.js';

/** Thin: each mutation hands its input and caller to the command bus. */
@Resolver(() => TaskPayloadModel)
export class TaskMutationsResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => TaskPayloadModel)
  assignTask(
    @Args('input') input: AssignTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new AssignTaskCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  acknowledgeTask(
    @Args('input') input: AcknowledgeTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new AcknowledgeTaskCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  reportProgress(
    @Args('input') input: ReportProgressInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new ReportProgressCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  changeDeadline(
    @Args('input') input: ChangeDeadlineInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new ChangeDeadlineCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  reassignTask(
    @Args('input') input: ReassignTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new ReassignTaskCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  blockTask(
    @Args('input') input: BlockTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new BlockTaskCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  unblockTask(
    @Args('input') input: UnblockTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new UnblockTaskCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  completeTask(
    @Args('input') input: CompleteTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new CompleteTaskCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  reopenTask(
    @Args('input') input: ReopenTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new ReopenTaskCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  cancelTask(
    @Args('input') input: CancelTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new CancelTaskCommand(input, request));
  }

  @Mutation(() => TaskPayloadModel)
  addComment(
    @Args('input') input: CommentInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.commands.execute(new AddCommentCommand(input, request));
  }
}
