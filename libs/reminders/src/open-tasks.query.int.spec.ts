import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import {
  DEFAULT_REMINDER_SCHEDULE,
  dueReminder,
  foldEvents,
  reminderProgress,
  taskDecider,
  taskStream,
  type Actor,
  type Recorded,
  type ReminderKind,
  type TaskCommand,
  type TaskEvent,
} from '#domain';
import { handleCommand, SqliteEventStore, type EventStore } from '#event-store';
import { openReadModel, Projector, type ReadModel, type ReadModelConfig } from '#projections';
import { readModelOpenTasks } from './open-tasks.query.js';
import { REMINDER_WORKER } from './reminder-job.js';
import { sweepReminders, type OpenTask, type ReminderJob } from './sweep.js';

const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const OFFICE: Actor = { id: 'office-1', name: '对口支援办公室', role: 'office' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = '2024-07-01T00:00:00.000Z';
const at = (offset: number) => new Date(Date.parse(NOW) + offset).toISOString();
const schedule = DEFAULT_REMINDER_SCHEDULE;

interface Target {
  readonly label: string;
  config(): ReadModelConfig;
  cleanup(): Promise<void>;
}

const sqliteTarget = (dir: () => string): Target => ({
  label: 'SQLite',
  config: () => ({ kind: 'sqlite', path: join(dir(), 'read-model.db') }),
  cleanup: async () => undefined,
});

const postgresTarget = (): Target => {
  const schema = `open_tasks_${process.pid}_${Date.now().toString(36)}`;
  return {
    label: 'PostgreSQL',
    config: () => ({ kind: 'postgres', connectionString: PG_URL, schema, maxConnections: 2 }),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
    },
  };
};

