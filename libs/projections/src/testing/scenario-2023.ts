import {
  programStream,
  taskStream,
  unitStream,
  type Actor,
  type ProgramEvent,
  type TaskEvent,
  type UnitEvent,
} from '#domain';
import type { EventStore } from '#event-store';

/**
 * A year of the 2023 work report (对口支援), as events: two units, two programmes and
 * the task 培训林芝市职业技术学校管理干部 (培训人数 92 人) through assign → acknowledge →
 * progress → reassign → block → unblock → complete → reminder, plus a few tasks that
 * give the filters something to tell apart.
 */
export const IDS = {
  training: '6f1d3b1e-1d52-4c1a-9a3e-000000000001',
  campus: '6f1d3b1e-1d52-4c1a-9a3e-000000000002',
  survey: '6f1d3b1e-1d52-4c1a-9a3e-000000000003',
  surveyLookalike: '6f1d3b1e-1d52-4c1a-9a3e-000000000004',
  cancelled: '6f1d3b1e-1d52-4c1a-9a3e-000000000005',
} as const;

/** "Now" for the overdue assertions: the day after the half-year deadline. */
export const NOW = '2023-07-01T00:00:00.000Z';

export const OFFICE: Actor = { id: 'office-zhang', name: '对口支援办 张主任', role: 'office' };
export const MANAGEMENT_MANAGER: Actor = {
  id: 'mgr-li',
  name: '管理学院 李老师',
  role: 'unit_manager',
  unitId: 'management',
};
export const AUTOMOTIVE_MANAGER: Actor = {
  id: 'mgr-wang',
  name: '汽车技术学院 王老师',
  role: 'unit_manager',
  unitId: 'automotive',
};
export const WORKER: Actor = { id: 'reminder-worker', name: 'reminders', role: 'worker' };

type AnyEvent = TaskEvent | UnitEvent | ProgramEvent;

export interface ScenarioStep {
  readonly streamId: string;
  readonly event: AnyEvent | { readonly type: string; readonly data: unknown };
  readonly actor: Actor;
  readonly occurredAt: string;
}

const task = (id: string) => taskStream(id);

function assign(
  id: string,
  fields: {
    title: string;
    description: string | null;
    programId: string;
    partner: string;
    unitId: string;
    deadline: string;
  },
  occurredAt: string,
): ScenarioStep {
  return {
    streamId: task(id),
    actor: OFFICE,
    occurredAt,
    event: {
      type: 'TaskAssigned',
      data: {
        taskId: id,
        assignee: null,
        targets: [],
        ...fields,
      },
    },
  };
}

