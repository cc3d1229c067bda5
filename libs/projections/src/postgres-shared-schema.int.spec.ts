import { PostgresEventStore } from '#event-store';
import { openReadModel } from './read-model/read-model.js';
import { postgresTarget } from './testing/postgres-target.js';

/**
 * A server deployment keeps the event store and the read model in one PostgreSQL schema
 * (DATABASE_SCHEMA), and every process opens both at once on its first start.
 */
describe('the PostgreSQL event store and read model in one new schema', () => {
  jest.setTimeout(60_000);
  const target = postgresTarget('shared');
  afterAll(() => target.cleanup());

  it('open concurrently, in several processes at once, without a duplicate-schema error', async () => {
    for (let round = 0; round < 3; round++) {
      const config = await target.fresh();
      if (config.kind !== 'postgres') throw new Error('expected a PostgreSQL target');
      const { connectionString, schema } = config;
      const opened = await Promise.all([
        PostgresEventStore.connect(connectionString, { schema, maxConnections: 2 }),
        openReadModel(config),
        PostgresEventStore.connect(connectionString, { schema, maxConnections: 2 }),
        openReadModel(config),
      ]);
      const [store, readModel, otherStore, otherReadModel] = opened;
      expect(await store.headPosition()).toBe(0n);
      expect(await otherStore.headPosition()).toBe(0n);
      expect(await readModel.checkpoint()).toBe(0n);
      expect(await otherReadModel.checkpoint()).toBe(0n);
      await Promise.all(opened.map((each) => each.close()));
    }
  });
});
