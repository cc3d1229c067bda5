import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  defineEventSchemas,
  EVENT_SCHEMAS,
  foldEvents,
  taskDecider,
  taskStream,
  type Actor,
  type EventSchemas,
  type TaskCommand,
  type TaskEvent,
  type Recorded,
} from '#domain';
import { handleCommand } from '../command-pipeline.js';
import type { EventStore, NewEvent } from '../event-store.port.js';
import { verifyHistory, verifyStreamChain } from '../hash-chain.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { EventSchemaVersionError } from './upcast.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The shape an earlier build stored TaskAssigned in (its schemaVersion 1): the deadline was
 * `dueAt`, and there were no description, assignee or targets yet.
 */
interface TaskAssignedV1 {
  taskId: string;
  title: string;
  programId: string;
  unitId: string;
  partner?: string;
  dueAt: string;
}

/** This build: TaskAssigned is at version 2 (the domain's current shape), with the step from 1. */
const V2: EventSchemas = defineEventSchemas({
  ...EVENT_SCHEMAS,
  TaskAssigned: {
    version: 2,
    upcasters: {
      1: (data) => {
        const v1 = data as TaskAssignedV1;
        return {
          taskId: v1.taskId,
          title: v1.title,
          description: null,
          programId: v1.programId,
          partner: v1.partner ?? null,
          unitId: v1.unitId,
          assignee: null,
          deadline: v1.dueAt,
          targets: [],
        };
      },
    },
  },
});

const office: Actor = { id: 'office-1', name: '对口支援办公室', role: 'office' };
const manager: Actor = { id: 'm-1', name: '管理学院负责人', role: 'unit_manager', unitId: 'management' };

interface Target {
  readonly label: string;
  /** Opens the same storage as a given build (its event schemas). */
  open(schemas: EventSchemas): Promise<EventStore>;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'chessboard-upcast-'));
  const file = join(dir, 'events.db');
  return {
    label: 'SQLite',
    open: async (eventSchemas) => SqliteEventStore.open(file, { eventSchemas }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(): Target {
  const schema = `upcast_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  return {
    label: 'PostgreSQL',
    open: (eventSchemas) =>
      PostgresEventStore.connect(DATABASE_URL, { schema, eventSchemas, maxConnections: 2 }),
    cleanup: async () => {
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

describe.each([
  ['SQLite', sqliteTarget],
  ['PostgreSQL', postgresTarget],
])('old history after TaskAssigned moved to schemaVersion 2 (%s)', (_label, makeTarget) => {
  jest.setTimeout(30_000);
  const taskId = '5d0c3f7e-1c2b-4a5d-8e9f-000000000001';
  const stream = taskStream(taskId);
  let target: Target;
  let store: EventStore;

  beforeAll(async () => {
    target = makeTarget();
    // The earlier build: its own decider wrote v1 shapes.
    const old = await target.open(EVENT_SCHEMAS);
    const v1: TaskAssignedV1 = {
      taskId,
      title: '培训林芝市职业技术学校管理干部',
      programId: 'tibet',
      unitId: 'management',
      partner: '林芝市职业技术学校',
      dueAt: '2023-06-30T16:00:00.000Z',
    };
    const append = (events: NewEvent[], actor: Actor, occurredAt: string) =>
      old.append(stream, events, { expectedRevision: 'any', actor, occurredAt, correlationId: 'c-old' });
    await append([{ type: 'TaskAssigned', data: v1 }], office, '2023-03-01T02:00:00.000Z');
    await append(
      [{ type: 'TaskAcknowledged', data: { taskId, note: null } }],
      manager,
      '2023-03-02T02:00:00.000Z',
    );
    await old.close();
    store = await target.open(V2);
  });

  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it('reads the old events in the current shape, and keeps the stored one for the hash', async () => {
    const [assigned] = await store.readStream(stream);
    expect(assigned.metadata.schemaVersion).toBe(2);
    expect(assigned.data).toMatchObject({
      deadline: '2023-06-30T16:00:00.000Z',
      targets: [],
      assignee: null,
    });
    expect(assigned.stored?.metadata.schemaVersion).toBe(1);
    expect(assigned.stored?.data).toMatchObject({ dueAt: '2023-06-30T16:00:00.000Z' });
    expect(verifyStreamChain(await store.readStream(stream))).toEqual({ ok: true });
  });

  it('decides new commands on the upcast history and verifies the whole chain', async () => {
    const command: TaskCommand = {
      type: 'ReportProgress',
      data: { taskId, progress: 50, note: '第一批 46 人', metrics: [], evidence: [] },
      metadata: { actor: manager, now: '2023-04-01T02:00:00.000Z' },
    };
    const result = await handleCommand(store, stream, taskDecider, command, {
      ...command.metadata,
      correlationId: 'c-new',
    });
    expect(result.state).toMatchObject({ exists: true, deadline: '2023-06-30T16:00:00.000Z', progress: 50 });
    expect(result.events.map((e) => e.metadata.schemaVersion)).toEqual([1]);
    expect(await verifyHistory(store)).toMatchObject({ ok: true, events: 3 });
  });

  it('folds the log and answers asOf reads with the same evolve', async () => {
    const all = (await store.readAll()).filter((e) => e.streamId === stream);
    const now = foldEvents(taskDecider, all as unknown as Recorded<TaskEvent>[]);
    expect(now).toMatchObject({ status: 'IN_PROGRESS', progress: 50, partner: '林芝市职业技术学校' });
    const before = await store.readStream(stream, { until: '2023-03-15T00:00:00.000Z' });
    expect(foldEvents(taskDecider, before as unknown as Recorded<TaskEvent>[])).toMatchObject({
      status: 'ASSIGNED',
      acknowledgedAt: '2023-03-02T02:00:00.000Z',
      deadline: '2023-06-30T16:00:00.000Z',
    });
  });

  it('stores new TaskAssigned events at version 2, read back as they are', async () => {
    const other = taskStream(randomUUID());
    await store.append(
      other,
      [{ type: 'TaskAssigned', data: { ...((await store.readStream(stream))[0].data as object) } }],
      {
        expectedRevision: 'no_stream',
        actor: office,
        occurredAt: '2023-05-01T00:00:00.000Z',
        correlationId: 'c',
      },
    );
    const [event] = await store.readStream(other);
    expect(event.metadata.schemaVersion).toBe(2);
    expect(event.stored).toBeUndefined();
  });

  it('an older build refuses to read what a newer one stored', async () => {
    const old = await target.open(EVENT_SCHEMAS);
    try {
      await expect(old.readAll()).rejects.toThrow(EventSchemaVersionError);
    } finally {
      await old.close();
    }
  });
});
