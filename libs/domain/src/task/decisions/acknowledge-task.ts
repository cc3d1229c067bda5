import { InvalidTransitionError } from '../../shared/errors.js';
import { LIMITS, optionalText } from '../../shared/validation.js';
import type { AcknowledgeTask } from '../task.commands.js';
import type { TaskAcknowledged } from '../task.events.js';
import type { TaskState } from '../task.state.js';

/** 签收: the unit signs for the task, once per assignment to a unit. Status does not change. */
export function acknowledgeTask(command: AcknowledgeTask, state: TaskState): TaskAcknowledged[] {
  const note = optionalText('note', command.data.note, LIMITS.note);
  if (state.status === 'COMPLETED' || state.status === 'CANCELLED') {
    throw new InvalidTransitionError(state.status, 'acknowledge');
  }
  if (state.acknowledgedAt !== null) {
    throw new InvalidTransitionError(
      state.status,
      'acknowledge',
      `already acknowledged at ${state.acknowledgedAt}`,
    );
  }
  return [{ type: 'TaskAcknowledged', data: { taskId: state.taskId, note } }];
}
