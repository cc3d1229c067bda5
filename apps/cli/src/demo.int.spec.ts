import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evolveTask, initialTaskState, taskStream } from '#domain';
import { SqliteEventStore, verifyStreamChain } from '#event-store';
import type { Recorded, TaskEvent } from '#domain';
import { loadDemo } from './demo.js';
import { DEMO_TASKS } from './demo-plan.js';

describe('the demo plan from the 2023 report', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-demo-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every unit, programme and task with verifiable history, and a second load adds nothing', async () => {
    const now = '2026-11-29T00:00:00.000Z';
    const first = await loadDemo(store, now);
    expect(first.tasks).toBe(DEMO_TASKS.length);
    expect(first.eventsWritten).toBeGreaterThan(DEMO_TASKS.length * 2);

    const again = await loadDemo(store, now);
    expect(again.eventsWritten).toBe(0);
    expect(await store.headPosition()).toBe(BigInt(first.eventsWritten));

    const trainees = await store.readStream(taskStream(DEMO_TASKS[0].id));
    expect(verifyStreamChain(trainees)).toEqual({ ok: true });
    const state = trainees.reduce(
      (s, e) => evolveTask(s, e as unknown as Recorded<TaskEvent>),
      initialTaskState(),
    );
    expect(state.status).toBe('COMPLETED');
    expect(state.metrics).toEqual([{ key: 'trainees', value: 92 }]);
  });

  it('leaves the board with every traffic light: blocked, in progress, overdue and completed tasks', async () => {
    const now = '2026-11-29T00:00:00.000Z';
    await loadDemo(store, now);
    const statuses = new Set<string>();
    for (const task of DEMO_TASKS) {
      const events = await store.readStream(taskStream(task.id));
      statuses.add(
        events.reduce((s, e) => evolveTask(s, e as unknown as Recorded<TaskEvent>), initialTaskState())
          .status,
      );
    }
    expect([...statuses].sort()).toEqual(['ASSIGNED', 'BLOCKED', 'COMPLETED', 'IN_PROGRESS']);
  });
});
