import { ValidationError } from '../../shared/errors.js';
import { entityId, instant, LIMITS, optionalText, requiredText, taskId } from '../../shared/validation.js';
import type { AssignTask } from '../task.commands.js';
import type { TaskAssigned } from '../task.events.js';
import type { TaskState } from '../task.state.js';
import { metricTargets } from '../task.validation.js';

/** The office hands a task to a secondary unit; the first event of every task stream. */
export function assignTask(command: AssignTask, state: TaskState): TaskAssigned[] {
  if (state.exists) throw new ValidationError('taskId', 'is already in use');
  const { data } = command;
  return [
    {
      type: 'TaskAssigned',
      data: {
        taskId: taskId('taskId', data.taskId),
        title: requiredText('title', data.title, LIMITS.title),
        description: optionalText('description', data.description, LIMITS.description),
        programId: entityId('programId', data.programId),
        partner: optionalText('partner', data.partner, LIMITS.partner),
        unitId: entityId('unitId', data.unitId),
        assignee: optionalText('assignee', data.assignee, LIMITS.assignee),
        deadline: instant('deadline', data.deadline),
        targets: metricTargets('targets', data.targets),
      },
    },
  ];
}
