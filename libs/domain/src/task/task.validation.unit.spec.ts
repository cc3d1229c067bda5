import { LIMITS } from '../shared/validation.js';
import { brief, briefly } from '../testing/brief.js';
import {
  command,
  DEADLINE,
  HISTORY,
  managementManager,
  TASK_ID,
  taskAssigned,
  taskSpec,
  TRAINEES,
  worker,
} from '../testing/task.fixtures.js';
import type { AssignTask } from './task.commands.js';

const { given } = taskSpec;
const assignment: AssignTask['data'] = {
  taskId: TASK_ID,
  title: '为林芝市职业技术学校培训管理干部',
  programId: 'tibet',
  unitId: 'management',
  deadline: DEADLINE,
};
const assign = (data: Partial<Record<keyof AssignTask['data'], unknown>>) =>
  given([]).when(command('AssignTask', { ...assignment, ...data } as AssignTask['data']));
const report = (data: Record<string, unknown>, history = HISTORY.IN_PROGRESS) =>
  given(history).when(command('ReportProgress', { progress: 50, ...data } as never, managementManager));

describe('assigning a task, the input is checked field by field', () => {
  it.each(
    briefly([
      [{ taskId: 'task-1' }, 'taskId: must be a UUID'],
      [{ title: '   ' }, 'title: must not be empty'],
      [{ title: 42 }, 'title: must be a string'],
      [{ title: 'x'.repeat(LIMITS.title + 1) }, `title: must be at most ${LIMITS.title} characters`],
      [{ title: '培训\u0000管理干部' }, 'title: must not contain control characters'],
      [{ title: '培训\u001b[31m' }, 'title: must not contain control characters'],
      [
        { description: 'x'.repeat(LIMITS.description + 1) },
        `description: must be at most ${LIMITS.description} characters`,
      ],
      [{ partner: 'x'.repeat(LIMITS.partner + 1) }, `partner: must be at most ${LIMITS.partner} characters`],
      [
        { assignee: 'x'.repeat(LIMITS.assignee + 1) },
        `assignee: must be at most ${LIMITS.assignee} characters`,
      ],
      [{ programId: '援藏' }, /^programId: must be 1 to 64 letters/],
      [{ unitId: '-management' }, /^unitId: must be 1 to 64 letters/],
      [{ unitId: 'm'.repeat(65) }, /^unitId: /],
      [{ deadline: '2023-06-30' }, /^deadline: must be an ISO-8601 instant with an offset/],
      [{ deadline: '2023-06-30T16:00:00' }, /^deadline: must be an ISO-8601 instant/],
      [{ deadline: '2023-02-29T00:00:00Z' }, /^deadline: must be an ISO-8601 instant/],
      [{ deadline: '2023-06-30T24:00:00Z' }, /^deadline: must be an ISO-8601 instant/],
      [{ deadline: 'tomorrow' }, /^deadline: must be an ISO-8601 instant/],
      [{ deadline: '1999-12-31T15:59:59Z' }, 'deadline: must be in the years 2000 to 2100'],
      [{ deadline: '2101-01-01T00:00:00Z' }, 'deadline: must be in the years 2000 to 2100'],
      [
        { targets: [TRAINEES, { ...TRAINEES, label: '第二期' }] },
        'targets[1].key: duplicates the key "trainees"',
      ],
      [{ targets: [{ ...TRAINEES, key: 'trainees count' }] }, /^targets\[0\]\.key: must be 1 to 64/],
      [{ targets: [{ ...TRAINEES, label: '' }] }, 'targets[0].label: must not be empty'],
      [{ targets: [{ ...TRAINEES, target: Infinity }] }, 'targets[0].target: must be a finite number'],
      [{ targets: [{ ...TRAINEES, target: '92' }] }, 'targets[0].target: must be a finite number'],
      [{ targets: ['trainees'] }, 'targets[0]: must be an object'],
      [
        { targets: Array.from({ length: LIMITS.targets + 1 }, (_, i) => ({ ...TRAINEES, key: `k${i}` })) },
        'targets: must have at most 50 items',
      ],
    ] as const),
  )('%s is rejected with "%s"', (_, message, data) => {
    assign(data).thenThrows('BAD_USER_INPUT', message);
  });

  it.each(
    briefly([
      [{ taskId: TASK_ID.toUpperCase() }, { taskId: TASK_ID.toUpperCase() }],
      [{ deadline: '2024-02-29T23:59:59.5+08:00' }, { deadline: '2024-02-29T15:59:59.500Z' }],
      [{ deadline: '2100-12-31T23:59:59Z' }, { deadline: '2100-12-31T23:59:59.000Z' }],
      [{ title: '第一行\n第二行\t(制表)' }, { title: '第一行\n第二行\t(制表)' }],
      [{ title: '培'.repeat(LIMITS.title) }, { title: '培'.repeat(LIMITS.title) }],
      [
        { description: '   ', partner: '', assignee: null },
        { description: null, partner: null, assignee: null },
      ],
    ] as const),
  )('%s is accepted', (_, recorded, data) => {
    assign(data).then([{ type: 'TaskAssigned', data: expect.objectContaining(recorded) }]);
  });
});

