import { PostgresEventStore } from '#event-store';
import { openReadModel, Projector } from '#projections';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnWorker, type Child } from './support/processes.js';
import { uniquePrefix, waitUntil } from '../libs/reminders/testing/wait.js';
import { dumpReadModel } from '../libs/projections/src/testing/dump.js';
import {
  ACKNOWLEDGE,
  ASSIGN,
  AUTOMOTIVE_MANAGER,
  COMMENT,
  inDays,
  MANAGEMENT_MANAGER,
  OFFICE,
  REASSIGN,
  REGISTER_PROGRAM,
  REGISTER_UNIT,
  REPORT,
  sleep,
  TIBET,
  trainingTask,
  UNITS,
} from './support/fixtures.js';
import { dropSchema, TEST_DATABASE_URL, TestApp, type Api, type Caller } from './support/harness.js';

jest.setTimeout(180_000);

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SCHEMA = `e2e_split_${process.pid}_${Date.now().toString(36)}`;
const STORAGE = {
  EVENT_STORE: 'postgres',
  READ_MODEL: 'postgres',
  DATABASE_URL: TEST_DATABASE_URL,
  DATABASE_SCHEMA: SCHEMA,
};

interface Changed {
  taskChanged: { type: string; streamId: string; revision: number; position: string };
}

/** What one graphql-ws subscriber of taskChanged received. */
class Inbox {
  readonly events: Changed['taskChanged'][] = [];
  readonly errors: unknown[] = [];

  static async open(
    app: TestApp,
    caller: Caller,
    unitId: string | null,
  ): Promise<{ inbox: Inbox; client: Client }> {
    const client = await app.subscriber(caller);
    const inbox = new Inbox();
    const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
    client.subscribe<Changed>(
      {
        query: 'subscription($u: ID) { taskChanged(unitId: $u) { type streamId revision position } }',
        variables: { u: unitId },
      },
      {
        next: ({ data }) => data && inbox.events.push(data.taskChanged),
        error: (error) => inbox.errors.push(error),
        complete: () => undefined,
      },
    );
    await connected;
    return { inbox, client };
  }
}

/**
 * The server deployment: two `npm run start:api` instances
 * (GraphQL only) and two `npm run start:worker` processes (the projectors), one PostgreSQL.
 */
