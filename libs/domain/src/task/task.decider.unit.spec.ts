import {
  AFTER_DEADLINE,
  automotiveManager,
  command,
  DEADLINE,
  event,
  HISTORY,
  managementManager,
  office,
  TASK_ID,
  taskAssigned,
  taskSpec,
  TRAINEES,
  worker,
} from '../testing/task.fixtures.js';

const { given } = taskSpec;
const NEW_DEADLINE = '2023-09-30T16:00:00.000Z';
const evidence = ['https://docs.example.edu.cn/tibet/2023/training-sign-in.pdf'];

describe('when the task does not exist', () => {
  it('the office assigns a task to a unit, normalising the deadline to UTC', () => {
    given([])
      .when(
        command('AssignTask', {
          title: '  为林芝市职业技术学校培训管理干部 ',
          description: '举办管理干部专题培训班',
          programId: 'tibet',
          partner: '林芝市职业技术学校',
          unitId: 'management',
          assignee: '张老师',
          deadline: '2023-07-01T00:00:00+08:00',
          targets: [TRAINEES],
        }),
      )
      .then([{ type: 'TaskAssigned', data: taskAssigned().data }]);
  });

  it('absent optional fields are recorded as null and absent targets as none', () => {
    given([])
      .when(
        command('AssignTask', {
          title: '接待挂职干部',
          programId: 'other',
          unitId: 'automotive',
          deadline: DEADLINE,
        }),
      )
      .then([
        {
          type: 'TaskAssigned',
          data: {
            taskId: TASK_ID,
            title: '接待挂职干部',
            description: null,
            programId: 'other',
            partner: null,
            unitId: 'automotive',
            assignee: null,
            deadline: DEADLINE,
            targets: [],
          },
        },
      ]);
  });

  it('a target without a unit is recorded with unit null', () => {
    const satisfaction = { key: 'satisfaction', label: '满意度', target: 95 };
    given([])
      .when(
        command('AssignTask', {
          title: '培训教师',
          programId: 'heilongjiang',
          unitId: 'tdc',
          deadline: DEADLINE,
          targets: [satisfaction],
        }),
      )
      .then([
        {
          type: 'TaskAssigned',
          data: expect.objectContaining({ targets: [{ ...satisfaction, unit: null }] }),
        },
      ]);
  });

  it.each([
    ['AcknowledgeTask', {}],
    ['ReportProgress', { progress: 10 }],
    ['ChangeDeadline', { deadline: NEW_DEADLINE, reason: '对方学校调整日程' }],
    ['ReassignTask', { unitId: 'automotive', reason: '调整' }],
    ['BlockTask', { reason: '等待' }],
    ['UnblockTask', {}],
    ['CompleteTask', { summary: '完成' }],
    ['ReopenTask', { reason: '证据不足' }],
    ['CancelTask', { reason: '取消' }],
    ['AddComment', { text: '请尽快签收' }],
    [
      'RecordReminder',
      { kind: 'UPCOMING', deadline: DEADLINE, sequence: 0, channel: 'log', recipient: 'log' },
    ],
  ] as const)('%s on a task that does not exist is NOT_FOUND', (type, data) => {
    given([])
      .when(command(type, data as never))
      .thenThrows('NOT_FOUND', `no such task: ${TASK_ID}`);
  });
});

