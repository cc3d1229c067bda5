import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evolveTask, initialTaskState, taskStream, unitStream } from '#domain';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '#event-store';
import { sql } from 'kysely';
import { applyEvent, type AppliedEvent } from '../projector/apply-events.js';
import { Projector, type ProjectorLogger } from '../projector/projector.js';
import { rebuildReadModel } from '../projector/rebuild-read-model.js';
import { connect, type ReadModelConfig } from '../read-model/connection.js';
import { MIGRATIONS, migrate } from '../read-model/migrations.js';
import { openReadModel, type ReadModel } from '../read-model/read-model.js';
import type { TaskFilter } from '../read-model/rows.js';
import { isTaskEvent } from '../task-details/task-details.projection.js';
import { bulkSteps } from './bulk-steps.js';
import { dumpReadModel } from './dump.js';
import { failingReads } from './failing-reads.js';
import { appendScenario, IDS, NOW, SCENARIO, type ScenarioStep } from './scenario-2023.js';
import { getProgram, getUnit, historyOf, listTasks } from './queries.js';

/** Where a suite's read models live: each call of `fresh` gives an empty one. */
export interface ReadModelTarget {
  readonly label: string;
  fresh(): Promise<ReadModelConfig>;
  /** Drops whatever `fresh` created. */
  cleanup(): Promise<void>;
}

const SCENARIO_EVENTS = SCENARIO.length;

