import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEventSchemas, EVENT_SCHEMAS, taskStream, type Actor } from '#domain';
import { SqliteEventStore, type EventStore } from '#event-store';
import { sql } from 'kysely';
import { Projector } from '../projector/projector.js';
import type { ReadModelConfig } from '../read-model/connection.js';
import { openReadModel, type ReadModel } from '../read-model/read-model.js';
import { bulkSteps } from '../testing/bulk-steps.js';
import { dumpReadModel } from '../testing/dump.js';
import { failingReads } from '../testing/failing-reads.js';
import { postgresTarget } from '../testing/postgres-target.js';
import type { ReadModelTarget } from '../testing/read-model.suite.js';
import { appendScenario, IDS, NOW, SCENARIO } from '../testing/scenario-2023.js';
import { replayReadModel, type ReplayProgress } from './replay-read-model.js';
import { ReplayBusyError } from './shadow.js';
import { historyOf } from '../testing/queries.js';

const quiet = {
  info: () => undefined,
  error: (d: object, m: string) => console.error(m, d),
};

function sqliteTarget(dir: () => string): ReadModelTarget {
  let n = 0;
  return {
    label: 'SQLite',
    fresh: async () => ({ kind: 'sqlite', path: join(dir(), `read-model-${++n}.db`) }),
    cleanup: async () => undefined,
  };
}

