/**
 * 1. Append, at the event-store level: one event per append with expectedRevision and the
 * hash chain, 1 writer and 16 concurrent writers, per adapter; next to a raw single-row
 * insert of the same row shape into the same table (same journal settings), and the same
 * workload through Emmett's stores when they are installed.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { appendPeer, peerStatus, type PeerStore } from './peer.js';
import { row, type Row } from './report.js';
import { ChainBuilder, SQLITE_INSERT, type EventRow } from './seed.js';
import { alternate, median, timedLoop, type LoadSample } from './stats.js';
import type { BenchContext } from './context.js';
import { taskEvents, type SeedEvent } from './workload.js';

const STREAMS_PER_WRITER = 64;

type Alternated = { ours: LoadSample[]; baseline: LoadSample[] };

/** ProgressReported events from the workload: realistic payloads to append over and over. */
function payloads(ctx: BenchContext): SeedEvent[] {
  const events: SeedEvent[] = [];
  for (let i = 0; events.length < 256; i++) {
    events.push(
      ...taskEvents(ctx.seed, i, () => 'https://hooks.example.edu.cn/x').filter(
        (e) => e.type === 'ProgressReported',
      ),
    );
  }
  return events;
}

/** Per writer: its own streams and their revisions, so writers never conflict. */
class Streams {
  readonly #revisions = new Map<string, number>();

  constructor(readonly prefix: string) {}

  next(worker: number, n: number): { streamId: string; current: number } {
    const streamId = `task-${this.prefix}-${worker}-${n % STREAMS_PER_WRITER}`;
    const current = this.#revisions.get(streamId) ?? -1;
    this.#revisions.set(streamId, current + 1);
    return { streamId, current };
  }
}

async function adapterLoop(
  ctx: BenchContext,
  store: EventStore,
  events: SeedEvent[],
  workers: number,
  rep: number,
): Promise<LoadSample> {
  const streams = new Streams(`w${workers}r${rep}-${randomUUID().slice(0, 8)}`);
  return timedLoop({ workers, durationMs: ctx.times.appendMs }, async (worker, n) => {
    const event = events[n % events.length];
    const { streamId, current } = streams.next(worker, n);
    await store.append(streamId, [{ type: event.type, data: event.data }], {
      expectedRevision: current < 0 ? 'no_stream' : current,
      actor: event.actor,
      occurredAt: event.occurredAt,
      correlationId: randomUUID(),
    });
  });
}

/** A stored row of the same shape (id, stream, revision, JSON data and metadata with a hash). */
function rowTemplate(events: SeedEvent[]): EventRow {
  return new ChainBuilder().row(events[0]);
}

/** The raw baseline's insert values: the template row again under a new id at the next revision. */
function rawRowValues(template: EventRow): () => unknown[] {
  let revision = 0;
  return () => [
    randomUUID(),
    template.streamId,
    revision++,
    template.type,
    template.data,
    template.metadata,
    template.occurredAt,
    template.actorId,
  ];
}

/** Our store against a raw baseline, repetitions alternated: with 1 writer, then with 16. */
async function oneAndSixteenWriters(
  ctx: BenchContext,
  store: EventStore,
  events: SeedEvent[],
  rawLoop: (n: number) => Promise<LoadSample>,
  logs: { one: string; sixteen: string },
): Promise<{ single: Alternated; sixteen: Alternated }> {
  ctx.log(logs.one);
  const single = await alternate(
    ctx.reps,
    (rep) => adapterLoop(ctx, store, events, 1, rep),
    () => rawLoop(1),
  );
  ctx.log(logs.sixteen);
  const sixteen = await alternate(
    ctx.reps,
    (rep) => adapterLoop(ctx, store, events, 16, rep),
    () => rawLoop(16),
  );
  return { single, sixteen };
}

