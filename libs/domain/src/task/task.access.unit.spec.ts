import type { Actor } from '../shared/actor.js';
import type { Given } from '../testing/decider-spec.js';
import {
  auditor,
  automotiveManager,
  command,
  DEADLINE,
  event,
  HISTORY,
  managementManager,
  managerWithoutUnit,
  office,
  TASK_ID,
  taskSpec,
  worker,
} from '../testing/task.fixtures.js';
import type { TaskCommand } from './task.commands.js';
import { taskDecider } from './task.decider.js';
import type { TaskEvent } from './task.events.js';

const { given } = taskSpec;

/** Each command with a history in which it is valid, so only the actor can make it fail. */
const SCENARIOS: Record<
  TaskCommand['type'],
  { history: Given<TaskEvent>[]; make: (actor: Actor) => TaskCommand }
> = {
  AssignTask: {
    history: [],
    make: (actor) =>
      command(
        'AssignTask',
        { title: '培训', programId: 'tibet', unitId: 'management', deadline: DEADLINE },
        actor,
      ),
  },
  AcknowledgeTask: { history: HISTORY.ASSIGNED, make: (actor) => command('AcknowledgeTask', {}, actor) },
  ReportProgress: {
    history: HISTORY.ASSIGNED,
    make: (actor) => command('ReportProgress', { progress: 20 }, actor),
  },
  ChangeDeadline: {
    history: HISTORY.ASSIGNED,
    make: (actor) => command('ChangeDeadline', { deadline: '2023-09-30T16:00:00Z', reason: '延期' }, actor),
  },
  ReassignTask: {
    history: HISTORY.ASSIGNED,
    make: (actor) => command('ReassignTask', { unitId: 'automotive', reason: '调整' }, actor),
  },
  BlockTask: { history: HISTORY.ASSIGNED, make: (actor) => command('BlockTask', { reason: '等待' }, actor) },
  UnblockTask: { history: HISTORY.BLOCKED, make: (actor) => command('UnblockTask', {}, actor) },
  CompleteTask: {
    history: HISTORY.IN_PROGRESS,
    make: (actor) => command('CompleteTask', { summary: '完成' }, actor),
  },
  ReopenTask: {
    history: HISTORY.COMPLETED,
    make: (actor) => command('ReopenTask', { reason: '退回' }, actor),
  },
  CancelTask: {
    history: HISTORY.ASSIGNED,
    make: (actor) => command('CancelTask', { reason: '取消' }, actor),
  },
  AddComment: { history: HISTORY.ASSIGNED, make: (actor) => command('AddComment', { text: '收到' }, actor) },
  RecordReminder: {
    history: HISTORY.ASSIGNED,
    make: (actor) =>
      command(
        'RecordReminder',
        { kind: 'DUE', deadline: DEADLINE, sequence: 0, channel: 'log', recipient: 'log' },
        actor,
      ),
  },
};

const TYPES = Object.keys(SCENARIOS) as TaskCommand['type'][];
const UNIT_MANAGER_MAY = [
  'AcknowledgeTask',
  'ReportProgress',
  'BlockTask',
  'UnblockTask',
  'CompleteTask',
  'AddComment',
];

const accepts = (type: TaskCommand['type'], actor: Actor) => {
  const { history, make } = SCENARIOS[type];
  expect(taskDecider.decide(make(actor), taskSpec.fold(history))).toHaveLength(1);
};
const forbids = (type: TaskCommand['type'], actor: Actor) => {
  const { history, make } = SCENARIOS[type];
  given(history).when(make(actor)).thenThrows('FORBIDDEN');
};

describe('the support office', () => {
  it.each(TYPES)('may %s', (type) => accepts(type, office));
});

describe('the reminder worker', () => {
  it('may record a reminder it delivered', () => accepts('RecordReminder', worker));
  it.each(TYPES.filter((type) => type !== 'RecordReminder'))('may not %s', (type) => forbids(type, worker));
});

