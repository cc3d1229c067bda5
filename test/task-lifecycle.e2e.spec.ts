import { taskStream } from '#domain';
import { TestApp, type Api } from './support/harness.js';
import {
  ACKNOWLEDGE,
  ASSIGN,
  AUDITOR,
  COMPLETE,
  inDays,
  registerOrganisation,
  REPORT,
  sleep,
  TASK,
  trainingTask,
} from './support/fixtures.js';

interface TaskData {
  id: string;
  status: string;
  progress: number;
  revision: number;
  updatedAt: string;
  completedAt: string | null;
  acknowledgedAt: string | null;
  overdue: boolean;
  wasOverdue: boolean;
  health: string;
  metrics: { key: string; value: number }[];
  targets: { key: string; label: string; target: number; unit: string | null }[];
  program: { id: string; name: string };
  unit: { id: string; name: string };
  history: { position: string; revision: number; type: string; actor: { id: string; role: string } }[];
}
interface Payload {
  position: string;
  task: TaskData;
}

describe('a task through its year (援藏: train 92 managers for 林芝市职业技术学校)', () => {
  let app: TestApp;
  let office: Api;
  let manager: Api;
  let auditor: Api;
  let taskId: string;
  let asOfInProgress: string;

  beforeAll(async () => {
    app = await TestApp.start();
    ({ office, manager, auditor } = await app.clients());
    await registerOrganisation(office);
  });

  afterAll(() => app?.stop());

  it('the office sees the units and the programme it registered', async () => {
    const data = await auditor.ok<{
      units: { id: string; name: string }[];
      programs: { id: string; region: string }[];
    }>('{ units { id name contacts } programs { id name region } }');
    expect(data.units.map((u) => [u.id, u.name])).toEqual([
      ['automotive', '汽车技术学院'],
      ['management', '管理学院'],
    ]);
    expect(data.programs).toEqual([{ id: 'tibet', name: '援藏', region: '西藏林芝' }]);
  });

  it('the office assigns the task to 管理学院 with a target of 92 trainees', async () => {
    const { assignTask } = await office.ok<{ assignTask: Payload }>(ASSIGN, {
      input: trainingTask(inDays(60)),
    });
    taskId = assignTask.task.id;
    expect(taskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(assignTask.task).toMatchObject({
      status: 'ASSIGNED',
      progress: 0,
      revision: 0,
      overdue: false,
      wasOverdue: false,
      health: 'GREEN',
      acknowledgedAt: null,
      program: { id: 'tibet', name: '援藏' },
      unit: { id: 'management', name: '管理学院' },
      targets: [{ key: 'trainees', label: '培训人数', target: 92, unit: '人' }],
    });
    expect(BigInt(assignTask.position)).toBeGreaterThan(0n);
  });

  it('the unit manager signs for it (签收)', async () => {
    const { acknowledgeTask } = await manager.ok<{ acknowledgeTask: Payload }>(ACKNOWLEDGE, {
      input: { taskId, expectedRevision: 0, note: '已签收' },
    });
    expect(acknowledgeTask.task.acknowledgedAt).not.toBeNull();
    expect(acknowledgeTask.task.revision).toBe(1);
  });

  it('the unit manager reports progress with a metric and evidence', async () => {
    const { reportProgress } = await manager.ok<{ reportProgress: Payload }>(REPORT, {
      input: {
        taskId,
        expectedRevision: 1,
        progress: 40,
        note: '第一期培训完成',
        metrics: [{ key: 'trainees', value: 40 }],
        evidence: ['https://docs.example.edu.cn/training-2023-1.pdf'],
      },
    });
    expect(reportProgress.task).toMatchObject({ status: 'IN_PROGRESS', progress: 40, revision: 2 });
    expect(reportProgress.task.metrics).toEqual([{ key: 'trainees', value: 40 }]);
    asOfInProgress = reportProgress.task.updatedAt;
  });

  it('the unit manager completes it', async () => {
    await sleep(10);
    const { completeTask } = await manager.ok<{ completeTask: Payload }>(COMPLETE, {
      input: {
        taskId,
        expectedRevision: 2,
        summary: '完成 92 名管理干部培训',
        metrics: [{ key: 'trainees', value: 92 }],
        evidence: ['https://docs.example.edu.cn/training-2023-final.pdf'],
      },
    });
    expect(completeTask.task).toMatchObject({
      status: 'COMPLETED',
      progress: 100,
      revision: 3,
      health: 'GREEN',
    });
    expect(completeTask.task.completedAt).not.toBeNull();
    expect(completeTask.task.metrics).toEqual([{ key: 'trainees', value: 92 }]);
  });

  it('the task now is COMPLETED, with its whole history', async () => {
    const { task } = await auditor.ok<{ task: TaskData }>(TASK, { id: taskId });
    expect(task.status).toBe('COMPLETED');
    expect(task.history.map((e) => e.type)).toEqual([
      'TaskAssigned',
      'TaskAcknowledged',
      'ProgressReported',
      'TaskCompleted',
    ]);
    expect(task.history.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(task.history[0].actor).toMatchObject({ id: 'office-1', role: 'OFFICE' });
    expect(task.history[2].actor).toMatchObject({ id: 'mgr-management', role: 'UNIT_MANAGER' });
  });

  it('asked asOf a moment before completion, the task is IN_PROGRESS with the history up to then', async () => {
    const { task } = await auditor.ok<{ task: TaskData }>(TASK, { id: taskId, asOf: asOfInProgress });
    expect(task).toMatchObject({ status: 'IN_PROGRESS', progress: 40, revision: 2, completedAt: null });
    expect(task.history.map((e) => e.type)).toEqual(['TaskAssigned', 'TaskAcknowledged', 'ProgressReported']);
  });

  it('asked asOf before it was assigned, the task did not exist', async () => {
    const { task } = await auditor.ok<{ task: TaskData | null }>(TASK, {
      id: taskId,
      asOf: '2023-01-01T00:00:00+08:00',
    });
    expect(task).toBeNull();
  });

  it('the board counts the task in its square, now and as of before completion', async () => {
    const query = `query($asOf: DateTime) { board(asOf: $asOf) { asOf units { id } programs { id }
      cells { unit { id name } program { id } total assigned inProgress blocked completed cancelled overdue } } }`;
    type Board = {
      board: { cells: { unit: { id: string }; total: number; inProgress: number; completed: number }[] };
    };
    const now = await auditor.ok<Board>(query);
    expect(now.board.cells).toEqual([
      expect.objectContaining({
        unit: { id: 'management', name: '管理学院' },
        total: 1,
        completed: 1,
        inProgress: 0,
      }),
    ]);
    const before = await auditor.ok<Board>(query, { asOf: asOfInProgress });
    expect(before.board.cells).toEqual([expect.objectContaining({ total: 1, completed: 0, inProgress: 1 })]);
  });

  it('the audit log filters by stream and pages by cursor', async () => {
    const query = `query($filter: AuditFilter, $first: Int, $after: String) {
      auditLog(filter: $filter, first: $first, after: $after) {
        edges { cursor node { position streamId revision type actor { id } hash previousHash } }
        pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      auditLog: {
        edges: {
          cursor: string;
          node: { revision: number; type: string; hash: string; previousHash: string | null };
        }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const filter = { streamId: taskStream(taskId) };
    const first = await auditor.ok<Page>(query, { filter, first: 3 });
    expect(first.auditLog.edges.map((e) => e.node.revision)).toEqual([0, 1, 2]);
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    expect(first.auditLog.edges[1].node.previousHash).toBe(first.auditLog.edges[0].node.hash);
    const second = await auditor.ok<Page>(query, {
      filter,
      first: 3,
      after: first.auditLog.pageInfo.endCursor,
    });
    expect(second.auditLog.edges.map((e) => e.node.type)).toEqual(['TaskCompleted']);
    expect(second.auditLog.pageInfo.hasNextPage).toBe(false);

    const byManager = await auditor.ok<Page>(query, { filter: { actorId: 'mgr-management' } });
    expect(byManager.auditLog.edges.map((e) => e.node.type)).toEqual([
      'TaskAcknowledged',
      'ProgressReported',
      'TaskCompleted',
    ]);
    const byType = await auditor.ok<Page>(query, {
      filter: { types: ['UnitRegistered', 'ProgramRegistered'] },
    });
    expect(byType.auditLog.edges).toHaveLength(3);
    const future = await auditor.ok<Page>(query, { filter: { from: inDays(1) } });
    expect(future.auditLog.edges).toHaveLength(0);
  });

  it('tasks lists with filters, a total count and cursors', async () => {
    const second = await office.ok<{ assignTask: Payload }>(ASSIGN, {
      input: { ...trainingTask(inDays(90)), title: '捐赠智慧校园系统', unitId: 'automotive', targets: [] },
    });
    const query = `query($filter: TaskFilter, $first: Int, $after: String) { tasks(filter: $filter, first: $first, after: $after) {
      totalCount edges { cursor node { id title status } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      tasks: {
        totalCount: number;
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const all = await auditor.ok<Page>(query, { first: 1 });
    expect(all.tasks.totalCount).toBe(2);
    expect(all.tasks.edges.map((e) => e.node.id)).toEqual([taskId]);
    expect(all.tasks.pageInfo.hasNextPage).toBe(true);
    const next = await auditor.ok<Page>(query, { first: 1, after: all.tasks.pageInfo.endCursor });
    expect(next.tasks.edges.map((e) => e.node.id)).toEqual([second.assignTask.task.id]);
    expect(next.tasks.pageInfo.hasNextPage).toBe(false);

    const completed = await auditor.ok<Page>(query, { filter: { status: ['COMPLETED'] } });
    expect(completed.tasks.edges.map((e) => e.node.id)).toEqual([taskId]);
    const automotive = await auditor.ok<Page>(query, {
      filter: { unitId: 'automotive', search: '智慧校园' },
    });
    expect(automotive.tasks.totalCount).toBe(1);
  });

  it('verifyHistory recomputes every chain from the event store', async () => {
    const { verifyHistory } = await auditor.ok<{ verifyHistory: Record<string, unknown> }>(
      '{ verifyHistory { ok streamsChecked eventsChecked brokenStreamId brokenRevision } }',
    );
    // 2 units, 1 programme, 2 tasks; 3 + 4 + 1 events.
    expect(verifyHistory).toEqual({
      ok: true,
      streamsChecked: 5,
      eventsChecked: 8,
      brokenStreamId: null,
      brokenRevision: null,
    });
    const one = await auditor.ok<{ verifyHistory: Record<string, unknown> }>(
      'query($s: String) { verifyHistory(streamId: $s) { ok streamsChecked eventsChecked } }',
      { s: taskStream(taskId) },
    );
    expect(one.verifyHistory).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 4 });
  });

  it('everything survives a restart on the same DATA_DIR', async () => {
    const before = await auditor.ok<{ task: TaskData }>(TASK, { id: taskId });
    const dataDir = app.dataDir;
    await app.stop({ keepData: true });
    app = await TestApp.start({ dataDir });
    const reader = await app.client(AUDITOR);
    const after = await reader.ok<{ task: TaskData }>(TASK, { id: taskId });
    expect(after).toEqual(before);
    const { units } = await reader.ok<{ units: unknown[] }>('{ units { id } }');
    expect(units).toHaveLength(2);
  });
});