export async function appendSection(ctx: BenchContext): Promise<Row[]> {
  const events = payloads(ctx);
  const rows: Row[] = [];
  rows.push(...(await sqliteAppend(ctx, events)));
  if (ctx.pgUrl) rows.push(...(await postgresAppend(ctx, events)));
  else
    rows.push(
      row({
        section: 'append',
        name: 'append postgres',
        unit: 'ev/s',
        ours: null,
        baselineName: '—',
        baseline: null,
        note: 'PostgreSQL not reachable',
      }),
    );
  return rows;
}

async function sqliteAppend(ctx: BenchContext, events: SeedEvent[]): Promise<Row[]> {
  const store = SqliteEventStore.open(ctx.path('append-adapter.db'));
  const rawPath = ctx.path('append-raw.db');
  await SqliteEventStore.open(rawPath).close(); // the adapter's own table, indexes and triggers
  const raw = new Database(rawPath, { timeout: 5000 });
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL'); // as the adapter sets it
  const insert = raw.prepare(SQLITE_INSERT);
  const rawValues = rawRowValues(rowTemplate(events));
  const rawRow = () => [...rawValues(), null];
  const one = raw.transaction(() => insert.run(...rawRow()));
  const batch = raw.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(...rawRow());
  });
  const rawLoop = (rowsPerTransaction: number): Promise<LoadSample> =>
    timedLoop({ workers: 1, durationMs: ctx.times.appendMs }, async () => {
      if (rowsPerTransaction === 1) one.immediate();
      else batch.immediate(rowsPerTransaction);
    }).then((s) => ({ ...s, rate: s.rate * rowsPerTransaction }));

  const { single, sixteen } = await oneAndSixteenWriters(ctx, store, events, rawLoop, {
    one: 'append: sqlite, 1 writer vs raw single-row insert',
    sixteen: 'append: sqlite, 16 writers vs raw 16 rows per transaction',
  });
  await store.close();
  raw.close();

  const rate = (samples: LoadSample[]) => median(samples.map((s) => s.rate));
  const oursOne = rate(single.ours);
  const rawOne = rate(single.baseline);
  const oursSixteen = rate(sixteen.ours);
  const rawBatched = rate(sixteen.baseline);
  const detail = (samples: LoadSample[]) => ({
    reps: samples.map((s) => Math.round(s.rate)),
    p50Ms: median(samples.map((s) => s.p50)),
    p99Ms: median(samples.map((s) => s.p99)),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    firstError: samples.find((s) => s.firstError)?.firstError,
  });
  const rows = [
    row({
      section: 'append',
      name: 'append sqlite, 1 writer',
      unit: 'ev/s',
      ours: oursOne,
      baselineName: 'raw better-sqlite3 1-row txn',
      baseline: rawOne,
      target: '≥ 0.80× raw',
      pass: oursOne / rawOne >= 0.8,
      detail: { ours: detail(single.ours), baseline: detail(single.baseline) },
    }),
    row({
      section: 'append',
      name: 'append sqlite, 16 writers',
      unit: 'ev/s',
      ours: oursSixteen,
      baselineName: 'ours, 1 writer',
      baseline: oursOne,
      target: '≥ 3× 1 writer',
      pass: oursSixteen / oursOne >= 3,
      detail: { ours: detail(sixteen.ours) },
    }),
    row({
      section: 'append',
      name: 'raw sqlite, 16 rows/txn (group-commit ceiling)',
      unit: 'ev/s',
      ours: rawBatched,
      baselineName: 'raw 1-row txn',
      baseline: rawOne,
      detail: { baseline: detail(sixteen.baseline) },
    }),
  ];
  rows.push(await peerRow(ctx, 'sqlite', events, oursOne));
  return rows;
}