/** The read model's behaviour, run against a real database per target (SQLite file, PostgreSQL schema). */
export function describeReadModel(target: ReadModelTarget): void {
  describe(`read model on ${target.label}`, () => {
    jest.setTimeout(60_000);
    let dir: string;
    let storeCount = 0;
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'chessboard-projections-'));
    });
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await target.cleanup();
    });

    const openStore = (): EventStore => {
      const store = SqliteEventStore.open(join(dir, `events-${++storeCount}.db`));
      cleanups.push(() => store.close());
      return store;
    };
    const open = async (config?: ReadModelConfig): Promise<ReadModel> => {
      const readModel = await openReadModel(config ?? (await target.fresh()));
      cleanups.push(() => readModel.close());
      return readModel;
    };
    const projector = (
      store: EventStore,
      readModel: ReadModel,
      logger?: ProjectorLogger,
      batchSize?: number,
    ) => {
      const p = new Projector(store, readModel, {
        logger: logger ?? quietLogger(),
        batchSize,
        pollIntervalMs: 20,
      });
      cleanups.push(() => p.stop());
      return p;
    };
    /** The reference: every event applied once by a fresh projector. */
    const fullReplay = async (store: EventStore) => {
      const readModel = await open();
      await projector(store, readModel).catchUp();
      return dumpReadModel(readModel);
    };

    describe('the 2023 report, every event applied twice', () => {
      let store: EventStore;
      let readModel: ReadModel;
      let events: RecordedEvent[];

      beforeAll(async () => {
        store = SqliteEventStore.open(join(dir, 'scenario.db'));
        await appendScenario(store);
        events = await store.readAll({ limit: 10_000 });
        readModel = await openReadModel(await target.fresh());
        for (const event of events) {
          await readModel.applyEvents([event]);
          await readModel.applyEvents([event]);
        }
      });
      afterAll(async () => {
        await readModel.close();
        await store.close();
      });

      const list = async (filter: TaskFilter, first = 50, after?: string) =>
        (await listTasks(readModel, filter, NOW, first, after)).rows.map((row) => row.id);

      it('holds each event exactly once and the checkpoint at the last position', async () => {
        expect(events).toHaveLength(SCENARIO_EVENTS);
        expect(await readModel.checkpoint()).toBe(events[events.length - 1]!.position);
        const page = await readModel.auditLog({}, 1000);
        expect(page.rows.map((row) => row.position)).toEqual(events.map((event) => event.position));
      });

      it('folds the training task (培训人数 92 人) exactly as evolveTask folds its stream', async () => {
        const task = await readModel.getTask(IDS.training);
        const stream = await store.readStream(taskStream(IDS.training));
        const folded = stream.filter(isTaskEvent).reduce(evolveTask, initialTaskState());
        expect(task?.state).toEqual(folded);
        expect(task).toMatchObject({
          id: IDS.training,
          title: '培训林芝市职业技术学校管理干部',
          programId: 'tibet',
          partner: '林芝市职业技术学校',
          unitId: 'automotive',
          assignee: '王老师',
          status: 'COMPLETED',
          progress: 100,
          deadline: '2023-06-30T16:00:00.000Z',
          createdAt: '2023-03-01T02:00:00.000Z',
          updatedAt: '2023-06-21T00:00:00.000Z',
          completedAt: '2023-06-20T08:00:00.000Z',
          // the new unit has not signed for it
          acknowledgedAt: null,
          wasOverdue: false,
          revision: 7,
        });
        expect(task?.state.targets).toEqual([{ key: 'trainees', label: '培训人数', target: 92, unit: '人' }]);
        expect(task?.state.metrics).toEqual([{ key: 'trainees', value: 92 }]);
      });

      it('keeps wasOverdue for a task that was cancelled after its deadline', async () => {
        expect(await readModel.getTask(IDS.cancelled)).toMatchObject({
          status: 'CANCELLED',
          wasOverdue: true,
        });
        expect(await readModel.getTask('no-such-task')).toBeNull();
      });

      it('records delivered reminders in the task state', async () => {
        expect((await readModel.getTask(IDS.training))?.state.reminders).toEqual([
          {
            kind: 'DUE_SOON',
            deadline: '2023-06-30T16:00:00.000Z',
            sequence: 0,
            channel: 'email',
            recipient: 'qcxy@example.edu.cn',
            sentAt: '2023-06-21T00:00:00.000Z',
          },
        ]);
        expect((await readModel.getTask(IDS.campus))?.state.reminders).toEqual([]);
      });

      it('projects units (with updates) and programmes', async () => {
        expect(await readModel.getUnits()).toEqual([
          {
            id: 'automotive',
            name: '汽车技术学院',
            contacts: ['qcxy@example.edu.cn'],
            revision: 1,
            createdAt: '2023-01-05T01:01:00.000Z',
            updatedAt: '2023-01-06T02:00:00.000Z',
          },
          {
            id: 'management',
            name: '管理学院',
            contacts: ['glxy@example.edu.cn'],
            revision: 0,
            createdAt: '2023-01-05T01:00:00.000Z',
            updatedAt: '2023-01-05T01:00:00.000Z',
          },
        ]);
        expect(await getProgram(readModel, 'tibet')).toEqual({
          id: 'tibet',
          name: '援藏',
          region: '西藏林芝',
          revision: 0,
          createdAt: '2023-01-05T01:02:00.000Z',
        });
        expect((await readModel.getPrograms()).map((p) => p.id)).toEqual(['tibet', 'xinjiang']);
        expect(await getUnit(readModel, 'management')).toMatchObject({ name: '管理学院' });
        expect(await getUnit(readModel, 'nope')).toBeNull();
      });

      it('counts the board per unit and programme, overdue as of now', async () => {
        const board = await readModel.board(NOW);
        expect(board.asOf).toBe(NOW);
        expect(board.units.map((u) => u.id)).toEqual(['automotive', 'management']);
        expect(board.cells).toEqual([
          {
            unitId: 'automotive',
            programId: 'tibet',
            total: 3,
            assigned: 1,
            inProgress: 0,
            blocked: 0,
            completed: 1,
            cancelled: 1,
            overdue: 1,
          },
          {
            unitId: 'management',
            programId: 'xinjiang',
            total: 2,
            assigned: 2,
            inProgress: 0,
            blocked: 0,
            completed: 0,
            cancelled: 0,
            overdue: 1,
          },
        ]);
        const early = await readModel.board('2023-01-01T00:00:00Z');
        expect(early.cells.map((cell) => cell.overdue)).toEqual([0, 0]);
      });

      it('filters tasks by status, unit, programme, overdue and due date, ordered by deadline', async () => {
        const { cancelled, campus, surveyLookalike, training, survey } = IDS;
        expect(await list({})).toEqual([cancelled, campus, surveyLookalike, training, survey]);
        expect(await list({ status: ['COMPLETED'] })).toEqual([training]);
        expect(await list({ status: ['ASSIGNED', 'CANCELLED'] })).toEqual([
          cancelled,
          campus,
          surveyLookalike,
          survey,
        ]);
        expect(await list({ status: [] })).toEqual([]);
        expect(await list({ unitId: 'management' })).toEqual([surveyLookalike, survey]);
        expect(await list({ unitId: 'automotive', programId: 'tibet' })).toEqual([
          cancelled,
          campus,
          training,
        ]);
        expect(await list({ overdue: true })).toEqual([campus, surveyLookalike]);
        expect(await list({ overdue: false })).toEqual([cancelled, training, survey]);
        expect(await list({ dueBefore: '2023-06-15T16:00:00Z' })).toEqual([cancelled, campus]);
        expect(await list({ dueBefore: '2023-06-16T00:00:01+08:00', overdue: true })).toEqual([
          campus,
          surveyLookalike,
        ]);
      });

      it('searches title, description and partner: Chinese, any case, with % and _ taken literally', async () => {
        const { cancelled, campus, training, survey, surveyLookalike } = IDS;
        expect(await list({ search: '林芝' })).toEqual([cancelled, campus, training]);
        expect(await list({ search: '管理干部' })).toEqual([training]);
        expect(await list({ search: 'LINZHI vocational' })).toEqual([training]);
        expect(await list({ search: '喀什' })).toEqual([surveyLookalike, survey]);
        expect(await list({ search: '95%_' })).toEqual([survey]);
        expect(await list({ search: '%' })).toEqual([survey]);
        expect(await list({ search: '_' })).toEqual([survey]);
        expect(await list({ search: '95' })).toEqual([surveyLookalike, survey]);
        expect(await list({ search: "'; drop table tasks; --" })).toEqual([]);
        expect(await list({ search: '' })).toHaveLength(5);
      });

      it('pages tasks with an opaque cursor and a total count', async () => {
        const first = await listTasks(readModel, { unitId: 'automotive' }, NOW, 2);
        expect(first.totalCount).toBe(3);
        expect(first.hasNextPage).toBe(true);
        expect(first.rows.map((r) => r.id)).toEqual([IDS.cancelled, IDS.campus]);
        const second = await listTasks(readModel, { unitId: 'automotive' }, NOW, 2, first.endCursor);
        expect(second).toMatchObject({ hasNextPage: false, totalCount: 3 });
        expect(second.rows.map((r) => r.id)).toEqual([IDS.training]);
        const empty = await listTasks(readModel, { unitId: 'nobody' }, NOW, 2);
        expect(empty).toEqual({ rows: [], hasNextPage: false, endCursor: null, totalCount: 0 });
        await expect(listTasks(readModel, {}, NOW, 2, 'not-a-cursor')).rejects.toMatchObject({
          code: 'BAD_USER_INPUT',
        });
        await expect(listTasks(readModel, {}, NOW, -1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
        await expect(listTasks(readModel, {}, 'yesterday', 1)).rejects.toMatchObject({
          code: 'BAD_USER_INPUT',
        });
      });

      it('filters the audit log by stream, actor, unit, type and time', async () => {
        const types = async (filter: Parameters<ReadModel['auditLog']>[0]) =>
          (await readModel.auditLog(filter, 100)).rows.map((row) => row.type);
        expect(await types({ streamId: taskStream(IDS.training) })).toEqual([
          'TaskAssigned',
          'TaskAcknowledged',
          'ProgressReported',
          'TaskReassigned',
          'TaskBlocked',
          'TaskUnblocked',
          'TaskCompleted',
          'ReminderSent',
        ]);
        expect(await types({ actorId: 'mgr-li' })).toEqual(['TaskAcknowledged', 'ProgressReported']);
        // the task's unit at each event: the reassignment already belongs to the new unit
        expect(await types({ unitId: 'management' })).toEqual([
          'UnitRegistered',
          'TaskAssigned',
          'TaskAcknowledged',
          'TaskAssigned',
          'TaskAssigned',
          'ProgressReported',
        ]);
        expect(await types({ unitId: 'automotive', streamId: taskStream(IDS.training) })).toEqual([
          'TaskReassigned',
          'TaskBlocked',
          'TaskUnblocked',
          'TaskCompleted',
          'ReminderSent',
        ]);
        expect(await types({ types: ['TaskBlocked', 'TaskUnblocked'] })).toEqual([
          'TaskBlocked',
          'TaskUnblocked',
        ]);
        expect(await types({ types: [] })).toEqual([]);
        expect(await types({ from: '2023-05-01T08:00:00Z', to: '2023-05-10T16:00:00+08:00' })).toEqual([
          'TaskBlocked',
          'TaskCancelled',
          'TaskUnblocked',
        ]);
        expect(await types({ streamId: unitStream('automotive') })).toEqual([
          'UnitRegistered',
          'UnitUpdated',
        ]);
      });

      it('records an event of an unknown type in the audit log and nothing else', async () => {
        const [unknown] = (await readModel.auditLog({ types: ['SupervisionVisitScheduled'] }, 10)).rows;
        expect(unknown).toMatchObject({
          streamId: taskStream(IDS.campus),
          unitId: 'automotive',
          data: { taskId: IDS.campus, on: '2023-06-01' },
          actor: { id: 'office-zhang', role: 'office', name: '对口支援办 张主任' },
        });
        expect(await readModel.getTask(IDS.campus)).toMatchObject({ status: 'ASSIGNED', revision: 0 });
      });

      it('pages the audit log oldest first with a position cursor', async () => {
        const seen: bigint[] = [];
        let after: string | null = null;
        let pages = 0;
        for (;;) {
          const page = await readModel.auditLog({}, 4, after);
          seen.push(...page.rows.map((row) => row.position));
          pages += 1;
          if (!page.hasNextPage) break;
          expect(page.endCursor).toBe(page.rows[3]!.position.toString());
          after = page.endCursor;
        }
        expect(pages).toBe(Math.ceil(SCENARIO_EVENTS / 4));
        expect(seen).toEqual(events.map((event) => event.position));
        const last = await readModel.auditLog({}, 4, events[events.length - 1]!.position.toString());
        expect(last).toEqual({ rows: [], hasNextPage: false, endCursor: null });
        await expect(readModel.auditLog({}, 4, 'abc')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      });

      it('keeps the hash chain and metadata of each event, and a stream history in order', async () => {
        const history = await historyOf(readModel, taskStream(IDS.training));
        const stream = await store.readStream(taskStream(IDS.training));
        expect(history.map((row) => [row.revision, row.hash, row.previousHash, row.eventId])).toEqual(
          stream.map((event) => [event.revision, event.metadata.hash, event.metadata.previousHash, event.id]),
        );
        expect(history.map((row) => row.metadata)).toEqual(stream.map((event) => event.metadata));
        expect(history.map((row) => row.data)).toEqual(stream.map((event) => event.data));
        const untilMay = await historyOf(readModel, taskStream(IDS.training), {
          until: '2023-05-01T08:00:00Z',
        });
        expect(untilMay.map((row) => row.type).at(-1)).toBe('TaskBlocked');
      });
    });

    describe('replay', () => {
      it('applying every event twice, with or without the checkpoint, changes nothing', async () => {
        const store = openStore();
        await appendScenario(store, [...SCENARIO, ...bulkSteps(10)]);
        const events = await store.readAll({ limit: 10_000 });

        const once = await open();
        await once.applyEvents(events);
        const reference = await dumpReadModel(once);

        await once.applyEvents(events);
        for (const event of events) await once.applyEvents([event]);
        expect(await dumpReadModel(once)).toEqual(reference);

        // Per-stream revisions guard the bare projection step as well.
        await once.db.connection().execute(async (db) => {
          for (const event of events) await applyEvent(db, event);
        });
        expect(await dumpReadModel(once)).toEqual(reference);
      });

      it('a read model kept up to date live equals a full rebuild', async () => {
        const store = openStore();
        const readModel = await open();
        const live = projector(store, readModel);
        await live.start();
        const steps = [...SCENARIO, ...bulkSteps(12)];
        for (const [index, step] of steps.entries()) {
          const position = await appendScenario(store, [step]);
          if (index % 7 === 0) expect(await live.waitForPosition(position, 5000)).toBe(true);
        }
        expect(await live.waitForPosition(await store.headPosition(), 5000)).toBe(true);
        const incremental = await dumpReadModel(readModel);
        await live.stop();

        expect(incremental).toEqual(await fullReplay(store));
        const progress: bigint[] = [];
        const result = await rebuildReadModel(store, readModel, {
          onProgress: (p) => progress.push(p.position),
        });
        expect(result.events).toBe(steps.length);
        expect(result.position).toBe(await store.headPosition());
        expect(progress.at(-1)).toBe(await store.headPosition());
        expect(await dumpReadModel(readModel)).toEqual(incremental);
      });

      it('two projectors running at once on one read model produce what one produces', async () => {
        const store = openStore();
        await appendScenario(store, SCENARIO);
        const config = await target.fresh();
        const [a, b] = [await open(config), await open(config)];
        const first = projector(store, a, undefined, 3);
        const second = projector(store, b, undefined, 5);
        const appliedBy = { first: 0, second: 0 };
        first.onApplied(() => (appliedBy.first += 1));
        second.onApplied(() => (appliedBy.second += 1));
        await Promise.all([first.start(), second.start()]);
        await appendScenario(store, bulkSteps(15));
        const head = await store.headPosition();
        expect(await first.waitForPosition(head, 10_000)).toBe(true);
        expect(await second.waitForPosition(head, 10_000)).toBe(true);

        expect(appliedBy.first + appliedBy.second).toBe(Number(head));
        expect(await dumpReadModel(a)).toEqual(await fullReplay(store));
      });

      it('a rebuild that fails half-way leaves the read model as it was', async () => {
        const store = openStore();
        await appendScenario(store, [...SCENARIO, ...bulkSteps(30)]);
        const readModel = await open();
        await projector(store, readModel).catchUp();
        await appendScenario(store, bulkSteps(5, '2023-09'));
        const before = await dumpReadModel(readModel);
        const indexes = await schemaNames(readModel, 'index');
        const failing = failingReads(store, (call) => call === 3);
        await expect(rebuildReadModel(failing, readModel, { batchSize: 20 })).rejects.toThrow(
          'disk I/O error',
        );
        expect(await dumpReadModel(readModel)).toEqual(before);
        expect(await schemaNames(readModel, 'index')).toEqual(indexes);
        // And the next rebuild, which succeeds, gives what a full replay gives.
        await rebuildReadModel(store, readModel, { batchSize: 20, maxHeldTasks: 4 });
        expect(await dumpReadModel(readModel)).toEqual(await fullReplay(store));
        expect(await schemaNames(readModel, 'index')).toEqual(indexes);
      });

      it('a projector running through a rebuild catches up again without a gap', async () => {
        const store = openStore();
        await appendScenario(store, SCENARIO);
        const config = await target.fresh();
        const readModel = await open(config);
        const live = projector(store, readModel, undefined, 4);
        await live.start();
        const rebuild = rebuildReadModel(store, await open(config), { batchSize: 2 });
        await appendScenario(store, bulkSteps(8));
        await rebuild;
        expect(await live.waitForPosition(await store.headPosition(), 10_000)).toBe(true);
        expect(await dumpReadModel(readModel)).toEqual(await fullReplay(store));
      });
    });

    describe('projector', () => {
      it('reports each applied event with its task and unit, including the unit a task left', async () => {
        const store = openStore();
        const readModel = await open();
        const live = projector(store, readModel);
        const applied: AppliedEvent[] = [];
        live.onApplied((event) => applied.push(event));
        const unsubscribeThrowing = live.onApplied(() => {
          throw new Error('a broken listener does not stop the projector');
        });
        await live.start();
        const head = await appendScenario(store);
        expect(await live.waitForPosition(head, 5000)).toBe(true);
        unsubscribeThrowing();

        expect(applied.map((a) => a.event.position)).toEqual((await store.readAll()).map((e) => e.position));
        const reassigned = applied.find((a) => a.event.type === 'TaskReassigned');
        expect(reassigned).toMatchObject({
          taskId: IDS.training,
          unitId: 'automotive',
          previousUnitId: 'management',
        });
        expect(applied.find((a) => a.event.type === 'TaskAcknowledged')).toMatchObject({
          taskId: IDS.training,
          unitId: 'management',
          previousUnitId: null,
        });
        expect(applied.find((a) => a.event.type === 'UnitUpdated')).toMatchObject({
          taskId: null,
          unitId: 'automotive',
        });
        expect(applied.find((a) => a.event.type === 'ProgramRegistered')).toMatchObject({ unitId: null });
      });

      it('waitForPosition sees a checkpoint that another projector (another process) advanced', async () => {
        const store = openStore();
        const config = await target.fresh();
        const projecting = projector(store, await open(config));
        const waiting = projector(store, await open(config));
        await projecting.start();
        const head = await appendScenario(store);
        expect(await waiting.waitForPosition(head, 5000)).toBe(true);
        const started = Date.now();
        expect(await waiting.waitForPosition(head + 10n, 150)).toBe(false);
        expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      });

      it('retries with backoff when the store fails, and skips nothing', async () => {
        const store = openStore();
        await appendScenario(store);
        const errors: string[] = [];
        const flaky = failingReads(store, (call) => call <= 2);
        const readModel = await open();
        const p = new Projector(flaky, readModel, {
          logger: { ...quietLogger(), error: (_details, message) => errors.push(message) },
          retryMs: 10,
        });
        cleanups.push(() => p.stop());
        await p.start();
        expect(errors).toHaveLength(2);
        expect(await readModel.checkpoint()).toBe(await store.headPosition());
        expect(await dumpReadModel(readModel)).toEqual(await fullReplay(store));
      });

      it('applies a burst of concurrent appends in a few transactions, each event once and in log order', async () => {
        const store = openStore();
        const before = await appendScenario(store, SCENARIO);
        const config = await target.fresh();
        let transactions = 0;
        const applied: bigint[] = [];
        const projectors = [open(config), open(config)].map(async (readModel, i) => {
          const p = projector(
            store,
            countingApplies(await readModel, () => transactions++),
            undefined,
            50 + i,
          );
          p.onApplied((a) => applied.push(a.event.position));
          await p.start();
          return p;
        });
        const [first, second] = await Promise.all(projectors);
        transactions = 0;
        applied.length = 0;

        await appendConcurrently(store, bulkSteps(40));
        const head = await store.headPosition();
        expect(await first!.waitForPosition(head, 10_000)).toBe(true);
        expect(await second!.waitForPosition(head, 10_000)).toBe(true);

        const events = await store.readAll({ after: before, limit: 10_000 });
        expect([...applied].sort((a, b) => (a < b ? -1 : 1))).toEqual(events.map((e) => e.position));
        expect(transactions).toBeLessThan(events.length / 2);
        expect(await dumpReadModel(await open(config))).toEqual(await fullReplay(store));
      });

      it('delivers a batch to listeners in log order', async () => {
        const store = openStore();
        const readModel = await open();
        const live = projector(store, readModel, undefined, 1000);
        const applied: bigint[] = [];
        live.onApplied((a) => applied.push(a.event.position));
        await live.start();
        await appendConcurrently(store, bulkSteps(20));
        expect(await live.waitForPosition(await store.headPosition(), 10_000)).toBe(true);
        expect(applied).toEqual((await store.readAll({ limit: 10_000 })).map((e) => e.position));
      });

      it('catchUp returns how many events it applied', async () => {
        const store = openStore();
        await appendScenario(store);
        const readModel = await open();
        expect(await projector(store, readModel).catchUp()).toBe(SCENARIO_EVENTS);
        expect(await projector(store, readModel).catchUp()).toBe(0);
      });
    });

    it('opening one read model twice at once migrates it once', async () => {
      const config = await target.fresh();
      const [a, b] = await Promise.all([open(config), open(config)]);
      const versions = await a.db.selectFrom('read_model_migrations').select('version').execute();
      expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await b.checkpoint()).toBe(0n);
    });

    it('has no reminders table, fresh or upgraded from migration 4 (migration 5 drops it)', async () => {
      const fresh = await open();
      expect(await schemaNames(fresh, 'table')).not.toContain('reminders');
      expect(await schemaNames(fresh, 'index')).not.toContain('reminders_task');

      // A read model as the release with migration 4 left it: with the reminders table.
      const config = await target.fresh();
      const old = await connect(config);
      try {
        await migrate(
          old,
          undefined,
          MIGRATIONS.filter((m) => m.version <= 4),
        );
        expect(await schemaNames(old, 'table')).toContain('reminders');
      } finally {
        await old.close();
      }
      const upgraded = await open(config);
      expect(await schemaNames(upgraded, 'table')).toEqual(await schemaNames(fresh, 'table'));
      expect(await schemaNames(upgraded, 'index')).toEqual(await schemaNames(fresh, 'index'));

      const store = openStore();
      await appendScenario(store);
      await projector(store, upgraded).catchUp();
      expect(await dumpReadModel(upgraded)).toEqual(await fullReplay(store));
    });
  });
}

