import type { Actor } from '../shared/actor.js';
import type { TaskCommand } from '../task/task.commands.js';
import { taskDecider } from '../task/task.decider.js';
import type { TaskAssigned, TaskEvent } from '../task/task.events.js';
import type { TaskStatus } from '../task/task.types.js';
import { deciderSpec, type Given } from './decider-spec.js';

/** Demo values from the 2023 work report: 管理学院 trains 92 managers of 林芝市职业技术学校 (援藏). */
export const TASK_ID = '3f0c8a52-6d1e-4b7a-9c41-2e5d7f8a9b10';
export const ASSIGNED_AT = '2023-03-01T01:00:00.000Z';
/** 2023-07-01 00:00 in Asia/Shanghai. */
export const DEADLINE = '2023-06-30T16:00:00.000Z';
/** Before the deadline, after the assignment: the default instant of given events and commands. */
export const NOW = '2023-05-10T02:00:00.000Z';
export const AFTER_DEADLINE = '2023-07-05T02:00:00.000Z';

export const office: Actor = { id: 'office-wang', name: '王老师', role: 'office' };
export const managementManager: Actor = {
  id: 'mgmt-li',
  name: '李主任',
  role: 'unit_manager',
  unitId: 'management',
};
export const automotiveManager: Actor = {
  id: 'auto-chen',
  name: '陈主任',
  role: 'unit_manager',
  unitId: 'automotive',
};
export const managerWithoutUnit: Actor = { id: 'nobody', role: 'unit_manager' };
export const auditor: Actor = { id: 'audit-zhao', name: '赵审计', role: 'auditor' };
export const worker: Actor = { id: 'reminder-worker', role: 'worker' };

export const TRAINEES = { key: 'trainees', label: '培训人数', target: 92, unit: '人' };

export const taskSpec = deciderSpec(taskDecider, { occurredAt: NOW });

type CommandOf<T extends TaskCommand['type']> = Extract<TaskCommand, { type: T }>;

export function command<T extends TaskCommand['type']>(
  type: T,
  data: Omit<CommandOf<T>['data'], 'taskId'> & { taskId?: string },
  actor: Actor = office,
  now: string = NOW,
): CommandOf<T> {
  return { type, data: { taskId: TASK_ID, ...data }, metadata: { actor, now } } as unknown as CommandOf<T>;
}

export function taskAssigned(data: Partial<TaskAssigned['data']> = {}): Given<TaskAssigned> {
  return {
    type: 'TaskAssigned',
    occurredAt: ASSIGNED_AT,
    data: {
      taskId: TASK_ID,
      title: '为林芝市职业技术学校培训管理干部',
      description: '举办管理干部专题培训班',
      programId: 'tibet',
      partner: '林芝市职业技术学校',
      unitId: 'management',
      assignee: '张老师',
      deadline: DEADLINE,
      targets: [TRAINEES],
      ...data,
    },
  };
}

export const event = <T extends TaskEvent['type']>(
  type: T,
  data: Omit<Extract<TaskEvent, { type: T }>['data'], 'taskId'>,
  occurredAt?: string,
): Given<Extract<TaskEvent, { type: T }>> =>
  ({ type, data: { taskId: TASK_ID, ...data }, ...(occurredAt ? { occurredAt } : {}) }) as unknown as Given<
    Extract<TaskEvent, { type: T }>
  >;

const progress = (value: number) =>
  event('ProgressReported', { progress: value, note: null, metrics: [], evidence: [] });

/** A history that leaves the task in each status. */
export const HISTORY: Record<TaskStatus, Given<TaskEvent>[]> = {
  ASSIGNED: [taskAssigned()],
  IN_PROGRESS: [taskAssigned(), progress(40)],
  BLOCKED: [
    taskAssigned(),
    progress(40),
    event('TaskBlocked', { reason: '对方学校推迟培训', previousStatus: 'IN_PROGRESS' }),
  ],
  COMPLETED: [
    taskAssigned(),
    progress(40),
    event('TaskCompleted', { summary: '培训管理干部92人', metrics: [], evidence: [] }),
  ],
  CANCELLED: [taskAssigned(), event('TaskCancelled', { reason: '计划调整' })],
};

export const STATUSES = Object.keys(HISTORY) as TaskStatus[];