describe('reporting progress, the input is checked field by field', () => {
  it.each(
    briefly([
      [{ progress: 101 }, 'progress: must be an integer from 0 to 100'],
      [{ progress: -1 }, 'progress: must be an integer from 0 to 100'],
      [{ progress: 40.5 }, 'progress: must be an integer from 0 to 100'],
      [{ progress: '40' }, 'progress: must be an integer from 0 to 100'],
      [{ note: 'x'.repeat(LIMITS.note + 1) }, `note: must be at most ${LIMITS.note} characters`],
      [{ metrics: [{ key: 'trainees', value: Number.NaN }] }, 'metrics[0].value: must be a finite number'],
      [
        {
          metrics: [
            { key: 'trainees', value: 1 },
            { key: 'trainees', value: Infinity },
          ],
        },
        'metrics[1].value: must be a finite number',
      ],
      [
        {
          metrics: [
            { key: 'trainees', value: 1 },
            { key: 'trainees', value: 2 },
          ],
        },
        'metrics[1].key: duplicates the key "trainees"',
      ],
      [{ metrics: [{ key: '', value: 1 }] }, /^metrics\[0\]\.key: must be 1 to 64/],
      [
        { metrics: [{ key: 'teachers', value: 7 }] },
        "metrics[0].key: must be one of the task's target keys: trainees",
      ],
      [{ evidence: ['https://docs.example.edu.cn/a.pdf', ' '] }, 'evidence[1]: must not be empty'],
      [
        { evidence: ['x'.repeat(LIMITS.evidenceItem + 1)] },
        `evidence[0]: must be at most ${LIMITS.evidenceItem} characters`,
      ],
      [
        { evidence: Array.from({ length: 21 }, (_, i) => `photo-${i}.jpg`) },
        'evidence: must have at most 20 items',
      ],
      [{ evidence: 'photo.jpg' }, 'evidence: must be a list'],
    ] as const),
  )('%s is rejected with "%s"', (_, message, data) => {
    report(data).thenThrows('BAD_USER_INPUT', message);
  });

  it('any metric key is accepted on a task without targets', () => {
    report({ metrics: [{ key: 'teachers', value: 7 }] }, [taskAssigned({ targets: [] })]).then([
      expect.objectContaining({
        data: expect.objectContaining({ metrics: [{ key: 'teachers', value: 7 }] }),
      }),
    ]);
  });

  it('a blank note is recorded as null and the note is trimmed otherwise', () => {
    report({ note: '  ' }).then([expect.objectContaining({ data: expect.objectContaining({ note: null }) })]);
    report({ note: ' 第一期 ' }).then([
      expect.objectContaining({ data: expect.objectContaining({ note: '第一期' }) }),
    ]);
  });
});

