import { InvalidTransitionError } from '../../shared/errors.js';
import { LIMITS, requiredText } from '../../shared/validation.js';
import type { CancelTask } from '../task.commands.js';
import type { TaskCancelled } from '../task.events.js';
import { isClosed, type TaskState } from '../task.state.js';

/** CANCELLED is final; a completed task is reopened, not cancelled. */
export function cancelTask(command: CancelTask, state: TaskState): TaskCancelled[] {
  const reason = requiredText('reason', command.data.reason, LIMITS.reason);
  if (isClosed(state.status)) throw new InvalidTransitionError(state.status, 'cancel');
  return [{ type: 'TaskCancelled', data: { taskId: state.taskId, reason } }];
}
