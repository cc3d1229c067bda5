import { LIMITS, requiredText } from '../../shared/validation.js';
import type { CompleteTask } from '../task.commands.js';
import type { TaskCompleted } from '../task.events.js';
import type { TaskState } from '../task.state.js';
import { assertReportable, reportedWork } from './reported-work.js';

/** 办结: the unit reports the task done, with a summary and its final figures; a blocked task must be unblocked first. */
export function completeTask(command: CompleteTask, state: TaskState): TaskCompleted[] {
  const { data } = command;
  const completion = {
    summary: requiredText('summary', data.summary, LIMITS.summary),
    ...reportedWork(data),
  };
  assertReportable(state, 'complete', completion.metrics);
  return [{ type: 'TaskCompleted', data: { taskId: state.taskId, ...completion } }];
}
