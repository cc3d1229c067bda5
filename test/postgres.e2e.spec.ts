import pg from 'pg';
import type { Api } from './support/harness.js';
import { TestApp } from './support/harness.js';
import {
  ASSIGN,
  COMPLETE,
  inDays,
  MANAGEMENT_MANAGER,
  OFFICE,
  REGISTER_PROGRAM,
  REGISTER_UNIT,
  REPORT,
  TASK,
  TIBET,
  trainingTask,
  UNITS,
} from './support/fixtures.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `api_e2e_${process.pid}_${Date.now()}`;

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('EVENT_STORE=postgres READ_MODEL=postgres', () => {
  let app: TestApp | null = null;
  let office: Api;

  beforeAll(async () => {
    if (!(await reachable())) {
      console.log(`skipped: no PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`);
      return;
    }
    const env = { EVENT_STORE: 'postgres', READ_MODEL: 'postgres', DATABASE_URL, DATABASE_SCHEMA: SCHEMA };
    app = await TestApp.start({ env });
    office = await app.client(OFFICE);
  });

  afterAll(async () => {
    await app?.stop();
    if (app) {
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      await admin.end();
    }
  });

  it('runs a task from assignment to completion, with history and verification', async () => {
    if (!app) return;
    for (const unit of UNITS) await office.ok(REGISTER_UNIT, { input: unit });
    await office.ok(REGISTER_PROGRAM, { input: TIBET });
    const manager = await app.client(MANAGEMENT_MANAGER);
    const { assignTask } = await office.ok<{ assignTask: { task: { id: string } } }>(ASSIGN, {
      input: trainingTask(inDays(30)),
    });
    const taskId = assignTask.task.id;
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
