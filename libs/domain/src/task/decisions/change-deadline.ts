import { InvalidTransitionError, ValidationError } from '../../shared/errors.js';
import { instant, LIMITS, requiredText } from '../../shared/validation.js';
import type { ChangeDeadline } from '../task.commands.js';
import type { DeadlineChanged } from '../task.events.js';
import { isClosed, type TaskState } from '../task.state.js';

/** The office moves a deadline, with a reason auditors can read; reminders start over for the new one. */
export function changeDeadline(command: ChangeDeadline, state: TaskState): DeadlineChanged[] {
  const deadline = instant('deadline', command.data.deadline);
  const reason = requiredText('reason', command.data.reason, LIMITS.reason);
  if (isClosed(state.status)) throw new InvalidTransitionError(state.status, 'change the deadline of');
  if (Date.parse(deadline) === Date.parse(state.deadline)) {
    throw new ValidationError('deadline', 'is the current deadline');
  }
  return [
    {
      type: 'DeadlineChanged',
      data: { taskId: state.taskId, previousDeadline: state.deadline, deadline, reason },
    },
  ];
}
