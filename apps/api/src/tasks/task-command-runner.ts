import { taskDecider, taskStream, validate, type TaskCommand } from '#domain';
import { Injectable } from '@nestjs/common';
import { ReadModel } from '#projections';
import type { RequestContext } from '../auth/request-context.js';
import { toTaskView, type TaskView } from '../shared/task-view.js';
import { StreamWriter, type WithoutMetadata, type WriteOptions } from '../shared/stream-writer.js';

export interface TaskPayloadView {
  readonly task: TaskView;
  /** Global position of the last event this mutation wrote, as a decimal string. */
  readonly position: string;
}

/** Runs one task command through the pipeline and answers with the task as of that write. */
@Injectable()
export class TaskCommandRunner {
  constructor(
    private readonly writer: StreamWriter,
    private readonly readModel: ReadModel,
  ) {}

  async run(
    command: WithoutMetadata<TaskCommand>,
    request: RequestContext,
    options: WriteOptions = {},
  ): Promise<TaskPayloadView> {
    const taskId = validate.taskId('taskId', command.data.taskId);
    const result = await this.writer.write(taskStream(taskId), taskDecider, command, request, options);
    const row = result.projected ? await this.readModel.getTask(taskId) : null;
    // The projected row, unless a later write already moved it on (or this was a replay
    // of an idempotent request): then the state as of this write is the honest answer.
    const state = row && row.revision === result.revision ? row.state : result.state;
    return { task: toTaskView(state, new Date().toISOString()), position: result.position.toString() };
  }
}
