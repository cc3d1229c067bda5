import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { Projector } from '../projector/projector.js';
import { openReadModel, type ReadModel } from '../read-model/read-model.js';
import { dumpReadModel } from '../testing/dump.js';
import { postgresTarget } from '../testing/postgres-target.js';
import { replayReadModel } from './replay-read-model.js';
import { writeSchoolYear } from '../testing/school-year.workload.js';

/**
 * Rebuild == incremental at volume. CI runs a small school year; the benchmark run is
 * `REPLAY_EVENTS=200000 npx jest libs/projections/src/rebuild/replay-volume` (prints the
 * rates). The incremental read model is projected live, by a projector following the log
 * while the events are appended, as the API does; above 20,000 events (one commit per
 * followed event would take most of the run) the projector catches up afterwards instead,
 * in its normal batches.
 */
const EVENTS = Number(process.env.REPLAY_EVENTS ?? 2000);
const quiet = {
  info: () => undefined,
  error: (d: object, m: string) => console.error(m, d),
};

describe(`replay of a school year (${EVENTS} events)`, () => {
  jest.setTimeout(Math.max(120_000, EVENTS * 20));
  let dir: string;
  let store: SqliteEventStore;
  const pg = postgresTarget('replay_volume');
  const lines: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-replay-volume-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
  });
  afterAll(async () => {
    await store.close();
    await pg.cleanup();
    rmSync(dir, { recursive: true, force: true });
    console.log(lines.join('\n'));
  });

  it.each([
    ['SQLite', async () => ({ kind: 'sqlite' as const, path: join(dir, 'read-model.db') })],
    ['PostgreSQL', () => pg.fresh()],
  ])('on %s: the replayed read model equals the one projected live', async (label, fresh) => {
    const config = await fresh();
    const live: ReadModel = await openReadModel(config);
    const projector = new Projector(store, live, { logger: quiet, pollIntervalMs: 20 });
    const follow = EVENTS <= 20_000;
    if (follow) await projector.start();
    if ((await store.headPosition()) === 0n) {
      const started = performance.now();
      const written = await writeSchoolYear(store, { events: EVENTS });
      lines.push(`appended ${written} events in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    }
    const head = await store.headPosition();
    const projected = performance.now();
    if (follow) expect(await projector.waitForPosition(head, EVENTS * 40)).toBe(true);
    else await projector.catchUp();
    if (!follow) {
      const seconds = (performance.now() - projected) / 1000;
      lines.push(
        `${label}: incremental projection caught up in ${seconds.toFixed(1)}s = ${Math.round(Number(head) / seconds)} events/s`,
      );
    }
    await projector.stop();
    // Baseline of the same run: reading the log and parsing its JSON, nothing else.
    const read = performance.now();
    let after = 0n;
    for (;;) {
      const page = await store.readAll({ after, limit: 2000 });
      if (page.length === 0) break;
      after = page[page.length - 1]!.position;
    }
    const readSeconds = (performance.now() - read) / 1000;
    lines.push(
      `${label}: baseline read + JSON.parse of the log: ${Math.round(Number(head) / readSeconds)} events/s`,
    );
    const incremental = await dumpReadModel(live);

    const result = await replayReadModel(store, config, { logger: quiet });
    lines.push(
      `${label}: replayed ${result.events} events in ${(result.projectMs / 1000).toFixed(1)}s = ` +
        `${result.eventsPerSecond} events/s; switch ${Math.round(result.switchMs)} ms`,
    );
    expect(result.events).toBe(Number(head));
    expect(await dumpReadModel(live)).toEqual(incremental);
    await live.close();
  });
});