describe('when assigned', () => {
  const history = HISTORY.ASSIGNED;

  it('assigning the same task id again is rejected', () => {
    given(history)
      .when(
        command('AssignTask', {
          title: '重复',
          programId: 'tibet',
          unitId: 'management',
          deadline: DEADLINE,
        }),
      )
      .thenThrows('BAD_USER_INPUT', 'taskId: is already in use');
  });

  it('the unit manager signs for the task (签收)', () => {
    given(history)
      .when(command('AcknowledgeTask', { note: '已签收' }, managementManager))
      .then([{ type: 'TaskAcknowledged', data: { taskId: TASK_ID, note: '已签收' } }]);
  });

  it('the first progress report is recorded with its metrics and evidence', () => {
    given(history)
      .when(
        command(
          'ReportProgress',
          { progress: 40, note: '第一期培训完成', metrics: [{ key: 'trainees', value: 46 }], evidence },
          managementManager,
        ),
      )
      .then([
        {
          type: 'ProgressReported',
          data: {
            taskId: TASK_ID,
            progress: 40,
            note: '第一期培训完成',
            metrics: [{ key: 'trainees', value: 46 }],
            evidence,
          },
        },
      ]);
  });

  it('the unit manager can block it, remembering it was ASSIGNED', () => {
    given(history)
      .when(command('BlockTask', { reason: '对方学校推迟培训' }, managementManager))
      .then([
        {
          type: 'TaskBlocked',
          data: { taskId: TASK_ID, reason: '对方学校推迟培训', previousStatus: 'ASSIGNED' },
        },
      ]);
  });

  it('the unit manager can complete it without an earlier progress report', () => {
    given(history)
      .when(command('CompleteTask', { summary: '培训管理干部92人' }, managementManager))
      .then([
        {
          type: 'TaskCompleted',
          data: { taskId: TASK_ID, summary: '培训管理干部92人', metrics: [], evidence: [] },
        },
      ]);
  });

  it('the office moves the deadline, recording the previous one and the reason', () => {
    given(history)
      .when(command('ChangeDeadline', { deadline: '2023-10-01T00:00:00+08:00', reason: '对方学校调整日程' }))
      .then([
        {
          type: 'DeadlineChanged',
          data: {
            taskId: TASK_ID,
            previousDeadline: DEADLINE,
            deadline: NEW_DEADLINE,
            reason: '对方学校调整日程',
          },
        },
      ]);
  });

  it('moving the deadline to the same instant is rejected, whatever its notation', () => {
    given(history)
      .when(command('ChangeDeadline', { deadline: '2023-07-01T00:00:00+08:00', reason: '无' }))
      .thenThrows('BAD_USER_INPUT', 'deadline: is the current deadline');
  });

  it('the office reassigns it to another unit, recording the previous unit and assignee', () => {
    given(history)
      .when(command('ReassignTask', { unitId: 'automotive', assignee: '陈老师', reason: '汽车技术学院承接' }))
      .then([
        {
          type: 'TaskReassigned',
          data: {
            taskId: TASK_ID,
            previousUnitId: 'management',
            unitId: 'automotive',
            previousAssignee: '张老师',
            assignee: '陈老师',
            reason: '汽车技术学院承接',
          },
        },
      ]);
  });

  it('reassigning to the unit it already has is rejected', () => {
    given(history)
      .when(command('ReassignTask', { unitId: 'management', reason: '无' }))
      .thenThrows('BAD_USER_INPUT', 'unitId: task is already assigned to this unit');
  });

  it('the office cancels it with a reason', () => {
    given(history)
      .when(command('CancelTask', { reason: '计划调整' }))
      .then([{ type: 'TaskCancelled', data: { taskId: TASK_ID, reason: '计划调整' } }]);
  });

  it('the worker records a delivered reminder for the current deadline', () => {
    const reminder = {
      kind: 'UPCOMING',
      deadline: DEADLINE,
      sequence: 0,
      channel: 'email',
      recipient: 'mgmt@example.edu.cn',
    } as const;
    given(history)
      .when(command('RecordReminder', reminder, worker))
      .then([{ type: 'ReminderSent', data: { taskId: TASK_ID, ...reminder } }]);
  });

  it('a reminder about a deadline that has since moved is not recorded', () => {
    given([
      ...history,
      event('DeadlineChanged', { previousDeadline: DEADLINE, deadline: NEW_DEADLINE, reason: '调整' }),
    ])
      .when(
        command(
          'RecordReminder',
          { kind: 'DUE', deadline: DEADLINE, sequence: 0, channel: 'log', recipient: 'log' },
          worker,
        ),
      )
      .thenThrows(
        'INVALID_TRANSITION',
        'cannot record a reminder for a task that is ASSIGNED: deadline has moved',
      );
  });
});

