import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  taskDecider,
  taskStream,
  unitDecider,
  unitStream,
  type Actor,
  type ReminderSent,
  type TaskCommand,
} from '#domain';
import { handleCommand, SqliteEventStore, type EventStore } from '#event-store';
import { openReadModel, Projector, type ReadModel } from '#projections';
import { waitUntil } from './wait.js';

export const OFFICE: Actor = { id: 'office-1', name: '对口支援办公室', role: 'office' };

/** Real SQLite event store and read model in a temp dir, plus the office's commands. */
export interface ReminderFixture {
  readonly dir: string;
  readonly eventsPath: string;
  readonly readModelPath: string;
  readonly store: EventStore;
  readonly readModel: ReadModel;
  registerUnit(unitId: string, contacts: readonly string[], name?: string): Promise<void>;
  updateUnitContacts(unitId: string, contacts: readonly string[]): Promise<void>;
  /** Assigns a task due at `deadline` (ISO); returns its id. */
  assignTask(unitId: string, deadline: string, title?: string): Promise<string>;
  /** Registers the unit with these contacts, assigns it a task due in 12 hours (DUE_SOON is due) and projects; returns the task id. */
  taskDueSoon(unitId: string, contacts: readonly string[]): Promise<string>;
  task(taskId: string, command: Omit<TaskCommand, 'metadata'>): Promise<void>;
  /** Projects everything appended so far into the read model. */
  project(): Promise<void>;
  /** ReminderSent events of a task's stream, oldest first. */
  remindersSent(taskId: string): Promise<ReminderSent['data'][]>;
  /** Waits until the task's stream holds at least `count` ReminderSent events (default one); returns them. */
  waitForReminders(taskId: string, count?: number, timeoutMs?: number): Promise<ReminderSent['data'][]>;
  close(): Promise<void>;
}

export async function openReminderFixture(): Promise<ReminderFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'chessboard-reminders-'));
  const eventsPath = join(dir, 'events.db');
  const readModelPath = join(dir, 'read-model.db');
  const store = SqliteEventStore.open(eventsPath);
  const readModel = await openReadModel({ kind: 'sqlite', path: readModelPath });
  const projector = new Projector(store, readModel);
  const ctx = () => ({ actor: OFFICE, now: new Date().toISOString(), correlationId: randomUUID() });
  const meta = () => ({ actor: OFFICE, now: new Date().toISOString() });

  const fixture: ReminderFixture = {
    dir,
    eventsPath,
    readModelPath,
    store,
    readModel,
    async registerUnit(unitId, contacts, name = `单位 ${unitId}`) {
      await handleCommand(
        store,
        unitStream(unitId),
        unitDecider,
        { type: 'RegisterUnit', data: { unitId, name, contacts: [...contacts] }, metadata: meta() },
        ctx(),
      );
    },
    async updateUnitContacts(unitId, contacts) {
      await handleCommand(
        store,
        unitStream(unitId),
        unitDecider,
        { type: 'UpdateUnit', data: { unitId, contacts: [...contacts] }, metadata: meta() },
        ctx(),
      );
    },
    async assignTask(unitId, deadline, title = '培训林芝市职业技术学校管理干部 92 人') {
      const taskId = randomUUID();
      await handleCommand(
        store,
        taskStream(taskId),
        taskDecider,
        {
          type: 'AssignTask',
          data: { taskId, title, programId: 'tibet', unitId, deadline },
          metadata: meta(),
        },
        ctx(),
      );
      return taskId;
    },
    async taskDueSoon(unitId, contacts) {
      await fixture.registerUnit(unitId, contacts);
      const taskId = await fixture.assignTask(unitId, hoursFromNow(12));
      await fixture.project();
      return taskId;
    },
    async task(taskId, command) {
      await handleCommand(
        store,
        taskStream(taskId),
        taskDecider,
        { ...command, metadata: meta() } as TaskCommand,
        ctx(),
      );
    },
    async project() {
      await projector.catchUp();
    },
    async remindersSent(taskId) {
      const events = await store.readStream(taskStream(taskId));
      return events.filter((e) => e.type === 'ReminderSent').map((e) => e.data as ReminderSent['data']);
    },
    waitForReminders(taskId, count = 1, timeoutMs) {
      return waitUntil(
        `${count} ReminderSent`,
        async () => {
          const sent = await fixture.remindersSent(taskId);
          return sent.length >= count ? sent : undefined;
        },
        timeoutMs,
      );
    },
    async close() {
      await readModel.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

export const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString();
