import type { TaskCommand } from './task.commands.js';
import type { TaskStatus } from './task.types.js';
import { command, DEADLINE, HISTORY, STATUSES, TASK_ID, taskSpec } from '../testing/task.fixtures.js';
import { taskDecider } from './task.decider.js';

/** A valid command of each type, issued by the office, that only the task's status can refuse. */
const COMMANDS: Record<Exclude<TaskCommand['type'], 'AssignTask'>, { verb: string; command: TaskCommand }> = {
  AcknowledgeTask: { verb: 'acknowledge', command: command('AcknowledgeTask', {}) },
  ReportProgress: { verb: 'report progress on', command: command('ReportProgress', { progress: 50 }) },
  ChangeDeadline: {
    verb: 'change the deadline of',
    command: command('ChangeDeadline', { deadline: '2023-09-30T16:00:00Z', reason: '对方学校调整日程' }),
  },
  ReassignTask: {
    verb: 'reassign',
    command: command('ReassignTask', { unitId: 'automotive', reason: '调整' }),
  },
  BlockTask: { verb: 'block', command: command('BlockTask', { reason: '等待对方确认' }) },
  UnblockTask: { verb: 'unblock', command: command('UnblockTask', {}) },
  CompleteTask: { verb: 'complete', command: command('CompleteTask', { summary: '完成' }) },
  ReopenTask: { verb: 'reopen', command: command('ReopenTask', { reason: '证据不足' }) },
  CancelTask: { verb: 'cancel', command: command('CancelTask', { reason: '计划调整' }) },
  AddComment: { verb: 'comment on', command: command('AddComment', { text: '请补充材料' }) },
  RecordReminder: {
    verb: 'record a reminder for',
    command: command('RecordReminder', {
      kind: 'DUE',
      deadline: DEADLINE,
      sequence: 0,
      channel: 'log',
      recipient: 'log',
    }),
  },
};

const ALLOWED: Record<keyof typeof COMMANDS, readonly TaskStatus[]> = {
  AcknowledgeTask: ['ASSIGNED', 'IN_PROGRESS', 'BLOCKED'],
  ReportProgress: ['ASSIGNED', 'IN_PROGRESS'],
  ChangeDeadline: ['ASSIGNED', 'IN_PROGRESS', 'BLOCKED'],
  ReassignTask: ['ASSIGNED', 'IN_PROGRESS', 'BLOCKED'],
  BlockTask: ['ASSIGNED', 'IN_PROGRESS'],
  UnblockTask: ['BLOCKED'],
  CompleteTask: ['ASSIGNED', 'IN_PROGRESS'],
  ReopenTask: ['COMPLETED'],
  CancelTask: ['ASSIGNED', 'IN_PROGRESS', 'BLOCKED'],
  AddComment: STATUSES,
  RecordReminder: ['ASSIGNED', 'IN_PROGRESS', 'BLOCKED'],
};

const cases = STATUSES.flatMap((status) =>
  (Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]).map((type) => ({
    status,
    type,
    allowed: ALLOWED[type].includes(status),
  })),
);

describe('the lifecycle, status by command', () => {
  it.each(cases.filter((c) => c.allowed))('when $status, $type is accepted', ({ status, type }) => {
    const state = taskSpec.fold(HISTORY[status]);
    expect(state.status).toBe(status);
    expect(taskDecider.decide(COMMANDS[type].command, state)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ taskId: TASK_ID }) }),
    ]);
  });

  it.each(cases.filter((c) => !c.allowed))(
    'when $status, $type is an invalid transition',
    ({ status, type }) => {
      taskSpec
        .given(HISTORY[status])
        .when(COMMANDS[type].command)
        .thenThrows('INVALID_TRANSITION', `cannot ${COMMANDS[type].verb} a task that is ${status}`);
    },
  );
});