async function postgresAppend(ctx: BenchContext, events: SeedEvent[]): Promise<Row[]> {
  const url = ctx.pgUrl!;
  const schema = await ctx.pgSchema('append');
  const rawSchema = await ctx.pgSchema('append_raw');
  const store = await PostgresEventStore.connect(url, { schema, maxConnections: 16 });
  await (await PostgresEventStore.connect(url, { schema: rawSchema })).close();
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  await pool.query(`CREATE SEQUENCE "${rawSchema}".raw_position`);
  const rawValues = rawRowValues(rowTemplate(events));
  const sql = `INSERT INTO "${rawSchema}".events
    (position, id, stream_id, revision, type, data, metadata, occurred_at, actor_id, idempotency_key)
    VALUES (nextval('"${rawSchema}".raw_position'), $1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::timestamptz, $8, NULL)`;
  const rawLoop = (workers: number) =>
    timedLoop({ workers, durationMs: ctx.times.appendMs }, async () => {
      await pool.query(sql, rawValues());
    });
  const { single, sixteen } = await oneAndSixteenWriters(ctx, store, events, rawLoop, {
    one: 'append: postgres, 1 writer vs raw pg insert, 1 client',
    sixteen: 'append: postgres, 16 writers vs raw pg insert, 16 clients',
  });
  await store.close();
  await pool.end();
  const rate = (samples: LoadSample[]) => median(samples.map((s) => s.rate));
  const reps = (samples: LoadSample[]) => samples.map((s) => Math.round(s.rate));
  const oursOne = rate(single.ours);
  return [
    row({
      section: 'append',
      name: 'append postgres, 1 writer',
      unit: 'ev/s',
      ours: oursOne,
      baselineName: 'raw pg INSERT, 1 client',
      baseline: rate(single.baseline),
      detail: { ours: reps(single.ours), baseline: reps(single.baseline) },
    }),
    row({
      section: 'append',
      name: 'append postgres, 16 writers',
      unit: 'ev/s',
      ours: rate(sixteen.ours),
      baselineName: 'raw pg INSERT, 16 clients',
      baseline: rate(sixteen.baseline),
      detail: {
        ours: reps(sixteen.ours),
        baseline: reps(sixteen.baseline),
        speedupOver1Writer: rate(sixteen.ours) / oursOne,
      },
    }),
    await peerRow(ctx, 'postgres', events, oursOne),
  ];
}

/** Ours (1 writer) against Emmett's store on the same database, when Emmett is installed. */
async function peerRow(
  ctx: BenchContext,
  kind: 'sqlite' | 'postgres',
  events: SeedEvent[],
  ours: number,
): Promise<Row> {
  const name = `append ${kind}, 1 writer, vs Emmett`;
  const status = await peerStatus(kind);
  const base = { section: 'append', name, unit: 'ev/s', ours, target: '> 1.0× peer' } as const;
  if (!status.installed)
    return row({
      ...base,
      baselineName: 'peer: not installed',
      baseline: null,
      pass: null,
      note: status.reason,
    });
  let peer: PeerStore | null = null;
  try {
    peer = await status.open(
      kind === 'sqlite' ? ctx.path('append-emmett.db') : ctx.pgUrl!,
      await ctx.pgSchema('emmett'),
    );
    const samples: number[] = [];
    for (let rep = 0; rep < ctx.reps; rep++) {
      const streams = new Streams(`emmett${rep}`);
      const s = await timedLoop({ workers: 1, durationMs: ctx.times.appendMs }, async (worker, n) => {
        const { streamId, current } = streams.next(worker, n);
        const event = events[n % events.length];
        await appendPeer(peer!, streamId, event, current);
      });
      if (s.errors > 0) throw new Error(s.firstError);
      samples.push(s.rate);
    }
    const baseline = median(samples);
    return row({ ...base, baselineName: `Emmett ${status.version}`, baseline, pass: ours / baseline > 1 });
  } catch (error) {
    return row({
      ...base,
      baselineName: `peer: failed (${error instanceof Error ? error.message : String(error)})`,
      baseline: null,
      pass: null,
    });
  } finally {
    await peer?.close().catch(() => undefined);
  }
}
