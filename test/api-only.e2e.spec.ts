import { SqliteEventStore } from '#event-store';
import { openReadModel, Projector, type ReadModel } from '#projections';
import type { Client } from 'graphql-ws';
import { rmSync } from 'node:fs';
import { TestApp } from './support/harness.js';
import {
  ASSIGN,
  inDays,
  MANAGEMENT_MANAGER,
  OFFICE,
  registerOrganisation,
  REPORT,
  sleep,
  trainingTask,
} from './support/fixtures.js';

/** What `npm run start:worker` does for the read side: its own store connection and projector. */
async function startProjectorProcess(dataDir: string) {
  const store = SqliteEventStore.open(`${dataDir}/events.db`, { pollMs: 25 });
  const readModel: ReadModel = await openReadModel({ kind: 'sqlite', path: `${dataDir}/read-model.db` });
  const projector = new Projector(store, readModel);
  await projector.start();
  return {
    stop: async () => {
      await projector.stop();
      await readModel.close();
      await store.close();
    },
  };
}

describe('npm run start:api: GraphQL only, a worker process projects', () => {
  let app: TestApp;
  let worker: { stop(): Promise<void> };
  let subscriber: Client;

  beforeAll(async () => {
    app = await TestApp.start({ runsProjector: false });
    worker = await startProjectorProcess(app.dataDir);
  });

  afterAll(async () => {
    await subscriber?.dispose();
    await app?.stop({ keepData: true });
    await worker?.stop();
    rmSync(app.dataDir, { recursive: true, force: true });
  });

  it("mutations still answer with their own write, once the worker's projector has it", async () => {
    const office = await app.client(OFFICE);
    await registerOrganisation(office);
    const { units } = await office.ok<{ units: unknown[] }>('{ units { id } }');
    expect(units).toHaveLength(2);

    subscriber = await app.subscriber(MANAGEMENT_MANAGER);
    const received: string[] = [];
    const connected = new Promise<void>((resolve) => subscriber.on('connected', () => resolve()));
    subscriber.subscribe<{ taskChanged: { type: string } }>(
      { query: 'subscription { taskChanged(unitId: "management") { type } }' },
      {
        next: ({ data }) => data && received.push(data.taskChanged.type),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await connected;
    await sleep(150);

    const { assignTask } = await office.ok<{ assignTask: { task: { id: string; revision: number } } }>(
      ASSIGN,
      {
        input: trainingTask(inDays(30)),
      },
    );
    const manager = await app.client(MANAGEMENT_MANAGER);
    const { reportProgress } = await manager.ok<{
      reportProgress: { task: { progress: number; revision: number } };
    }>(REPORT, { input: { taskId: assignTask.task.id, progress: 25 } });
    expect(reportProgress.task).toMatchObject({ progress: 25, revision: 1 });
    const { tasks } = await office.ok<{ tasks: { totalCount: number } }>('{ tasks { totalCount } }');
    expect(tasks.totalCount).toBe(1);

    const until = Date.now() + 5000;
    while (received.length < 2 && Date.now() < until) await sleep(25);
    expect(received).toEqual(['TaskAssigned', 'ProgressReported']);
  });
});
