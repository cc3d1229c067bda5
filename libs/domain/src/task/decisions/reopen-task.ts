import { InvalidTransitionError } from '../../shared/errors.js';
import { LIMITS, requiredText } from '../../shared/validation.js';
import type { ReopenTask } from '../task.commands.js';
import type { TaskReopened } from '../task.events.js';
import type { TaskState } from '../task.state.js';

/** The office sends a completed task back to work, e.g. when the assessment rejected the evidence. */
export function reopenTask(command: ReopenTask, state: TaskState): TaskReopened[] {
  const reason = requiredText('reason', command.data.reason, LIMITS.reason);
  if (state.status !== 'COMPLETED') throw new InvalidTransitionError(state.status, 'reopen');
  return [{ type: 'TaskReopened', data: { taskId: state.taskId, reason } }];
}