describe.each<[string, (dir: () => string) => ReadModelTarget]>([
  ['SQLite', sqliteTarget],
  ['PostgreSQL', () => postgresTarget('replay')],
])('npm run replay on %s', (_label, makeTarget) => {
  jest.setTimeout(120_000);
  let dir: string;
  let target: ReadModelTarget;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-replay-'));
    target = makeTarget(() => dir);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  let stores = 0;
  const openStore = (options: Parameters<typeof SqliteEventStore.open>[1] = {}): EventStore => {
    const store = SqliteEventStore.open(join(dir, `events-${++stores}.db`), options);
    closers.push(() => store.close());
    return store;
  };
  const open = async (config: ReadModelConfig): Promise<ReadModel> => {
    const readModel = await openReadModel(config);
    closers.push(() => readModel.close());
    return readModel;
  };
  /** What incremental projection gives: every event applied on its own, in order. */
  const incrementally = async (store: EventStore, config: ReadModelConfig) => {
    const readModel = await open(config);
    for (const event of await store.readAll({ limit: 100_000 })) await readModel.applyEvents([event]);
    return readModel;
  };

  it('rebuilds into fresh tables the same read model incremental projection gives', async () => {
    const store = openStore();
    await appendScenario(store, [...SCENARIO, ...bulkSteps(120)]);
    const config = await target.fresh();
    const live = await incrementally(store, config);
    const incremental = await dumpReadModel(live);

    const progress: ReplayProgress[] = [];
    const result = await replayReadModel(store, config, {
      batchSize: 97,
      progressEvery: 100,
      onProgress: (p) => progress.push(p),
      logger: quiet,
    });

    const head = await store.headPosition();
    expect(result).toMatchObject({ events: Number(head), position: head });
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ events: Number(head), position: head, head });
    expect(await dumpReadModel(live)).toEqual(incremental);
    // Nothing of the fresh tables is left behind.
    if (config.kind === 'sqlite') expect(existsSync(`${config.path}.replay`)).toBe(false);
  });

  it('keeps answering queries from the old tables until the switch', async () => {
    const store = openStore();
    await appendScenario(store, SCENARIO);
    const config = await target.fresh();
    await incrementally(store, config);
    // A second connection, as the API has: it sees whatever the live tables hold.
    const api = await open(config);
    // A mark the replay will not reproduce: the live tables are the ones answering until the switch.
    await api.db.updateTable('tasks').set({ title: '旧表' }).where('id', '=', IDS.training).execute();
    const before = await api.board(NOW);

    const looks: Promise<{ title: string; boardSame: boolean; checkpoint: bigint }>[] = [];
    const look = async () => ({
      title: (await api.getTask(IDS.training))?.title ?? 'missing',
      boardSame: JSON.stringify(await api.board(NOW)) === JSON.stringify(before),
      checkpoint: await api.checkpoint(),
    });
    await replayReadModel(store, config, {
      batchSize: 5,
      progressEvery: 10,
      onProgress: () => void looks.push(look()),
      beforeSwitch: async () => {
        await Promise.all(looks);
        looks.push(look());
        await Promise.all(looks);
      },
      logger: quiet,
    });
    const seen = await Promise.all(looks);
    const head = await store.headPosition();
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((s) => s.title === '旧表' && s.boardSame && s.checkpoint === head)).toBe(true);
    expect((await api.getTask(IDS.training))?.title).toBe('培训林芝市职业技术学校管理干部');
    expect(await api.board(NOW)).toEqual(before);
  });

  it('a projector that keeps running, with appends during the replay, ends where a full replay ends', async () => {
    const store = openStore();
    await appendScenario(store, [...SCENARIO, ...bulkSteps(40)]);
    const config = await target.fresh();
    const readModel = await open(config);
    const live = new Projector(store, readModel, { batchSize: 7, pollIntervalMs: 10, logger: quiet });
    closers.push(() => live.stop());
    await live.start();

    let appending: Promise<bigint> | null = null;
    await replayReadModel(store, config, {
      batchSize: 11,
      progressEvery: 20,
      onProgress: () => {
        appending ??= appendScenario(store, bulkSteps(30, '2023-09'));
      },
      beforeSwitch: () => appendScenario(store, bulkSteps(5, '2023-10')).then(() => undefined),
      logger: quiet,
    });
    await appending;
    await appendScenario(store, bulkSteps(3, '2023-11'));
    expect(await live.waitForPosition(await store.headPosition(), 20_000)).toBe(true);

    const reference = await incrementally(store, await target.fresh());
    expect(await dumpReadModel(readModel)).toEqual(await dumpReadModel(reference));
  });

  it('replays history stored in an older event shape through the upcaster', async () => {
    const schemas = defineEventSchemas({
      ...EVENT_SCHEMAS,
      TaskAcknowledged: {
        version: 2,
        // v1 stored the unit's note as `remark`.
        upcasters: {
          1: (data) => ({
            taskId: (data as { taskId: string }).taskId,
            note: (data as { remark: string }).remark,
          }),
        },
      },
    });
    const path = join(dir, `events-${++stores}.db`);
    const old = SqliteEventStore.open(path);
    const [assign] = SCENARIO.filter((s) => s.streamId === taskStream(IDS.training));
    await appendScenario(old, [assign]);
    const manager: Actor = { id: 'mgr-li', role: 'unit_manager', unitId: 'management' };
    await old.append(
      taskStream(IDS.training),
      [{ type: 'TaskAcknowledged', data: { taskId: IDS.training, remark: '已签收' } }],
      { expectedRevision: 0, actor: manager, occurredAt: '2023-03-02T00:00:00.000Z', correlationId: 'c' },
    );
    await old.close();
    const store = SqliteEventStore.open(path, { eventSchemas: schemas });
    closers.push(() => store.close());

    const config = await target.fresh();
    const live = await open(config);
    await replayReadModel(store, config, { logger: quiet });
    const task = await live.getTask(IDS.training);
    expect(task?.state).toMatchObject({ acknowledgedAt: '2023-03-02T00:00:00.000Z', revision: 1 });
    // The audit log keeps the event as it was stored: its hash covers that form.
    const [, acknowledged] = await historyOf(live, taskStream(IDS.training));
    expect(acknowledged.data).toEqual({ taskId: IDS.training, remark: '已签收' });
    expect(acknowledged.metadata.schemaVersion).toBe(1);
  });

  it('a replay that fails half-way leaves the old read model serving, and nothing of the fresh tables', async () => {
    const store = openStore();
    await appendScenario(store, [...SCENARIO, ...bulkSteps(30)]);
    const config = await target.fresh();
    const live = await incrementally(store, config);
    const before = await dumpReadModel(live);
    const failing = failingReads(store, (call) => call === 4);
    await expect(replayReadModel(failing, config, { batchSize: 10, logger: quiet })).rejects.toThrow(
      'disk I/O error',
    );
    expect(await dumpReadModel(live)).toEqual(before);
    if (config.kind === 'sqlite') {
      expect(existsSync(`${config.path}.replay`)).toBe(false);
    } else {
      const shadows = [`${config.schema}_replay`, `${config.schema}_retired`];
      const { rows: schemas } = await sql`
        select nspname from pg_namespace where nspname in (${sql.join(shadows)})`.execute(live.db);
      expect(schemas).toEqual([]);
    }
    // The next replay goes through.
    await replayReadModel(store, config, { logger: quiet });
    expect(await dumpReadModel(live)).toEqual(before);
  });

  it('runs one replay of a read model at a time', async () => {
    const store = openStore();
    await appendScenario(store, SCENARIO);
    const config = await target.fresh();
    let second: Promise<unknown> | null = null;
    await replayReadModel(store, config, {
      batchSize: 3,
      logger: quiet,
      beforeSwitch: async () => {
        second = replayReadModel(store, config, { logger: quiet }).catch((error: unknown) => error);
        await second;
      },
    });
    expect(await second).toBeInstanceOf(ReplayBusyError);
  });
});