describe('an auditor', () => {
  it.each(TYPES)('may not %s: auditors write nothing', (type) => forbids(type, auditor));

  it('is told which role may not do what', () => {
    given(HISTORY.ASSIGNED)
      .when(command('AddComment', { text: '审计意见' }, auditor))
      .thenThrows('FORBIDDEN', 'role auditor may not AddComment');
  });
});

describe('a unit manager, on a task of their own unit', () => {
  it.each(UNIT_MANAGER_MAY)('may %s', (type) => accepts(type as TaskCommand['type'], managementManager));
  it.each(TYPES.filter((type) => !UNIT_MANAGER_MAY.includes(type)))('may not %s', (type) =>
    forbids(type, managementManager),
  );
});

describe("a unit manager, on another unit's task", () => {
  it.each(UNIT_MANAGER_MAY)('may not %s', (type) => forbids(type as TaskCommand['type'], automotiveManager));

  it("a unit manager cannot report progress on another unit's task", () => {
    given(HISTORY.ASSIGNED)
      .when(command('ReportProgress', { progress: 10 }, automotiveManager))
      .thenThrows(
        'FORBIDDEN',
        'the unit manager of automotive may not ReportProgress a task assigned to management',
      );
  });
});

describe('a unit manager without a unit', () => {
  it.each(TYPES)('may not %s', (type) => forbids(type, managerWithoutUnit));
});

describe('when reassigned to another unit', () => {
  const history = [
    ...HISTORY.IN_PROGRESS,
    event('TaskReassigned', {
      previousUnitId: 'management',
      unitId: 'automotive',
      previousAssignee: '张老师',
      assignee: '陈老师',
      reason: '汽车技术学院承接',
    }),
  ];

  it('the previous unit manager loses access', () => {
    given(history)
      .when(command('ReportProgress', { progress: 60 }, managementManager))
      .thenThrows('FORBIDDEN');
  });

  it('the new unit manager may report progress', () => {
    given(history)
      .when(command('ReportProgress', { progress: 60 }, automotiveManager))
      .then([
        {
          type: 'ProgressReported',
          data: { taskId: TASK_ID, progress: 60, note: null, metrics: [], evidence: [] },
        },
      ]);
  });
});

describe('the order of checks: role, existence, own unit, input, lifecycle', () => {
  it('a forbidden role is FORBIDDEN even for a task that does not exist', () => {
    given([])
      .when(command('CancelTask', { reason: '取消' }, auditor))
      .thenThrows('FORBIDDEN');
  });

  it("another unit's manager is told NOT_FOUND for a task that does not exist", () => {
    given([])
      .when(command('ReportProgress', { progress: 10 }, automotiveManager))
      .thenThrows('NOT_FOUND');
  });

  it("another unit's manager is FORBIDDEN before their input is validated", () => {
    given(HISTORY.ASSIGNED)
      .when(command('ReportProgress', { progress: 101 }, automotiveManager))
      .thenThrows('FORBIDDEN');
  });

  it('bad input is BAD_USER_INPUT even on a task whose status forbids the command', () => {
    given(HISTORY.CANCELLED)
      .when(command('ReportProgress', { progress: 101 }, managementManager))
      .thenThrows('BAD_USER_INPUT', 'progress: must be an integer from 0 to 100');
  });

  it('a reused task id is reported before the rest of the input is validated', () => {
    given(HISTORY.ASSIGNED)
      .when(
        command('AssignTask', { title: '', programId: 'tibet', unitId: 'management', deadline: DEADLINE }),
      )
      .thenThrows('BAD_USER_INPUT', 'taskId: is already in use');
  });

  it('the lifecycle is checked before input that depends on the task, such as metric keys', () => {
    given(HISTORY.CANCELLED)
      .when(
        command(
          'ReportProgress',
          { progress: 10, metrics: [{ key: 'teachers', value: 3 }] },
          managementManager,
        ),
      )
      .thenThrows('INVALID_TRANSITION');
  });
});
