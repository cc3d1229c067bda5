import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ServiceUnavailableError, ValidationError } from '#domain';
import type { RecordedEvent } from '../event-store.port.js';
import { verifyStreamChain } from '../hash-chain.js';
import { describeGroupCommit } from '../testing/group-commit.contract.js';
import { appendOptions, describeEventStoreContract } from '../testing/index.js';
import { PostgresEventStore } from './postgres-event-store.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Each store gets its own schema, so parallel test files and tests never share a table. */
async function isolated(options: { pollMs?: number; maxConnections?: number } = {}) {
  const schema = `es_test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const store = await PostgresEventStore.connect(DATABASE_URL, { schema, ...options });
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  return {
    schema,
    store,
    admin,
    async cleanup() {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
    /** What someone with database access does: get past the trigger and edit a row. */
    async tamper(streamId: string, revision: number) {
      await admin.query(`ALTER TABLE "${schema}".events DISABLE TRIGGER events_append_only`);
      await admin.query(
        `UPDATE "${schema}".events SET data = jsonb_set(data, '{n}', '999') WHERE stream_id = $1 AND revision = $2`,
        [streamId, revision],
      );
      await admin.query(`ALTER TABLE "${schema}".events ENABLE TRIGGER events_append_only`);
    },
  };
}

describeEventStoreContract('PostgreSQL', () => isolated());

describeGroupCommit('PostgreSQL', async () => {
  const subject = await isolated();
  return {
    store: subject.store,
    reopen: () => PostgresEventStore.connect(DATABASE_URL, { schema: subject.schema }),
    cleanup: () => subject.cleanup(),
  };
});

/** The store's advisory lock key, so a test can stand in for an append in flight. */
function lockKeyOf(store: PostgresEventStore): string {
  return (store as unknown as { lockKey: string }).lockKey;
}

describe('PostgresEventStore', () => {
  jest.setTimeout(60_000);
  const options = appendOptions();
  let subject: Awaited<ReturnType<typeof isolated>>;

  afterEach(async () => {
    await subject?.cleanup();
  });

  it('shows every position exactly once, in order and without gaps, to readers racing 16 writers', async () => {
    subject = await isolated({ pollMs: 5, maxConnections: 20 });
    const { store } = subject;
    const writers = 16;
    const appendsPerWriter = 25;
    const controller = new AbortController();

    const followed: bigint[] = [];
    const follower = (async () => {
      for await (const event of store.follow(0n, controller.signal)) followed.push(event.position);
    })();

    // A second reader pages readAll as fast as it can, checkpointing like a projection would.
    const polled: bigint[] = [];
    let writing = true;
    const poller = (async () => {
      let after = 0n;
      while (writing || after < (await store.headPosition())) {
        const page = await store.readAll({ after, limit: 7 });
        for (const event of page) polled.push(event.position);
        if (page.length > 0) after = page[page.length - 1].position;
      }
    })();

    let expected = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appendsPerWriter; i++) {
          const count = 1 + ((w + i) % 3);
          expected += count;
          const events = Array.from({ length: count }, (__, k) => ({ type: 'Noted', data: { w, i, k } }));
          await store.append(`task-${w}`, events, options);
        }
      }),
    );
    writing = false;
    await poller;
    const head = await store.headPosition();
    expect(head).toBe(BigInt(expected));
    const deadline = Date.now() + 10_000;
    while (followed.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await follower;

    const everyPosition = Array.from({ length: expected }, (_, i) => BigInt(i + 1));
    expect(followed).toEqual(everyPosition);
    expect(polled).toEqual(everyPosition);
    for (let w = 0; w < writers; w++) {
      expect(verifyStreamChain(await store.readStream(`task-${w}`))).toEqual({ ok: true });
    }
  });

  it('commits the appends made while another transaction holds the lock in one transaction, in call order', async () => {
    subject = await isolated();
    const { store, schema } = subject;
    const inFlight = new pg.Client({ connectionString: DATABASE_URL });
    await inFlight.connect();
    await inFlight.query('BEGIN');
    await inFlight.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKeyOf(store)]);
    const first = store.append('task-0', [{ type: 'Noted', data: { i: 0 } }], options);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // These arrive while the first batch waits for the lock: they share the next transaction.
    const waiting = Array.from({ length: 16 }, (_, i) =>
      store.append(`task-${i % 4}`, [{ type: 'Noted', data: { i: i + 1 } }], options),
    );
    await inFlight.query('COMMIT');
    await inFlight.end();
    await Promise.all([first, ...waiting]);

    const { rows } = await subject.admin.query<{ position: string; tx: string }>(
      `SELECT position, xmin::text AS tx FROM "${schema}".events ORDER BY position`,
    );
    expect(rows.map((r) => Number(r.position))).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(new Set(rows.slice(1).map((r) => r.tx)).size).toBe(1);
    expect(rows[0].tx).not.toBe(rows[1].tx);
    expect((await store.readAll()).map((e) => (e.data as { i: number }).i)).toEqual(
      Array.from({ length: 17 }, (_, i) => i),
    );
  });

  it('fails only the append whose value PostgreSQL refuses when it shares a batch', async () => {
    subject = await isolated();
    const { store } = subject;
    const settled = await Promise.allSettled([
      store.append('task-1', [{ type: 'Noted', data: { n: 1 } }], options),
      store.append('task-2', [{ type: 'Noted', data: { text: 'nul \u0000 here' } }], options),
      store.append('task-1', [{ type: 'Noted', data: { n: 2 } }], { ...options, expectedRevision: 0 }),
      store.append('task-3\u0000', [{ type: 'Noted', data: { n: 3 } }], options),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    const all = await store.readAll();
    expect(all.map((e) => [e.streamId, e.position])).toEqual([
      ['task-1', 1n],
      ['task-1', 2n],
    ]);
    expect(verifyStreamChain(all)).toEqual({ ok: true });
  });

  it('cannot commit a later append while an earlier one is still in flight', async () => {
    subject = await isolated();
    const { store } = subject;
    await store.append('task-1', [{ type: 'Noted', data: {} }], options);

    // Stand in for an append that has taken its place in the log but not committed yet.
    const inFlight = new pg.Client({ connectionString: DATABASE_URL });
    await inFlight.connect();
    await inFlight.query('BEGIN');
    await inFlight.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKeyOf(store)]);

    let committed = false;
    const later = store.append('task-2', [{ type: 'Noted', data: {} }], options).then((result) => {
      committed = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(committed).toBe(false);
    expect(await store.readAll({ after: 1n })).toEqual([]);

    await inFlight.query('COMMIT');
    await inFlight.end();
    expect((await later).position).toBe(2n);
  });

  it('wakes a follower in another process through NOTIFY rather than the poll timer', async () => {
    subject = await isolated({ pollMs: 60_000 });
    const other = await PostgresEventStore.connect(DATABASE_URL, { schema: subject.schema });
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const following = (async () => {
      for await (const event of subject.store.follow(0n, controller.signal)) {
        seen.push(event);
        if (seen.length === 2) controller.abort();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));

    await other.append('task-1', [{ type: 'Noted', data: { n: 1 } }], options);
    await other.append('task-2', [{ type: 'Noted', data: { n: 2 } }], options);
    const started = Date.now();
    await following;

    expect(seen.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(Date.now() - started).toBeLessThan(5_000);
    await other.close();
  });

  it('two stores on one schema (two API processes) serialise their appends', async () => {
    subject = await isolated();
    const other = await PostgresEventStore.connect(DATABASE_URL, { schema: subject.schema });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? subject.store : other).append(`task-${i % 4}`, [{ type: 'Noted', data: { i } }], options),
      ),
    );
    const all = await subject.store.readAll();
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 40 }, (_, i) => BigInt(i + 1)));
    for (let s = 0; s < 4; s++) {
      expect(verifyStreamChain(await other.readStream(`task-${s}`))).toEqual({ ok: true });
    }
    await other.close();
  });

  it('does not trust the head it wrote last once another process has appended to the stream', async () => {
    subject = await isolated();
    const other = await PostgresEventStore.connect(DATABASE_URL, { schema: subject.schema });
    const { store } = subject;
    await store.append('task-1', [{ type: 'Noted', data: { n: 0 } }], options);
    await other.append('task-1', [{ type: 'Noted', data: { n: 1 } }], options);

    await expect(
      store.append('task-1', [{ type: 'Noted', data: { n: 2 } }], { ...options, expectedRevision: 0 }),
    ).rejects.toMatchObject({ actualRevision: 1 });
    const appended = await store.append('task-1', [{ type: 'Noted', data: { n: 2 } }], {
      ...options,
      expectedRevision: 1,
    });
    expect(appended).toMatchObject({ revision: 2, position: 3n });
    await other.append('task-1', [{ type: 'Noted', data: { n: 3 } }], options);
    expect((await store.append('task-1', [{ type: 'Noted', data: { n: 4 } }], options)).position).toBe(5n);

    const events = await store.readStream('task-1');
    expect(events.map((e) => [e.revision, e.position, e.data])).toEqual(
      [0, 1, 2, 3, 4].map((n) => [n, BigInt(n + 1), { n }]),
    );
    expect(verifyStreamChain(events)).toEqual({ ok: true });
    await other.close();
  });

  it('refuses ordinary UPDATE, DELETE and TRUNCATE on events', async () => {
    subject = await isolated();
    await subject.store.append('task-1', [{ type: 'Noted', data: {} }], options);
    const table = `"${subject.schema}".events`;
    await expect(subject.admin.query(`UPDATE ${table} SET type = 'X'`)).rejects.toThrow(/append-only/);
    await expect(subject.admin.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    await expect(subject.admin.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
  });

  it('connects again to an existing schema without touching its events', async () => {
    subject = await isolated();
    await subject.store.append('task-1', [{ type: 'Noted', data: { n: 1 } }], options);
    const again = await PostgresEventStore.connect(DATABASE_URL, { schema: subject.schema });
    expect(await again.readStream('task-1')).toHaveLength(1);
    await again.close();
  });

  it('reports a server it cannot reach as ServiceUnavailableError', async () => {
    subject = await isolated();
    await expect(
      PostgresEventStore.connect('postgres://postgres@127.0.0.1:1/test', { connectionTimeoutMs: 1000 }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('reports a connection killed mid-append as ServiceUnavailableError, writes nothing, and recovers', async () => {
    subject = await isolated();
    const { store, admin } = subject;
    await store.append('task-1', [{ type: 'Noted', data: { n: 1 } }], options);
    const inFlight = new pg.Client({ connectionString: DATABASE_URL });
    await inFlight.connect();
    await inFlight.query('BEGIN');
    await inFlight.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKeyOf(store)]);

    const doomed = store.append('task-1', [{ type: 'Noted', data: { n: 2 } }], options);
    const outcome = doomed.catch((error: unknown) => error);
    const waiting = async () =>
      (
        await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid <> $1`,
          [(inFlight as unknown as { processID: number }).processID],
        )
      ).rows;
    while ((await waiting()).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const { pid } of await waiting()) await admin.query('SELECT pg_terminate_backend($1)', [pid]);

    expect(await outcome).toBeInstanceOf(ServiceUnavailableError);
    await inFlight.query('ROLLBACK');
    await inFlight.end();
    expect(await store.readStream('task-1')).toHaveLength(1);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.append('task-1', [{ type: 'Noted', data: { n: 2 } }], options);
    expect(verifyStreamChain(await store.readStream('task-1'))).toEqual({ ok: true });
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    subject = await isolated();
    await expect(
      PostgresEventStore.connect(DATABASE_URL, { schema: 'x"; DROP TABLE y; --' }),
    ).rejects.toThrow(/schema/);
  });
});
