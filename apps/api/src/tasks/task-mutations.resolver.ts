import type { UnstampedCommand } from '#domain';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-context.js';
import { ExecuteCommand, type WriteOptions } from '../shared/execute-command.handler.js';
import { toTaskPayload, type TaskPayloadView } from '../shared/task-view.js';
import { AcknowledgeTaskInput } from './acknowledge-task/acknowledge-task.input.js';
import { CommentInput } from './add-comment/add-comment.input.js';
import { AssignTaskInput } from './assign-task/assign-task.input.js';
import { newTaskId } from './assign-task/new-task-id.js';
import { BlockTaskInput } from './block-task/block-task.input.js';
import { CancelTaskInput } from './cancel-task/cancel-task.input.js';
import { ChangeDeadlineInput } from './change-deadline/change-deadline.input.js';
import { CompleteTaskInput } from './complete-task/complete-task.input.js';
import { ReassignTaskInput } from './reassign-task/reassign-task.input.js';
import { ReopenTaskInput } from './reopen-task/reopen-task.input.js';
import { ReportProgressInput } from './report-progress/report-progress.input.js';
import { UnblockTaskInput } from './unblock-task/unblock-task.input.js';
import { TaskPayloadModel } from './task.model.js';

type TaskCommandSent = Extract<UnstampedCommand, { data: { taskId: string } }>;

/** Thin: each mutation turns its input into a domain command, sends it on the bus and maps the task back. */
@Resolver(() => TaskPayloadModel)
export class TaskMutationsResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => TaskPayloadModel)
  assignTask(
    @Args('input') input: AssignTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    const { taskId, idempotencyKey, ...data } = input;
    return this.run(
      {
        type: 'AssignTask',
        data: {
          taskId: taskId ?? newTaskId(request.actor.id, idempotencyKey),
          title: data.title,
          description: data.description,
          programId: data.programId,
          partner: data.partner,
          unitId: data.unitId,
          assignee: data.assignee,
          deadline: data.deadline,
          targets: data.targets,
        },
      },
      request,
      { idempotencyKey },
    );
  }

  @Mutation(() => TaskPayloadModel)
  acknowledgeTask(
    @Args('input') input: AcknowledgeTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.run(
      { type: 'AcknowledgeTask', data: { taskId: input.taskId, note: input.note } },
      request,
      input,
    );
  }

  @Mutation(() => TaskPayloadModel)
  reportProgress(
    @Args('input') input: ReportProgressInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    const { taskId, progress, note, metrics, evidence } = input;
    return this.run(
      { type: 'ReportProgress', data: { taskId, progress, note, metrics, evidence } },
      request,
      input,
    );
  }

  @Mutation(() => TaskPayloadModel)
  changeDeadline(
    @Args('input') input: ChangeDeadlineInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    const { taskId, deadline, reason } = input;
    return this.run({ type: 'ChangeDeadline', data: { taskId, deadline, reason } }, request, input);
  }

  @Mutation(() => TaskPayloadModel)
  reassignTask(
    @Args('input') input: ReassignTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    const { taskId, unitId, assignee, reason } = input;
    return this.run({ type: 'ReassignTask', data: { taskId, unitId, assignee, reason } }, request, input);
  }

  @Mutation(() => TaskPayloadModel)
  blockTask(
    @Args('input') input: BlockTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.run(
      { type: 'BlockTask', data: { taskId: input.taskId, reason: input.reason } },
      request,
      input,
    );
  }

  @Mutation(() => TaskPayloadModel)
  unblockTask(
    @Args('input') input: UnblockTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.run(
      { type: 'UnblockTask', data: { taskId: input.taskId, note: input.note } },
      request,
      input,
    );
  }

  @Mutation(() => TaskPayloadModel)
  completeTask(
    @Args('input') input: CompleteTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    const { taskId, summary, metrics, evidence } = input;
    return this.run({ type: 'CompleteTask', data: { taskId, summary, metrics, evidence } }, request, input);
  }

  @Mutation(() => TaskPayloadModel)
  reopenTask(
    @Args('input') input: ReopenTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.run(
      { type: 'ReopenTask', data: { taskId: input.taskId, reason: input.reason } },
      request,
      input,
    );
  }

  @Mutation(() => TaskPayloadModel)
  cancelTask(
    @Args('input') input: CancelTaskInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.run(
      { type: 'CancelTask', data: { taskId: input.taskId, reason: input.reason } },
      request,
      input,
    );
  }

  @Mutation(() => TaskPayloadModel)
  addComment(
    @Args('input') input: CommentInput,
    @Context() request: RequestContext,
  ): Promise<TaskPayloadView> {
    return this.run({ type: 'AddComment', data: { taskId: input.taskId, text: input.text } }, request, input);
  }

  private async run(
    command: TaskCommandSent,
    request: RequestContext,
    { expectedRevision, idempotencyKey }: WriteOptions,
  ): Promise<TaskPayloadView> {
    const result = await this.commands.execute(
      new ExecuteCommand(command, request, { expectedRevision, idempotencyKey }),
    );
    return toTaskPayload(result, request.now);
  }
}
