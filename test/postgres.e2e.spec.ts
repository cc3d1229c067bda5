import { dropSchemas, postgresReachable, TEST_DATABASE_URL, TestApp, type Api } from './support/harness.js';
import {
  assignTraining,
  COMPLETE,
  MANAGEMENT_MANAGER,
  OFFICE,
  registerOrganisation,
  REPORT,
  TASK,
} from './support/fixtures.js';

const DATABASE_URL = TEST_DATABASE_URL;
const SCHEMA = `api_e2e_${process.pid}_${Date.now()}`;

describe('EVENT_STORE=postgres READ_MODEL=postgres', () => {
  let app: TestApp | null = null;
  let office: Api;

  beforeAll(async () => {
    if (!(await postgresReachable(DATABASE_URL))) {
      console.log(`skipped: no PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`);
      return;
    }
    const env = { EVENT_STORE: 'postgres', READ_MODEL: 'postgres', DATABASE_URL, DATABASE_SCHEMA: SCHEMA };
    app = await TestApp.start({ env });
    office = await app.client(OFFICE);
  });

  afterAll(async () => {
    await app?.stop();
    if (app) await dropSchemas(DATABASE_URL, [SCHEMA]);
  });

  it('runs a task from assignment to completion, with history and verification', async () => {
    if (!app) return;
    await registerOrganisation(office);
    const manager = await app.client(MANAGEMENT_MANAGER);
    const taskId = await assignTraining(office);
    await manager.ok(REPORT, { input: { taskId, progress: 50, metrics: [{ key: 'trainees', value: 46 }] } });
    const { completeTask } = await manager.ok<{
      completeTask: { task: { status: string; revision: number } };
    }>(COMPLETE, {
      input: {
        taskId,
        expectedRevision: 1,
        summary: '培训 92 人',
        metrics: [{ key: 'trainees', value: 92 }],
      },
    });
    expect(completeTask.task).toMatchObject({ status: 'COMPLETED', revision: 2 });

    const { task } = await office.ok<{ task: { history: { type: string }[] } }>(TASK, { id: taskId });
    expect(task.history.map((e) => e.type)).toEqual(['TaskAssigned', 'ProgressReported', 'TaskCompleted']);
    const { verifyHistory } = await office.ok<{ verifyHistory: { ok: boolean; eventsChecked: number } }>(
      '{ verifyHistory { ok eventsChecked } }',
    );
    expect(verifyHistory).toEqual({ ok: true, eventsChecked: 6 });
  });
});
