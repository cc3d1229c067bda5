import type { Actor } from '../shared/actor.js';
import { ForbiddenError } from '../shared/errors.js';
import type { TaskCommand } from './task.commands.js';
import type { TaskState } from './task.state.js';

type TaskCommandType = TaskCommand['type'];

/** What a unit manager may do, and only on tasks currently assigned to their own unit. */
export const UNIT_MANAGER_TASK_COMMANDS: readonly TaskCommandType[] = [
  'AcknowledgeTask',
  'ReportProgress',
  'BlockTask',
  'UnblockTask',
  'CompleteTask',
  'AddComment',
];

/** The reminder worker only records what it delivered. */
export const WORKER_TASK_COMMANDS: readonly TaskCommandType[] = ['RecordReminder'];

export function mayIssue(actor: Actor, type: TaskCommandType): boolean {
  switch (actor.role) {
    case 'office':
      return true;
    case 'unit_manager':
      return Boolean(actor.unitId) && UNIT_MANAGER_TASK_COMMANDS.includes(type);
    case 'worker':
      return WORKER_TASK_COMMANDS.includes(type);
    case 'auditor':
      return false;
    default:
      return false;
  }
}

/** Checked first, before the task is even looked at. */
export function authorizeRole(command: TaskCommand): void {
  const { actor } = command.metadata;
  if (mayIssue(actor, command.type)) return;
  const who =
    actor.role === 'unit_manager' && !actor.unitId ? 'a unit manager without a unit' : `role ${actor.role}`;
  throw new ForbiddenError(`${who} may not ${command.type}`);
}

/** A unit manager acts only on tasks whose CURRENT unit is theirs (a reassigned task leaves them). */
export function authorizeUnit(command: TaskCommand, state: TaskState): void {
  const { actor } = command.metadata;
  if (actor.role !== 'unit_manager' || actor.unitId === state.unitId) return;
  throw new ForbiddenError(
    `the unit manager of ${actor.unitId} may not ${command.type} a task assigned to ${state.unitId}`,
  );
}
