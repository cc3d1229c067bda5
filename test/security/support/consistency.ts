import type { EventStore } from '#event-store';
import { openReadModel, Projector, ReadModel, rebuildReadModel, type ReadModelConfig } from '#projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE } from '../../../apps/api/src/infrastructure/tokens.js';
import { dumpReadModel } from '../../../libs/projections/src/testing/dump.js';
import type { TestApp } from '../../support/harness.js';

/**
 * The read model the running app answers from equals a replay of its event store into a
 * fresh read model (libs/projections' rebuildReadModel), row for row; and every hash chain
 * verifies. `fresh` is where the replay goes (default: a new SQLite file).
 */
export async function expectConsistent(app: TestApp, fresh?: ReadModelConfig): Promise<void> {
  const nest = app.running.app;
  const store = nest.get<symbol, EventStore>(EVENT_STORE);
  const live = nest.get(ReadModel);
  const head = await store.headPosition();
  expect(await nest.get(Projector).waitForPosition(head, 15_000)).toBe(true);

  const dir = fresh ? null : mkdtempSync(join(tmpdir(), 'chessboard-replay-'));
  const replayed = await openReadModel(fresh ?? { kind: 'sqlite', path: join(dir!, 'replay.db') });
  try {
    const result = await rebuildReadModel(store, replayed);
    expect(result.position).toBe(head);
    expect(await dumpReadModel(live)).toEqual(await dumpReadModel(replayed));
  } finally {
    await replayed.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
