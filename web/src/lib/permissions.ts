import type { TaskStatus } from '../gql/graphql';
import type { Session } from './session';

export const TASK_ACTIONS = [
  'acknowledge',
  'progress',
  'block',
  'unblock',
  'complete',
  'comment',
  'reassign',
  'deadline',
  'reopen',
  'cancel',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** The office's alone; a unit manager may take every other action on the unit's own tasks. */
const OFFICE_ONLY_ACTIONS: readonly TaskAction[] = ['reassign', 'deadline', 'reopen', 'cancel'];

interface TaskForAccess {
  readonly status: TaskStatus;
  readonly acknowledgedAt?: string | null;
  readonly unit: { readonly id: string };
}

const open = (status: TaskStatus): boolean => status === 'ASSIGNED' || status === 'IN_PROGRESS';
const closed = (status: TaskStatus): boolean => status === 'COMPLETED' || status === 'CANCELLED';

/**
 * Whether to offer an action: the contract's roles (office: everything; unit manager: the
 * unit's own tasks; auditor and worker: nothing) and the task lifecycle of libs/domain.
 * Hiding is a courtesy; the server enforces both.
 */
export function mayOffer(session: Session | null, task: TaskForAccess, action: TaskAction): boolean {
  if (!session) return false;
  if (session.role === 'auditor' || session.role === 'worker') return false;
  if (session.role === 'unit_manager') {
    if (OFFICE_ONLY_ACTIONS.includes(action) || session.unit !== task.unit.id) return false;
  }
  const { status } = task;
  switch (action) {
    case 'acknowledge':
      return !closed(status) && !task.acknowledgedAt;
    case 'progress':
    case 'block':
    case 'complete':
      return open(status);
    case 'unblock':
      return status === 'BLOCKED';
    case 'comment':
      return true;
    case 'reassign':
    case 'deadline':
    case 'cancel':
      return !closed(status);
    case 'reopen':
      return status === 'COMPLETED';
  }
}

export const mayAssign = (session: Session | null): boolean => session?.role === 'office';