export const SCENARIO: readonly ScenarioStep[] = [
  {
    streamId: unitStream('management'),
    actor: OFFICE,
    occurredAt: '2023-01-05T01:00:00.000Z',
    event: {
      type: 'UnitRegistered',
      data: { unitId: 'management', name: '管理学院', contacts: ['glxy@example.edu.cn'] },
    },
  },
  {
    streamId: unitStream('automotive'),
    actor: OFFICE,
    occurredAt: '2023-01-05T01:01:00.000Z',
    event: { type: 'UnitRegistered', data: { unitId: 'automotive', name: '汽车技术学院', contacts: [] } },
  },
  {
    streamId: programStream('tibet'),
    actor: OFFICE,
    occurredAt: '2023-01-05T01:02:00.000Z',
    event: { type: 'ProgramRegistered', data: { programId: 'tibet', name: '援藏', region: '西藏林芝' } },
  },
  {
    streamId: programStream('xinjiang'),
    actor: OFFICE,
    occurredAt: '2023-01-05T01:03:00.000Z',
    event: { type: 'ProgramRegistered', data: { programId: 'xinjiang', name: '援疆', region: '新疆' } },
  },
  {
    streamId: unitStream('automotive'),
    actor: OFFICE,
    occurredAt: '2023-01-06T02:00:00.000Z',
    event: { type: 'UnitUpdated', data: { unitId: 'automotive', contacts: ['qcxy@example.edu.cn'] } },
  },
  {
    streamId: task(IDS.training),
    actor: OFFICE,
    occurredAt: '2023-03-01T02:00:00.000Z',
    event: {
      type: 'TaskAssigned',
      data: {
        taskId: IDS.training,
        title: '培训林芝市职业技术学校管理干部',
        description: '组织林芝职校管理干部到广东培训 (Linzhi Vocational School management training)',
        programId: 'tibet',
        partner: '林芝市职业技术学校',
        unitId: 'management',
        assignee: '李老师',
        deadline: '2023-06-30T16:00:00.000Z',
        targets: [{ key: 'trainees', label: '培训人数', target: 92, unit: '人' }],
      },
    },
  },
  assign(
    IDS.campus,
    {
      title: '为林芝职校捐赠智慧校园系统',
      description: '捐赠并部署智慧校园系统',
      programId: 'tibet',
      partner: '林芝市职业技术学校',
      unitId: 'automotive',
      deadline: '2023-05-31T16:00:00.000Z',
    },
    '2023-03-02T02:00:00.000Z',
  ),
  {
    streamId: task(IDS.training),
    actor: MANAGEMENT_MANAGER,
    occurredAt: '2023-03-03T03:00:00.000Z',
    event: { type: 'TaskAcknowledged', data: { taskId: IDS.training, note: '已签收' } },
  },
  assign(
    IDS.survey,
    {
      title: '毕业生就业率统计（目标 95%_口径）',
      description: null,
      programId: 'xinjiang',
      partner: '喀什职业技术学院',
      unitId: 'management',
      deadline: '2023-09-30T16:00:00.000Z',
    },
    '2023-03-10T02:00:00.000Z',
  ),
  assign(
    IDS.surveyLookalike,
    {
      title: '毕业生就业率统计（目标 950 口径）',
      description: null,
      programId: 'xinjiang',
      partner: '喀什职业技术学院',
      unitId: 'management',
      deadline: '2023-06-15T16:00:00.000Z',
    },
    '2023-03-10T02:05:00.000Z',
  ),
  assign(
    IDS.cancelled,
    {
      title: '林芝职校教师跟岗研修',
      description: null,
      programId: 'tibet',
      partner: '林芝市职业技术学校',
      unitId: 'automotive',
      deadline: '2023-04-30T16:00:00.000Z',
    },
    '2023-03-15T02:00:00.000Z',
  ),
  {
    streamId: task(IDS.training),
    actor: MANAGEMENT_MANAGER,
    occurredAt: '2023-04-10T08:00:00.000Z',
    event: {
      type: 'ProgressReported',
      data: {
        taskId: IDS.training,
        progress: 40,
        note: '第一期 40 人结业',
        metrics: [{ key: 'trainees', value: 40 }],
        evidence: ['https://docs.example.edu.cn/duikou/2023/training-1.pdf'],
      },
    },
  },
  {
    streamId: task(IDS.training),
    actor: OFFICE,
    occurredAt: '2023-04-20T08:00:00.000Z',
    event: {
      type: 'TaskReassigned',
      data: {
        taskId: IDS.training,
        previousUnitId: 'management',
        unitId: 'automotive',
        previousAssignee: '李老师',
        assignee: '王老师',
        reason: '第二期在汽车技术学院实训基地举办',
      },
    },
  },
  {
    streamId: task(IDS.training),
    actor: AUTOMOTIVE_MANAGER,
    occurredAt: '2023-05-01T08:00:00.000Z',
    event: {
      type: 'TaskBlocked',
      data: { taskId: IDS.training, reason: '学员进藏航班取消', previousStatus: 'IN_PROGRESS' },
    },
  },
  {
    streamId: task(IDS.cancelled),
    actor: OFFICE,
    occurredAt: '2023-05-05T02:00:00.000Z',
    event: { type: 'TaskCancelled', data: { taskId: IDS.cancelled, reason: '并入管理干部培训' } },
  },
  {
    streamId: task(IDS.training),
    actor: AUTOMOTIVE_MANAGER,
    occurredAt: '2023-05-10T08:00:00.000Z',
    event: { type: 'TaskUnblocked', data: { taskId: IDS.training, note: '改期成行', status: 'IN_PROGRESS' } },
  },
  {
    // A type this code does not know (e.g. written by a newer version): audited, otherwise ignored.
    streamId: task(IDS.campus),
    actor: OFFICE,
    occurredAt: '2023-05-20T02:00:00.000Z',
    event: { type: 'SupervisionVisitScheduled', data: { taskId: IDS.campus, on: '2023-06-01' } },
  },
  {
    streamId: task(IDS.training),
    actor: AUTOMOTIVE_MANAGER,
    occurredAt: '2023-06-20T08:00:00.000Z',
    event: {
      type: 'TaskCompleted',
      data: {
        taskId: IDS.training,
        summary: '管理干部 92 人完成培训并结业',
        metrics: [{ key: 'trainees', value: 92 }],
        evidence: ['https://docs.example.edu.cn/duikou/2023/training-2.pdf'],
      },
    },
  },
  {
    streamId: task(IDS.training),
    actor: WORKER,
    occurredAt: '2023-06-21T00:00:00.000Z',
    event: {
      type: 'ReminderSent',
      data: {
        taskId: IDS.training,
        kind: 'DUE_SOON',
        deadline: '2023-06-30T16:00:00.000Z',
        sequence: 0,
        channel: 'email',
        recipient: 'qcxy@example.edu.cn',
      },
    },
  },
];

/** Appends the steps (all of them by default) in order; returns the last position. */
export async function appendScenario(
  store: EventStore,
  steps: readonly ScenarioStep[] = SCENARIO,
): Promise<bigint> {
  let position = 0n;
  for (const [index, step] of steps.entries()) {
    const result = await store.append(step.streamId, [{ type: step.event.type, data: step.event.data }], {
      expectedRevision: 'any',
      actor: step.actor,
      occurredAt: step.occurredAt,
      correlationId: `scenario-${index}`,
    });
    position = result.position;
  }
  return position;
}
