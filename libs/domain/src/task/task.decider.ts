import { unreachable, type Decider } from '../shared/decider.js';
import { NotFoundError } from '../shared/errors.js';
import { acknowledgeTask } from './decisions/acknowledge-task.js';
import { addComment } from './decisions/add-comment.js';
import { assignTask } from './decisions/assign-task.js';
import { blockTask } from './decisions/block-task.js';
import { cancelTask } from './decisions/cancel-task.js';
import { changeDeadline } from './decisions/change-deadline.js';
import { completeTask } from './decisions/complete-task.js';
import { reassignTask } from './decisions/reassign-task.js';
import { recordReminder } from './decisions/record-reminder.js';
import { reopenTask } from './decisions/reopen-task.js';
import { reportProgress } from './decisions/report-progress.js';
import { unblockTask } from './decisions/unblock-task.js';
import { authorizeRole, authorizeUnit } from './task.access.js';
import type { TaskCommand } from './task.commands.js';
import type { TaskEvent } from './task.events.js';
import { evolveTask, initialTaskState, type TaskState } from './task.state.js';

/**
 * Checks run in a fixed order, so the same bad command always fails the same way:
 * role (FORBIDDEN) → the task exists (NOT_FOUND; for AssignTask: not in use) → a unit manager's own unit
 * (FORBIDDEN) → the input (BAD_USER_INPUT) → the lifecycle (INVALID_TRANSITION) → input checked against
 * the task's current values (e.g. "is the current deadline", metric keys outside the targets).
 * `expectedRevision` is the command pipeline's business, not the decider's.
 */
export function decideTask(command: TaskCommand, state: TaskState): TaskEvent[] {
  authorizeRole(command);
  if (command.type !== 'AssignTask') {
    if (!state.exists) throw new NotFoundError('task', command.data.taskId);
    authorizeUnit(command, state);
  }
  return decideAuthorized(command, state);
}

function decideAuthorized(command: TaskCommand, state: TaskState): TaskEvent[] {
  switch (command.type) {
    case 'AssignTask':
      return assignTask(command, state);
    case 'AcknowledgeTask':
      return acknowledgeTask(command, state);
    case 'ReportProgress':
      return reportProgress(command, state);
    case 'ChangeDeadline':
      return changeDeadline(command, state);
    case 'ReassignTask':
      return reassignTask(command, state);
    case 'BlockTask':
      return blockTask(command, state);
    case 'UnblockTask':
      return unblockTask(command, state);
    case 'CompleteTask':
      return completeTask(command, state);
    case 'ReopenTask':
      return reopenTask(command, state);
    case 'CancelTask':
      return cancelTask(command, state);
    case 'AddComment':
      return addComment(command, state);
    case 'RecordReminder':
      return recordReminder(command, state);
    default:
      return unreachable('task command', command);
  }
}

export const taskDecider: Decider<TaskState, TaskCommand, TaskEvent> = {
  initialState: initialTaskState,
  evolve: evolveTask,
  decide: decideTask,
};