describe('every other command names its field', () => {
  it.each(
    (
      [
        ['ChangeDeadline', { deadline: '2023-09-30T16:00:00Z', reason: ' ' }, 'reason: must not be empty'],
        ['ChangeDeadline', { deadline: '30/09/2023', reason: '延期' }, /^deadline: /],
        ['ReassignTask', { unitId: 'automotive', reason: '' }, 'reason: must not be empty'],
        ['ReassignTask', { unitId: 'auto motive', reason: '调整' }, /^unitId: /],
        ['ReassignTask', { unitId: 'automotive', assignee: 'x'.repeat(101), reason: '调整' }, /^assignee: /],
        ['BlockTask', { reason: '' }, 'reason: must not be empty'],
        [
          'BlockTask',
          { reason: 'x'.repeat(LIMITS.reason + 1) },
          `reason: must be at most ${LIMITS.reason} characters`,
        ],
        ['CompleteTask', { summary: '' }, 'summary: must not be empty'],
        [
          'CompleteTask',
          { summary: '完成', metrics: [{ key: 'trainees', value: '92' }] },
          'metrics[0].value: must be a finite number',
        ],
        [
          'CompleteTask',
          { summary: '完成', metrics: [{ key: 'teachers', value: 7 }] },
          /^metrics\[0\]\.key: must be one of/,
        ],
        ['CompleteTask', { summary: '完成', evidence: [''] }, 'evidence[0]: must not be empty'],
        ['CancelTask', { reason: '\t' }, 'reason: must not be empty'],
        ['AddComment', { text: '' }, 'text: must not be empty'],
        [
          'AddComment',
          { text: 'x'.repeat(LIMITS.comment + 1) },
          `text: must be at most ${LIMITS.comment} characters`,
        ],
        ['AcknowledgeTask', { note: '\u0007' }, 'note: must not contain control characters'],
      ] as const
    ).map(([type, data, message]) => [type, brief(data), message, data] as const),
  )('%s with %s is rejected with "%s"', (type, _, message, data) => {
    given(HISTORY.IN_PROGRESS)
      .when(command(type, data as never))
      .thenThrows('BAD_USER_INPUT', message);
  });

  it('reopening needs a reason', () => {
    given(HISTORY.COMPLETED)
      .when(command('ReopenTask', { reason: '' }))
      .thenThrows('BAD_USER_INPUT', 'reason: must not be empty');
  });

  it('unblocking takes an optional note', () => {
    given(HISTORY.BLOCKED)
      .when(command('UnblockTask', { note: 'x'.repeat(LIMITS.note + 1) }))
      .thenThrows('BAD_USER_INPUT', `note: must be at most ${LIMITS.note} characters`);
  });

  it.each(
    briefly([
      [{ kind: 'LATE' }, 'kind: must be one of UPCOMING, DUE_SOON, DUE, OVERDUE'],
      [{ sequence: 1 }, /^sequence: /],
      [{ kind: 'OVERDUE', sequence: -1 }, /^sequence: /],
      [{ kind: 'OVERDUE', sequence: 1.5 }, /^sequence: /],
      [{ deadline: 'soon' }, /^deadline: /],
      [{ channel: '' }, 'channel: must not be empty'],
      [{ recipient: '' }, 'recipient: must not be empty'],
    ] as const),
  )('recording a reminder with %s is rejected with "%s"', (_, message, data) => {
    const reminder = {
      kind: 'DUE',
      deadline: DEADLINE,
      sequence: 0,
      channel: 'log',
      recipient: 'log',
      ...data,
    };
    given(HISTORY.ASSIGNED)
      .when(command('RecordReminder', reminder as never, worker))
      .thenThrows('BAD_USER_INPUT', message);
  });
});
