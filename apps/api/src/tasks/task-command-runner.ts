import { taskDecider, taskStream, validate, type TaskCommand } from '#domain';
import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../auth/request-context.js';
import { toTaskView, type TaskView } from '../shared/task-view.js';
import { StreamWriter, type WithoutMetadata, type WriteOptions } from '../shared/stream-writer.js';

export interface TaskPayloadView {
  readonly task: TaskView;
  /** Global position of the last event this mutation wrote, as a decimal string. */
  readonly position: string;
}

/**
 * Runs one task command through the pipeline and answers with the task as of that write:
 * the pipeline's own fold of the stream through this write, the same `evolveTask` the
 * projection stores, so the answer equals the projected row without reading it back (and
 * stays the state as of this write when a later write has already moved the row on).
 */
@Injectable()
export class TaskCommandRunner {
  constructor(private readonly writer: StreamWriter) {}

  async run(
    command: WithoutMetadata<TaskCommand>,
    request: RequestContext,
    options: WriteOptions = {},
  ): Promise<TaskPayloadView> {
    const taskId = validate.taskId('taskId', command.data.taskId);
    const result = await this.writer.write(taskStream(taskId), taskDecider, command, request, options);
    return {
      task: toTaskView(result.state, new Date().toISOString()),
      position: result.position.toString(),
    };
  }
}
