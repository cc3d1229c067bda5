import {
  AFTER_DEADLINE,
  ASSIGNED_AT,
  DEADLINE,
  event,
  HISTORY,
  NOW,
  TASK_ID,
  taskAssigned,
  taskSpec,
  TRAINEES,
} from '../testing/task.fixtures.js';
import { initialTaskState } from './task.state.js';

const { fold } = taskSpec;
const BEFORE_DEADLINE = '2023-06-30T15:59:59.999Z';
const progress = (value: number, metrics: { key: string; value: number }[] = [], evidence: string[] = []) =>
  event('ProgressReported', { progress: value, note: null, metrics, evidence });

describe('when nothing happened yet', () => {
  it('the task does not exist and has empty values', () => {
    expect(initialTaskState()).toMatchObject({
      exists: false,
      status: 'ASSIGNED',
      progress: 0,
      acknowledgedAt: null,
      completedAt: null,
      wasOverdue: false,
      targets: [],
      metrics: [],
      evidence: [],
      reminders: [],
      revision: -1,
    });
  });
});

describe('when assigned', () => {
  it('the task exists with the assignment, created and updated when it was assigned', () => {
    expect(fold(HISTORY.ASSIGNED)).toEqual({
      ...initialTaskState(),
      exists: true,
      taskId: TASK_ID,
      title: '为林芝市职业技术学校培训管理干部',
      description: '举办管理干部专题培训班',
      programId: 'tibet',
      partner: '林芝市职业技术学校',
      unitId: 'management',
      assignee: '张老师',
      status: 'ASSIGNED',
      progress: 0,
      deadline: DEADLINE,
      targets: [TRAINEES],
      createdAt: ASSIGNED_AT,
      updatedAt: ASSIGNED_AT,
      revision: 0,
    });
  });

  it('signing for it records when, without changing the status', () => {
    const state = fold([...HISTORY.ASSIGNED, event('TaskAcknowledged', { note: null }, NOW)]);
    expect(state).toMatchObject({ status: 'ASSIGNED', acknowledgedAt: NOW, updatedAt: NOW, revision: 1 });
  });
});

describe('when progress is reported', () => {
  it('the latest value per metric wins, in first-reported order, and evidence accumulates once each', () => {
    const state = fold([
      taskAssigned({ targets: [TRAINEES, { key: 'teachers', label: '培训教师', target: 7, unit: '人' }] }),
      progress(30, [{ key: 'trainees', value: 30 }], ['a.pdf']),
      progress(
        60,
        [
          { key: 'teachers', value: 4 },
          { key: 'trainees', value: 61 },
        ],
        ['b.jpg', 'a.pdf'],
      ),
    ]);
    expect(state).toMatchObject({
      status: 'IN_PROGRESS',
      progress: 60,
      metrics: [
        { key: 'trainees', value: 61 },
        { key: 'teachers', value: 4 },
      ],
      evidence: ['a.pdf', 'b.jpg'],
      revision: 2,
    });
  });
});

describe('when blocked and unblocked', () => {
  it('blocking remembers the status to return to, unblocking restores it', () => {
    expect(fold(HISTORY.BLOCKED)).toMatchObject({ status: 'BLOCKED', blockedFrom: 'IN_PROGRESS' });
    const unblocked = fold([
      ...HISTORY.BLOCKED,
      event('TaskUnblocked', { note: null, status: 'IN_PROGRESS' }),
    ]);
    expect(unblocked).toMatchObject({ status: 'IN_PROGRESS', blockedFrom: null });
  });
});

describe('when completed and reopened', () => {
  const completedAt = '2023-06-20T08:00:00.000Z';
  const history = [
    ...HISTORY.IN_PROGRESS,
    event(
      'TaskCompleted',
      { summary: '完成', metrics: [{ key: 'trainees', value: 92 }], evidence: ['cert.pdf'] },
      completedAt,
    ),
  ];

  it('completion sets progress 100, completedAt and the final metrics', () => {
    expect(fold(history)).toMatchObject({
      status: 'COMPLETED',
      progress: 100,
      completedAt,
      metrics: [{ key: 'trainees', value: 92 }],
      evidence: ['cert.pdf'],
    });
  });

  it('reopening returns it to IN_PROGRESS, clears completedAt and keeps the last reported progress', () => {
    const reopened = fold([
      ...history,
      event('TaskReopened', { reason: '退回' }, '2023-06-25T08:00:00.000Z'),
    ]);
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', completedAt: null, progress: 100 });
  });
});