describe('when acknowledged', () => {
  const history = [...HISTORY.ASSIGNED, event('TaskAcknowledged', { note: null })];

  it('the unit cannot sign for it a second time', () => {
    given(history)
      .when(command('AcknowledgeTask', {}, managementManager))
      .thenThrows(
        'INVALID_TRANSITION',
        `cannot acknowledge a task that is ASSIGNED: already acknowledged at 2023-05-10T02:00:00.000Z`,
      );
  });

  it('after reassignment the new unit signs for it again', () => {
    const reassigned = event('TaskReassigned', {
      previousUnitId: 'management',
      unitId: 'automotive',
      previousAssignee: '张老师',
      assignee: null,
      reason: '汽车技术学院承接',
    });
    given([...history, reassigned])
      .when(command('AcknowledgeTask', {}, automotiveManager))
      .then([{ type: 'TaskAcknowledged', data: { taskId: TASK_ID, note: null } }]);
  });
});

describe('when in progress', () => {
  const history = HISTORY.IN_PROGRESS;

  it('a unit that has not signed yet may still sign', () => {
    given(history)
      .when(command('AcknowledgeTask', {}, managementManager))
      .then([{ type: 'TaskAcknowledged', data: { taskId: TASK_ID, note: null } }]);
  });

  it('further progress is reported, and progress may be corrected downwards', () => {
    given(history)
      .when(command('ReportProgress', { progress: 30, note: '更正' }, managementManager))
      .then([
        {
          type: 'ProgressReported',
          data: { taskId: TASK_ID, progress: 30, note: '更正', metrics: [], evidence: [] },
        },
      ]);
  });

  it('blocking remembers it was IN_PROGRESS', () => {
    given(history)
      .when(command('BlockTask', { reason: '经费未到位' }, managementManager))
      .then([
        {
          type: 'TaskBlocked',
          data: { taskId: TASK_ID, reason: '经费未到位', previousStatus: 'IN_PROGRESS' },
        },
      ]);
  });

  it('completion carries the summary, final metrics and evidence (deduplicated)', () => {
    given(history)
      .when(
        command(
          'CompleteTask',
          {
            summary: '培训管理干部92人',
            metrics: [{ key: 'trainees', value: 92 }],
            evidence: [...evidence, ...evidence],
          },
          managementManager,
        ),
      )
      .then([
        {
          type: 'TaskCompleted',
          data: {
            taskId: TASK_ID,
            summary: '培训管理干部92人',
            metrics: [{ key: 'trainees', value: 92 }],
            evidence,
          },
        },
      ]);
  });
});

describe('when blocked', () => {
  it('unblocking returns it to IN_PROGRESS when it was in progress', () => {
    given(HISTORY.BLOCKED)
      .when(command('UnblockTask', { note: '已恢复' }, managementManager))
      .then([{ type: 'TaskUnblocked', data: { taskId: TASK_ID, note: '已恢复', status: 'IN_PROGRESS' } }]);
  });

  it('unblocking returns it to ASSIGNED when it was blocked before any progress', () => {
    given([...HISTORY.ASSIGNED, event('TaskBlocked', { reason: '等待', previousStatus: 'ASSIGNED' })])
      .when(command('UnblockTask', {}, managementManager))
      .then([{ type: 'TaskUnblocked', data: { taskId: TASK_ID, note: null, status: 'ASSIGNED' } }]);
  });

  it('a unit manager cannot report progress until it is unblocked', () => {
    given(HISTORY.BLOCKED)
      .when(command('ReportProgress', { progress: 50 }, managementManager))
      .thenThrows('INVALID_TRANSITION', 'cannot report progress on a task that is BLOCKED');
  });

  it('a unit manager cannot complete it until it is unblocked', () => {
    given(HISTORY.BLOCKED)
      .when(command('CompleteTask', { summary: '完成' }, managementManager))
      .thenThrows('INVALID_TRANSITION', 'cannot complete a task that is BLOCKED');
  });

  it('the office can still cancel it', () => {
    given(HISTORY.BLOCKED)
      .when(command('CancelTask', { reason: '合作终止' }))
      .then([{ type: 'TaskCancelled', data: { taskId: TASK_ID, reason: '合作终止' } }]);
  });
});

