import { InvalidTransitionError } from '../../shared/errors.js';
import { LIMITS, requiredText } from '../../shared/validation.js';
import type { BlockTask } from '../task.commands.js';
import type { TaskBlocked } from '../task.events.js';
import type { TaskState } from '../task.state.js';

/** The unit cannot go on (e.g. the partner postponed a visit); the status to return to is remembered. */
export function blockTask(command: BlockTask, state: TaskState): TaskBlocked[] {
  const reason = requiredText('reason', command.data.reason, LIMITS.reason);
  if (state.status !== 'ASSIGNED' && state.status !== 'IN_PROGRESS') {
    throw new InvalidTransitionError(state.status, 'block');
  }
  return [{ type: 'TaskBlocked', data: { taskId: state.taskId, reason, previousStatus: state.status } }];
}