describe('when reassigned', () => {
  it('the new unit and assignee are recorded and the acknowledgement is cleared', () => {
    const state = fold([
      ...HISTORY.ASSIGNED,
      event('TaskAcknowledged', { note: null }),
      event('TaskReassigned', {
        previousUnitId: 'management',
        unitId: 'automotive',
        previousAssignee: '张老师',
        assignee: null,
        reason: '调整',
      }),
    ]);
    expect(state).toMatchObject({ unitId: 'automotive', assignee: null, acknowledgedAt: null });
  });
});

describe('when the deadline changes', () => {
  it('the new deadline replaces the old one', () => {
    const deadline = '2023-09-30T16:00:00.000Z';
    const state = fold([
      ...HISTORY.ASSIGNED,
      event('DeadlineChanged', { previousDeadline: DEADLINE, deadline, reason: '延期' }),
    ]);
    expect(state.deadline).toBe(deadline);
  });
});

describe('when cancelled', () => {
  it('the task is CANCELLED and no longer remembers a blocked status', () => {
    expect(fold([...HISTORY.BLOCKED, event('TaskCancelled', { reason: '取消' })])).toMatchObject({
      status: 'CANCELLED',
      blockedFrom: null,
    });
  });
});

describe('when a comment or reminder is recorded', () => {
  it('a comment changes only updatedAt and revision', () => {
    const before = fold(HISTORY.IN_PROGRESS);
    const after = fold([
      ...HISTORY.IN_PROGRESS,
      event('CommentAdded', { text: '收到' }, '2023-05-11T00:00:00.000Z'),
    ]);
    expect(after).toEqual({
      ...before,
      updatedAt: '2023-05-11T00:00:00.000Z',
      revision: before.revision + 1,
    });
  });

  it('a delivered reminder is remembered with the instant it was sent', () => {
    const reminder = {
      kind: 'DUE',
      deadline: DEADLINE,
      sequence: 0,
      channel: 'email',
      recipient: 'mgmt@example.edu.cn',
    } as const;
    const state = fold([...HISTORY.ASSIGNED, event('ReminderSent', reminder, DEADLINE)]);
    expect(state.reminders).toEqual([{ ...reminder, sentAt: DEADLINE }]);
  });
});

describe('wasOverdue', () => {
  const at = (occurredAt: string) => event('CommentAdded', { text: '催办' }, occurredAt);

  it('stays false while everything happens before the deadline', () => {
    expect(fold([...HISTORY.IN_PROGRESS, at(BEFORE_DEADLINE)]).wasOverdue).toBe(false);
  });

  it('stays false for an event exactly at the deadline', () => {
    expect(fold([...HISTORY.IN_PROGRESS, at(DEADLINE)]).wasOverdue).toBe(false);
  });

  it('becomes true when anything happens to an open task after its deadline', () => {
    expect(fold([...HISTORY.IN_PROGRESS, at(AFTER_DEADLINE)]).wasOverdue).toBe(true);
  });

  it('becomes true when the task is completed late', () => {
    const late = event('TaskCompleted', { summary: '完成', metrics: [], evidence: [] }, AFTER_DEADLINE);
    expect(fold([...HISTORY.IN_PROGRESS, late]).wasOverdue).toBe(true);
  });

  it('becomes true when the deadline is moved after it had passed', () => {
    const moved = event(
      'DeadlineChanged',
      { previousDeadline: DEADLINE, deadline: '2023-09-30T16:00:00.000Z', reason: '延期' },
      AFTER_DEADLINE,
    );
    expect(fold([...HISTORY.IN_PROGRESS, moved]).wasOverdue).toBe(true);
  });

  it('is not set by events after the deadline on a task completed in time', () => {
    expect(fold([...HISTORY.COMPLETED, at(AFTER_DEADLINE)]).wasOverdue).toBe(false);
  });

  it('is not set by events after the deadline on a cancelled task', () => {
    expect(fold([...HISTORY.CANCELLED, at(AFTER_DEADLINE)]).wasOverdue).toBe(false);
  });

  it('is never reset, not by a later deadline nor by completion', () => {
    const state = fold([
      ...HISTORY.IN_PROGRESS,
      at(AFTER_DEADLINE),
      event(
        'DeadlineChanged',
        { previousDeadline: DEADLINE, deadline: '2023-09-30T16:00:00.000Z', reason: '延期' },
        AFTER_DEADLINE,
      ),
      event('TaskCompleted', { summary: '完成', metrics: [], evidence: [] }, '2023-08-01T00:00:00.000Z'),
    ]);
    expect(state.wasOverdue).toBe(true);
  });
});
