import { InvalidTransitionError, ValidationError } from '../../shared/errors.js';
import { entityId, LIMITS, optionalText, requiredText } from '../../shared/validation.js';
import type { ReassignTask } from '../task.commands.js';
import type { TaskReassigned } from '../task.events.js';
import { isClosed, type TaskState } from '../task.state.js';

/** The office moves a task to another unit, which must sign for it again. Whether that unit exists is checked by the caller. */
export function reassignTask(command: ReassignTask, state: TaskState): TaskReassigned[] {
  const unitId = entityId('unitId', command.data.unitId);
  const assignee = optionalText('assignee', command.data.assignee, LIMITS.assignee);
  const reason = requiredText('reason', command.data.reason, LIMITS.reason);
  if (isClosed(state.status)) throw new InvalidTransitionError(state.status, 'reassign');
  if (unitId === state.unitId) throw new ValidationError('unitId', 'task is already assigned to this unit');
  const { taskId, unitId: previousUnitId, assignee: previousAssignee } = state;
  return [
    {
      type: 'TaskReassigned',
      data: { taskId, previousUnitId, unitId, previousAssignee, assignee, reason },
    },
  ];
}
