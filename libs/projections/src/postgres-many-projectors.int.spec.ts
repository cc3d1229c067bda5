import { taskStream, type Actor } from '#domain';
import { PostgresEventStore, type NewEvent } from '#event-store';
import { Projector } from './projector/projector.js';
import { openReadModel } from './read-model/read-model.js';
import { dumpReadModel } from './testing/dump.js';
import { postgresTarget, TEST_DATABASE_URL } from './testing/postgres-target.js';

const OFFICE: Actor = { id: 'office-zhang', name: '对口支援办 张主任', role: 'office' };
const quiet = { info: () => undefined, error: () => undefined };

/** One task's whole life in one append: assigned, `reports` progress reports, completed. */
function taskLife(n: number, reports: number): NewEvent[] {
  const taskId = `5e1f0c55-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const assigned: NewEvent = {
    type: 'TaskAssigned',
    data: {
      taskId,
      title: `结对帮扶任务 ${n}`,
      description: null,
      programId: 'tibet',
      partner: null,
      unitId: n % 2 === 0 ? 'management' : 'automotive',
      assignee: null,
      deadline: '2026-12-31T16:00:00.000Z',
      targets: [],
    },
  };
  const progress = Array.from({ length: reports }, (_, i): NewEvent => ({
    type: 'ProgressReported',
    data: { taskId, progress: Math.min(99, i + 1), note: `第 ${i + 1} 次`, metrics: [], evidence: [] },
  }));
  const completed: NewEvent = {
    type: 'TaskCompleted',
    data: { taskId, summary: '完成', metrics: [], evidence: [] },
  };
  return [assigned, ...progress, completed];
}

const idOf = (events: NewEvent[]) => (events[0].data as { taskId: string }).taskId;

/**
 * Server deployments run several workers, each with a projector, against one PostgreSQL
 * event store and read model. These run what they do at
 * volume and under concurrent writers.
 */
describe('projectors on PostgreSQL (event store and read model)', () => {
  jest.setTimeout(120_000);
  const target = postgresTarget('many');
  const closing: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });
  afterAll(() => target.cleanup());

  /** A process's own connections: an event store and a read model on the shared schemas. */
  async function connect(storeSchema: string, readModelSchema: string) {
    const store = await openStore(storeSchema);
    const readModel = await openReadModel({
      kind: 'postgres',
      connectionString: TEST_DATABASE_URL,
      schema: readModelSchema,
      maxConnections: 4,
    });
    closing.push(() => readModel.close());
    return { store, readModel };
  }

  async function openStore(schema: string) {
    const store = await PostgresEventStore.connect(TEST_DATABASE_URL, {
      schema,
      maxConnections: 4,
      pollMs: 50,
    });
    closing.push(() => store.close());
    return store;
  }

  async function schemaPair() {
    const [store, readModel] = [await target.fresh(), await target.fresh()];
    if (store.kind !== 'postgres' || readModel.kind !== 'postgres') throw new Error('expected PostgreSQL');
    return { storeSchema: store.schema!, readModelSchema: readModel.schema! };
  }

  /** The reference: every event applied once, by one projector, into a fresh schema. */
  async function replay(storeSchema: string): Promise<Awaited<ReturnType<typeof dumpReadModel>>> {
    const { readModelSchema } = await schemaPair();
    const { store, readModel } = await connect(storeSchema, readModelSchema);
    await new Projector(store, readModel, { logger: quiet, batchSize: 1000 }).catchUp();
    return dumpReadModel(readModel);
  }

  it('two projectors running at once over 10,000 events apply each exactly once, equal to a replay', async () => {
    const { storeSchema, readModelSchema } = await schemaPair();
    const writer = await connect(storeSchema, readModelSchema);
    const lives = Array.from({ length: 250 }, (_, n) => taskLife(n, 38)); // 40 events each
    const append = (events: NewEvent[]) =>
      writer.store.append(taskStream(idOf(events)), events, {
        expectedRevision: -1,
        actor: OFFICE,
        occurredAt: '2026-03-01T08:00:00.000Z',
        correlationId: `bulk-${idOf(events)}`,
      });
    // Half the log is there before the projectors start, half arrives while they run.
    for (const events of lives.slice(0, 125)) await append(events);

    const processes = [
      await connect(storeSchema, readModelSchema),
      await connect(storeSchema, readModelSchema),
    ];
    const applied = [new Set<bigint>(), new Set<bigint>()];
    const projectors = processes.map(({ store, readModel }, i) => {
      const projector = new Projector(store, readModel, { logger: quiet, batchSize: i === 0 ? 200 : 333 });
      projector.onApplied(({ event }) => applied[i].add(event.position));
      closing.push(() => projector.stop());
      return projector;
    });
    await Promise.all([
      ...projectors.map((p) => p.start()),
      (async () => {
        for (const events of lives.slice(125)) await append(events);
      })(),
    ]);

    const head = await writer.store.headPosition();
    expect(head).toBe(10_000n);
    for (const projector of projectors) expect(await projector.waitForPosition(head, 60_000)).toBe(true);
    expect(applied[0].size + applied[1].size).toBe(10_000);
    expect([...applied[0]].filter((position) => applied[1].has(position))).toEqual([]);
    // As text: a deep comparison of 10,000 audit rows costs seconds; a difference still shows.
    const [projected, replayed] = [await dumpReadModel(processes[0].readModel), await replay(storeSchema)];
    expect(projected.auditLog).toHaveLength(10_000);
    expect(JSON.stringify(projected)).toBe(JSON.stringify(replayed));
  });

  it('16 concurrent writers and a live projector: every appended event projected once, none skipped', async () => {
    const { storeSchema, readModelSchema } = await schemaPair();
    const projecting = await connect(storeSchema, readModelSchema);
    const projected: bigint[] = [];
    const projector = new Projector(projecting.store, projecting.readModel, { logger: quiet, batchSize: 50 });
    projector.onApplied(({ event }) => projected.push(event.position));
    closing.push(() => projector.stop());
    await projector.start();

    const writers = await Promise.all(
      Array.from({ length: 16 }, () => connect(storeSchema, readModelSchema)),
    );
    const appended: bigint[] = [];
    await Promise.all(
      writers.map(async ({ store }, w) => {
        for (let t = 0; t < 3; t++) {
          // One task per (writer, t): assigned, reported twice, completed, one append at a time.
          const [assigned, ...rest] = taskLife(w * 100 + t, 2);
          const streamId = taskStream(idOf([assigned]));
          for (const [revision, event] of [assigned, ...rest].entries()) {
            const result = await store.append(streamId, [event], {
              expectedRevision: revision - 1,
              actor: OFFICE,
              occurredAt: '2026-03-01T08:00:00.000Z',
              correlationId: `writer-${w}`,
            });
            appended.push(...result.events.map((e) => e.position));
          }
        }
      }),
    );

    const head = await projecting.store.headPosition();
    expect(appended).toHaveLength(16 * 3 * 4);
    expect(head).toBe(BigInt(appended.length));
    expect(await projector.waitForPosition(head, 30_000)).toBe(true);
    const everyPosition = Array.from({ length: appended.length }, (_, i) => BigInt(i + 1));
    expect(projected).toEqual(everyPosition); // in order: none skipped, none twice
    expect([...appended].sort((a, b) => (a < b ? -1 : 1))).toEqual(everyPosition);
    const audited = await projecting.readModel.db.selectFrom('audit_log').select('position').execute();
    expect(audited).toHaveLength(appended.length);
    expect(await dumpReadModel(projecting.readModel)).toEqual(await replay(storeSchema));
  });
});
