import { TestApp, type Api } from './support/harness.js';
import {
  ACKNOWLEDGE,
  ASSIGN,
  assignTraining,
  COMMENT,
  inDays,
  OFFICE,
  registerOrganisation,
  REPORT,
  TASK,
  trainingTask,
} from './support/fixtures.js';

interface Payload {
  position: string;
  task: { id: string; revision: number; progress: number; status: string };
}
interface History {
  task: { revision: number; history: { type: string; revision: number; data: { progress?: number } }[] };
}

describe('concurrent and repeated writes', () => {
  let app: TestApp;
  let office: Api;
  let manager: Api;
  let auditor: Api;

  const assign = (): Promise<string> => assignTraining(office);

  beforeAll(async () => {
    app = await TestApp.start();
    ({ office, manager, auditor } = await app.clients());
    await registerOrganisation(office);
  });

  afterAll(() => app?.stop());

  it('a stale expectedRevision gets CONFLICT with the actual revision, and writes nothing', async () => {
    const taskId = await assign();
    await manager.ok(ACKNOWLEDGE, { input: { taskId, expectedRevision: 0 } });
    const error = await manager.fails(REPORT, { input: { taskId, expectedRevision: 0, progress: 30 } });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', actualRevision: 1 });
    const { task } = await auditor.ok<History>(TASK, { id: taskId });
    expect(task.revision).toBe(1);
  });

  it('two progress reports sent at once without expectedRevision both land, one after the other', async () => {
    const taskId = await assign();
    const [a, b] = await Promise.all([
      manager.ok<{ reportProgress: Payload }>(REPORT, { input: { taskId, progress: 20 } }),
      manager.ok<{ reportProgress: Payload }>(REPORT, { input: { taskId, progress: 30 } }),
    ]);
    expect([a.reportProgress.task.revision, b.reportProgress.task.revision].sort()).toEqual([1, 2]);
    expect(BigInt(a.reportProgress.position)).not.toBe(BigInt(b.reportProgress.position));
    const { task } = await auditor.ok<History>(TASK, { id: taskId });
    expect(task.revision).toBe(2);
    expect(task.history.map((e) => e.type)).toEqual(['TaskAssigned', 'ProgressReported', 'ProgressReported']);
    expect(task.history.map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('a mutation repeated with the same idempotencyKey returns the first result and appends nothing', async () => {
    const taskId = await assign();
    const input = { taskId, progress: 50, note: '第二期培训', idempotencyKey: 'report-2023-06' };
    const first = await manager.ok<{ reportProgress: Payload }>(REPORT, { input });
    await manager.ok(COMMENT, { input: { taskId, text: '培训照片已上传' } });
    const again = await manager.ok<{ reportProgress: Payload }>(REPORT, { input });
    expect(again.reportProgress).toEqual(first.reportProgress);
    const { task } = await auditor.ok<History>(TASK, { id: taskId });
    expect(task.history.filter((e) => e.type === 'ProgressReported')).toHaveLength(1);
    expect(task.revision).toBe(2);
  });

  it('an assignment retried with the same idempotencyKey creates one task, even when the retries race', async () => {
    const input = { ...trainingTask(inDays(45)), idempotencyKey: 'assign-tibet-training' };
    const results = await Promise.all(
      [1, 2, 3].map(() => office.ok<{ assignTask: Payload }>(ASSIGN, { input })),
    );
    const ids = new Set(results.map((r) => r.assignTask.task.id));
    const positions = new Set(results.map((r) => r.assignTask.position));
    expect(ids.size).toBe(1);
    expect(positions.size).toBe(1);
    const { task } = await auditor.ok<History>(TASK, { id: [...ids][0] });
    expect(task.history).toHaveLength(1);
  });

  it('the same key used by another actor is a different request', async () => {
    const input = { ...trainingTask(inDays(45)), idempotencyKey: 'shared-key' };
    const mine = await office.ok<{ assignTask: Payload }>(ASSIGN, { input });
    const colleague = await app.client({ ...OFFICE, id: 'office-2' });
    const theirs = await colleague.ok<{ assignTask: Payload }>(ASSIGN, { input });
    expect(theirs.assignTask.task.id).not.toBe(mine.assignTask.task.id);
  });
});