describe.each(['SQLite', 'PostgreSQL'])('open tasks for the reminder sweep, read model on %s', (kind) => {
  let dir: string;
  let target: Target;
  let store: EventStore;
  let readModel: ReadModel;
  const taskIds: string[] = [];

  const run = async (taskId: string, command: Omit<TaskCommand, 'metadata'>, actor = OFFICE) => {
    await handleCommand(
      store,
      taskStream(taskId),
      taskDecider,
      { ...command, metadata: { actor, now: at(-60 * DAY) } } as TaskCommand,
      { actor, now: at(-60 * DAY), correlationId: randomUUID() },
    );
  };
  const assign = async (deadline: string): Promise<string> => {
    const taskId = randomUUID();
    taskIds.push(taskId);
    await run(taskId, {
      type: 'AssignTask',
      data: { taskId, title: '培训管理干部', programId: 'tibet', unitId: 'mgmt', deadline },
    });
    return taskId;
  };
  const remind = (taskId: string, kind: ReminderKind, deadline: string, sequence = 0) =>
    run(
      taskId,
      {
        type: 'RecordReminder',
        data: { taskId, kind, deadline, sequence, channel: 'log', recipient: 'log' },
      },
      REMINDER_WORKER,
    );
  const folded = async () =>
    Promise.all(
      taskIds.map(async (id) =>
        foldEvents(
          taskDecider,
          (await store.readStream(taskStream(id))) as unknown as readonly Recorded<TaskEvent>[],
        ),
      ),
    );
  /** What the read model should give a sweep at `now`: the open tasks with a reminder due, from the streams. */
  const expected = async (now: string): Promise<OpenTask[]> =>
    (await folded()).flatMap((state) => {
      const progress = reminderProgress(state);
      if (!progress || !dueReminder(state, now, schedule)) return [];
      return [{ taskId: state.taskId, ...progress }];
    });
  const read = async (now: string, pageSize = 2): Promise<OpenTask[]> => {
    const out: OpenTask[] = [];
    for await (const page of readModelOpenTasks(readModel.db, pageSize).openTaskPages(now, schedule)) {
      expect(page.length).toBeLessThanOrEqual(pageSize);
      out.push(...page);
    }
    return out;
  };
  const byId = (tasks: readonly OpenTask[]) => [...tasks].sort((a, b) => a.taskId.localeCompare(b.taskId));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-open-tasks-'));
    target = kind === 'SQLite' ? sqliteTarget(() => dir) : postgresTarget();
    store = SqliteEventStore.open(join(dir, 'events.db'));
    readModel = await openReadModel(target.config());

    // Far away, within UPCOMING, within DUE_SOON, overdue; some reminded, some closed, one moved.
    for (const offset of [
      30 * DAY,
      20 * DAY,
      7 * DAY,
      6 * DAY,
      12 * HOUR,
      7 * DAY,
      -DAY,
      -4 * DAY,
      -10 * DAY,
    ]) {
      await assign(at(offset));
    }
    const [, , , upcoming, dueSoon, , due, overdue, long] = taskIds;
    await remind(upcoming, 'UPCOMING', at(6 * DAY));
    await remind(dueSoon, 'DUE_SOON', at(12 * HOUR));
    await remind(due, 'DUE', at(-DAY));
    await remind(overdue, 'OVERDUE', at(-4 * DAY), 0);
    await remind(long, 'OVERDUE', at(-10 * DAY), 1);
    // Reminded, then its deadline moved: the ladder starts again for the new deadline.
    const moved = await assign(at(2 * DAY));
    await remind(moved, 'DUE_SOON', at(2 * DAY));
    await run(moved, {
      type: 'ChangeDeadline',
      data: { taskId: moved, deadline: at(-2 * DAY), reason: '提前' },
    });
    const blocked = await assign(at(-3 * DAY));
    await run(blocked, { type: 'BlockTask', data: { taskId: blocked, reason: '等待场地' } });
    const completed = await assign(at(-5 * DAY));
    await run(completed, {
      type: 'CompleteTask',
      data: { taskId: completed, summary: '已完成', metrics: [], evidence: [] },
    });
    const cancelled = await assign(at(-5 * DAY));
    await run(cancelled, { type: 'CancelTask', data: { taskId: cancelled, reason: '计划调整' } });
    await new Projector(store, readModel).catchUp();
  });

  afterAll(async () => {
    await readModel.close();
    await store.close();
    await target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the open tasks with a reminder due, with their deadline and last sent step, paged', async () => {
    const tasks = await read(NOW);
    expect(byId(tasks)).toEqual(byId(await expected(NOW)));
    // Due: the two UPCOMING 7 days ahead, OVERDUE 2 of the one 10 days late (OVERDUE 1 was sent),
    // the moved one (its DUE_SOON was about the old deadline) and the blocked one. The rest were
    // reminded up to the step due now, are beyond the horizon, or are closed.
    expect(tasks.map((t) => t.lastSentStep).sort((a, b) => a - b)).toEqual([-1, -1, -1, -1, 4]);
    const later = await read(at(100 * DAY), 3);
    expect(byId(later)).toEqual(byId(await expected(at(100 * DAY))));
    expect(later).toHaveLength(11);
  });

  it('loses nothing to the prefilter: the sweep finds what the policy over every task’s full state finds', async () => {
    for (const offset of [-20 * DAY, 0, 5 * DAY, 13 * DAY + HOUR, 30 * DAY]) {
      const now = at(offset);
      const jobs: ReminderJob[] = [];
      await sweepReminders(readModelOpenTasks(readModel.db, 3), async (found) => jobs.push(...found), {
        now,
        schedule,
      });
      const reference = (await folded()).flatMap((state) => {
        const due = dueReminder(state, now, schedule);
        return due ? [{ taskId: state.taskId, ...due }] : [];
      });
      const found = jobs.map(({ data: { taskId, kind, deadline, sequence, dueAt } }) => ({
        taskId,
        kind,
        deadline,
        sequence,
        dueAt,
      }));
      const sorted = <T extends { taskId: string }>(xs: T[]) =>
        xs.sort((a, b) => a.taskId.localeCompare(b.taskId));
      expect(sorted(found)).toEqual(sorted(reference));
    }
  });

  it('an upgraded read model gets each task’s step from its state (migration 2 back-fills)', async () => {
    const before = byId(await read(at(100 * DAY)));
    // Back to the schema of migration 1: no reminder_step, no index, migration 2 not applied.
    await sql`drop index tasks_reminder_sweep`.execute(readModel.db);
    await sql`alter table tasks drop column reminder_step`.execute(readModel.db);
    await readModel.db.deleteFrom('read_model_migrations').where('version', '=', 2).execute();
    await readModel.close();
    readModel = await openReadModel(target.config());
    expect(byId(await read(at(100 * DAY)))).toEqual(before);
    const steps = await readModel.db.selectFrom('tasks').select(['id', 'reminder_step']).execute();
    const closed = steps.filter((row) => !before.some((t) => t.taskId === row.id));
    expect(closed.map((row) => Number(row.reminder_step))).toEqual([-1, -1]);
  });
});
