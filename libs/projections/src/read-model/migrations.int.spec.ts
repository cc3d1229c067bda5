import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { Projector } from '../projector/projector.js';
import { dumpReadModel } from '../testing/dump.js';
import { appendScenario } from '../testing/scenario-2023.js';
import { openReadModel } from './read-model.js';

describe('read-model migrations on an upgraded SQLite read model', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-migrations-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns the task state’s event count (version) into its revision, as a replay writes it', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.db'));
    await appendScenario(store);
    let readModel = await openReadModel({ kind: 'sqlite', path: join(dir, 'read.db') });
    await new Projector(store, readModel).catchUp();
    const replayed = await dumpReadModel(readModel);

    // Back to the rows migration 3 left: the state counted events in `version`, last.
    for (const row of await readModel.db.selectFrom('tasks').select(['id', 'state']).execute()) {
      const { revision, ...state } = JSON.parse(row.state) as { revision: number };
      const old = JSON.stringify({ ...state, version: revision + 1 });
      await readModel.db.updateTable('tasks').set({ state: old }).where('id', '=', row.id).execute();
    }
    await readModel.db.deleteFrom('read_model_migrations').where('version', '=', 4).execute();
    await readModel.close();

    readModel = await openReadModel({ kind: 'sqlite', path: join(dir, 'read.db') });
    expect(await dumpReadModel(readModel)).toEqual(replayed);
    await readModel.close();
    await store.close();
  });
});