/** Each stream's steps in order, all streams at once (as concurrent requests append). */
async function appendConcurrently(store: EventStore, steps: readonly ScenarioStep[]): Promise<void> {
  const streams = new Map<string, ScenarioStep[]>();
  for (const step of steps) streams.set(step.streamId, [...(streams.get(step.streamId) ?? []), step]);
  await Promise.all([...streams.values()].map((stream) => appendScenario(store, stream)));
}

/** The read model, with `onApply` called before every applyEvents transaction. */
function countingApplies(readModel: ReadModel, onApply: () => void): ReadModel {
  return new Proxy(readModel, {
    get(target, property) {
      if (property === 'applyEvents') {
        return (...args: Parameters<ReadModel['applyEvents']>) => {
          onApply();
          return target.applyEvents(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The read model's tables or indexes (primary keys' included), by name, sorted. */
async function schemaNames(
  readModel: Pick<ReadModel, 'db' | 'dialect'>,
  type: 'table' | 'index',
): Promise<string[]> {
  const { rows } =
    readModel.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = ${type}`.execute(readModel.db)
      : await sql<{ name: string }>`select c.relname as name from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = current_schema() and c.relkind = ${type === 'table' ? 'r' : 'i'}`.execute(
          readModel.db,
        );
  return rows.map((row) => row.name).sort();
}

function quietLogger(): ProjectorLogger {
  return { info: () => undefined, error: () => undefined };
}
