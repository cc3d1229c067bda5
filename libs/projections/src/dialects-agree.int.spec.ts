import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '#event-store';
import { Projector } from './projector/projector.js';
import { openReadModel, type ReadModel } from './read-model/read-model.js';
import type { TaskFilter } from './read-model/rows.js';
import { bulkSteps } from './testing/bulk-steps.js';
import { dumpReadModel } from './testing/dump.js';
import { postgresTarget } from './testing/postgres-target.js';
import { appendScenario, NOW } from './testing/scenario-2023.js';
import { listTasks } from './testing/queries.js';

/** One codebase, two dialects: the same log gives the same rows and the same answers. */
describe('SQLite and PostgreSQL read models', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'chessboard-dialects-'));
  const postgres = postgresTarget('rm_dialects');
  let store: EventStore;
  let sqlite: ReadModel;
  let pg: ReadModel;

  beforeAll(async () => {
    store = SqliteEventStore.open(join(dir, 'events.db'));
    await appendScenario(store);
    await appendScenario(store, bulkSteps(30));
    sqlite = await openReadModel({ kind: 'sqlite', path: join(dir, 'read-model.db') });
    pg = await openReadModel(await postgres.fresh());
    const quiet = { info: () => undefined, error: () => undefined };
    await new Projector(store, sqlite, { logger: quiet, batchSize: 7 }).catchUp();
    await new Projector(store, pg, { logger: quiet, batchSize: 11 }).catchUp();
  });
  afterAll(async () => {
    await Promise.all([sqlite?.close(), pg?.close(), store?.close()]);
    await postgres.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hold identical rows', async () => {
    expect(await dumpReadModel(pg)).toEqual(await dumpReadModel(sqlite));
  });

  it.each<[string, TaskFilter]>([
    ['everything', {}],
    ['a unit', { unitId: 'automotive' }],
    ['open and overdue', { overdue: true, status: ['ASSIGNED', 'IN_PROGRESS', 'BLOCKED'] }],
    ['a search', { search: '帮扶任务 1' }],
    ['due before', { dueBefore: '2023-12-10T00:00:00Z', programId: 'tibet' }],
  ])('page tasks identically: %s', async (_name, filter) => {
    const pages = async (readModel: ReadModel) => {
      const out = [];
      let after: string | null = null;
      do {
        const page = await listTasks(readModel, filter, NOW, 4, after);
        out.push(page);
        after = page.hasNextPage ? page.endCursor : null;
      } while (after);
      return out;
    };
    expect(await pages(pg)).toEqual(await pages(sqlite));
  });

  it('draw the same board and audit pages', async () => {
    expect(await pg.board(NOW)).toEqual(await sqlite.board(NOW));
    expect(await pg.auditLog({ unitId: 'management' }, 7, '5')).toEqual(
      await sqlite.auditLog({ unitId: 'management' }, 7, '5'),
    );
  });
});