describe('two API instances and two worker processes on one PostgreSQL', () => {
  const dirs: string[] = [];
  let apis: TestApp[] = [];
  let workers: Child[] = [];
  const clients: Client[] = [];
  const prefix = uniquePrefix('split');

  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'chessboard-split-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    apis = [
      await TestApp.start({ dataDir: dataDir(), runsProjector: false, env: STORAGE }),
      await TestApp.start({ dataDir: dataDir(), runsProjector: false, env: STORAGE }),
    ];
    const env = {
      ...STORAGE,
      DATA_DIR: dataDir(),
      REDIS_URL,
      REMINDER_QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
    };
    workers = [spawnWorker(env), spawnWorker(env)];
    await Promise.all(workers.map((worker) => worker.waitForOutput('worker started', 90_000)));
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
      for (const worker of workers) console.log(worker.output.join('').slice(-4000));
    }
    for (const app of apis) await app.stop({ keepData: true });
    if (apis[0]) await dropSchema(apis[0].config);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('a mutation on either instance answers with its own write, and the other instance reads it at once', async () => {
    const [a, b] = apis;
    const [officeA, officeB] = [await a.client(OFFICE), await b.client(OFFICE)];
    await officeA.ok(REGISTER_UNIT, { input: UNITS[0] });
    expect((await officeB.ok<{ units: unknown[] }>('{ units { id } }')).units).toHaveLength(1);
    await officeB.ok(REGISTER_UNIT, { input: UNITS[1] });
    await officeB.ok(REGISTER_PROGRAM, { input: TIBET });
    expect((await officeA.ok<{ units: unknown[] }>('{ units { id } }')).units).toHaveLength(2);
    expect((await officeA.ok<{ programs: unknown[] }>('{ programs { id } }')).programs).toHaveLength(1);

    const { assignTask } = await officeB.ok<{ assignTask: { task: { id: string; revision: number } } }>(
      ASSIGN,
      {
        input: trainingTask(inDays(30)),
      },
    );
    expect(assignTask.task.revision).toBe(0);
    const managerA = await a.client(MANAGEMENT_MANAGER);
    const { reportProgress } = await managerA.ok<{
      reportProgress: { task: { progress: number; revision: number } };
    }>(REPORT, { input: { taskId: assignTask.task.id, progress: 25 } });
    expect(reportProgress.task).toMatchObject({ progress: 25, revision: 1 });
    const seenOnB = await officeB.ok<{ task: { progress: number; revision: number } }>(
      'query($id: ID!) { task(id: $id) { progress revision } }',
      { id: assignTask.task.id },
    );
    expect(seenOnB.task).toEqual({ progress: 25, revision: 1 });
  });

  it('a taskChanged subscriber on either instance receives every change, whichever instance wrote it', async () => {
    const [a, b] = apis;
    const onA = await Inbox.open(a, OFFICE, null);
    const onB = await Inbox.open(b, MANAGEMENT_MANAGER, 'management');
    clients.push(onA.client, onB.client);
    await sleep(300);

    const writers = [await a.client(OFFICE), await b.client(OFFICE)];
    const managers = [await b.client(MANAGEMENT_MANAGER), await a.client(MANAGEMENT_MANAGER)];
    const written: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { assignTask } = await writers[i % 2].ok<{ assignTask: { task: { id: string } } }>(ASSIGN, {
        input: trainingTask(inDays(30 + i)),
      });
      const taskId = assignTask.task.id;
      await managers[i % 2].ok(ACKNOWLEDGE, { input: { taskId } });
      await managers[(i + 1) % 2].ok(REPORT, { input: { taskId, progress: 10 * (i + 1) } });
      await writers[(i + 1) % 2].ok(COMMENT, { input: { taskId, text: `第 ${i + 1} 次督办` } });
      written.push(`${taskId}:TaskAssigned`, `${taskId}:TaskAcknowledged`, `${taskId}:ProgressReported`);
      written.push(`${taskId}:CommentAdded`);
    }
    // A task leaving the unit still reaches the unit's subscriber (its last change there).
    const { assignTask: moving } = await writers[1].ok<{ assignTask: { task: { id: string } } }>(ASSIGN, {
      input: trainingTask(inDays(60)),
    });
    await writers[0].ok(REASSIGN, {
      input: { taskId: moving.task.id, unitId: 'automotive', reason: '调整分工' },
    });
    written.push(`${moving.task.id}:TaskAssigned`, `${moving.task.id}:TaskReassigned`);
    const automotive = await b.client(AUTOMOTIVE_MANAGER);
    await automotive.ok(ACKNOWLEDGE, { input: { taskId: moving.task.id } });
    written.push(`${moving.task.id}:TaskAcknowledged`);

    const received = (inbox: Inbox) =>
      inbox.events.map((e) => `${e.streamId.slice('task-'.length)}:${e.type}`);
    await waitUntil('every change on A', () => onA.inbox.events.length >= written.length, 20_000);
    await waitUntil(
      'every management change on B',
      () => onB.inbox.events.length >= written.length - 1,
      20_000,
    );
    await sleep(300); // nothing more arrives

    expect(received(onA.inbox)).toEqual(written);
    expect(received(onB.inbox)).toEqual(written.slice(0, -1)); // not the acknowledgement at automotive
    for (const inbox of [onA.inbox, onB.inbox]) {
      expect(inbox.errors).toEqual([]);
      const positions = inbox.events.map((e) => BigInt(e.position));
      expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    }
  });

  it('many writers through both instances while both workers project: every event applied exactly once', async () => {
    const callers: Api[] = [];
    for (const app of apis) for (let i = 0; i < 8; i++) callers.push(await app.client(OFFICE));
    await Promise.all(
      callers.map(async (office, w) => {
        for (let i = 0; i < 4; i++) {
          await office.ok(ASSIGN, {
            input: { ...trainingTask(inDays(20 + i)), title: `并发任务 ${w}-${i}` },
          });
        }
      }),
    );

    const store = await PostgresEventStore.connect(TEST_DATABASE_URL, { schema: SCHEMA });
    const live = await openReadModel({
      kind: 'postgres',
      connectionString: TEST_DATABASE_URL,
      schema: SCHEMA,
    });
    const replaySchema = `${SCHEMA}_replay`;
    const replay = await openReadModel({
      kind: 'postgres',
      connectionString: TEST_DATABASE_URL,
      schema: replaySchema,
    });
    try {
      const head = await store.headPosition();
      await waitUntil('the workers to reach the head', async () => (await live.checkpoint()) >= head, 30_000);
      const quiet = { info: () => undefined, error: () => undefined };
      expect(await new Projector(store, replay, { logger: quiet }).catchUp()).toBe(Number(head));
      expect(await dumpReadModel(live)).toEqual(await dumpReadModel(replay));
      const audited = await live.db.selectFrom('audit_log').select('event_id').execute();
      expect(new Set(audited.map((row) => row.event_id)).size).toBe(Number(head));
      expect(audited).toHaveLength(Number(head));
    } finally {
      await Promise.all([store.close(), live.close(), replay.close()]);
      await dropSchema({
        eventStore: { kind: 'postgres', connectionString: TEST_DATABASE_URL, schema: replaySchema },
        readModel: { kind: 'sqlite', path: '' },
      });
    }
  });
});

describe('npm run start:worker with a wrong storage variable', () => {
  // Every variable's message is specified in apps/api/src/config/*.unit.spec.ts; this is the real process.
  it('exits 1 with one line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chessboard-bad-'));
    const worker = spawnWorker({ EVENT_STORE: 'postgres', REDIS_URL, DATA_DIR: dir });
    const code = await worker.exited;
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(worker.output.join('').trim().split('\n')).toEqual([
      'chessboard-worker: invalid configuration: DATABASE_URL: is required when EVENT_STORE=postgres',
    ]);
  });
});
