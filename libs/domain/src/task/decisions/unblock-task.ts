import { InvalidTransitionError } from '../../shared/errors.js';
import { LIMITS, optionalText } from '../../shared/validation.js';
import type { UnblockTask } from '../task.commands.js';
import type { TaskUnblocked } from '../task.events.js';
import type { TaskState } from '../task.state.js';

/** Back to the status the task had when it was blocked. */
export function unblockTask(command: UnblockTask, state: TaskState): TaskUnblocked[] {
  const note = optionalText('note', command.data.note, LIMITS.note);
  if (state.status !== 'BLOCKED') throw new InvalidTransitionError(state.status, 'unblock');
  const status = state.blockedFrom ?? 'ASSIGNED';
  return [{ type: 'TaskUnblocked', data: { taskId: state.taskId, note, status } }];
}