describe('when completed', () => {
  it('the office reopens it, e.g. when the assessment rejected the evidence', () => {
    given(HISTORY.COMPLETED)
      .when(command('ReopenTask', { reason: '考核评价退回：缺少签到表' }))
      .then([{ type: 'TaskReopened', data: { taskId: TASK_ID, reason: '考核评价退回：缺少签到表' } }]);
  });

  it('cannot be cancelled: CANCELLED is for work that will not be done', () => {
    given(HISTORY.COMPLETED)
      .when(command('CancelTask', { reason: '取消' }))
      .thenThrows('INVALID_TRANSITION', 'cannot cancel a task that is COMPLETED');
  });

  it('gets no more reminders', () => {
    given(HISTORY.COMPLETED)
      .when(
        command(
          'RecordReminder',
          { kind: 'DUE', deadline: DEADLINE, sequence: 0, channel: 'log', recipient: 'log' },
          worker,
        ),
      )
      .thenThrows('INVALID_TRANSITION', 'cannot record a reminder for a task that is COMPLETED');
  });
});

describe('when cancelled', () => {
  it('comments are still accepted', () => {
    given(HISTORY.CANCELLED)
      .when(command('AddComment', { text: '已归档' }, office))
      .then([{ type: 'CommentAdded', data: { taskId: TASK_ID, text: '已归档' } }]);
  });

  it('a unit manager cannot report progress on it', () => {
    given(HISTORY.CANCELLED)
      .when(command('ReportProgress', { progress: 10 }, managementManager))
      .thenThrows('INVALID_TRANSITION', 'cannot report progress on a task that is CANCELLED');
  });

  it('it cannot be reopened', () => {
    given(HISTORY.CANCELLED)
      .when(command('ReopenTask', { reason: '恢复' }))
      .thenThrows('INVALID_TRANSITION', 'cannot reopen a task that is CANCELLED');
  });
});

describe('when reminders were sent', () => {
  const sent = {
    kind: 'OVERDUE',
    deadline: DEADLINE,
    sequence: 0,
    channel: 'email',
    recipient: 'mgmt@example.edu.cn',
  } as const;
  const history = [...HISTORY.IN_PROGRESS, event('ReminderSent', sent, AFTER_DEADLINE)];

  it('the same reminder is never recorded twice, even on another channel', () => {
    given(history)
      .when(command('RecordReminder', { ...sent, channel: 'webhook' }, worker, AFTER_DEADLINE))
      .thenThrows(
        'INVALID_TRANSITION',
        'cannot record a reminder for a task that is IN_PROGRESS: this reminder was already sent',
      );
  });

  it('the next overdue reminder in the sequence is recorded', () => {
    given(history)
      .when(command('RecordReminder', { ...sent, sequence: 1 }, worker, AFTER_DEADLINE))
      .then([{ type: 'ReminderSent', data: { taskId: TASK_ID, ...sent, sequence: 1 } }]);
  });

  it('after the deadline moved, the same kind is recorded again for the new deadline', () => {
    const moved = event('DeadlineChanged', {
      previousDeadline: DEADLINE,
      deadline: NEW_DEADLINE,
      reason: '延期',
    });
    given([...history, moved])
      .when(command('RecordReminder', { ...sent, kind: 'UPCOMING', deadline: NEW_DEADLINE }, office))
      .then([
        {
          type: 'ReminderSent',
          data: { taskId: TASK_ID, ...sent, kind: 'UPCOMING', deadline: NEW_DEADLINE },
        },
      ]);
  });
});
