/**
 * 5. Reminders: one sweep over the open tasks of the read model (seconds), next to a raw
 * read + JSON.parse of the same rows, at the seeded size and at 100,000 open tasks; then
 * delivery as the embedded runner does it (REMINDER_CONCURRENCY reminders at a time, each:
 * read the task stream, POST the webhook, append ReminderSent) to a local webhook sink, next
 * to bare POSTs to the same sink with the same concurrency.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_REMINDER_SCHEDULE } from '#domain';
import { OPEN_STATUSES, type Db } from '#projections';
import { sql } from 'kysely';
import {
  createReminderRuntime,
  deliverReminder,
  loadReminderConfig,
  readModelOpenTasks,
  sweepReminders,
  type ReminderJob,
} from '#reminders';
import type { BenchContext } from './context.js';
import type { MainStore } from './main-store.js';
import { row, type Row } from './report.js';
import { alternate, median, timedLoop } from './stats.js';
import { SWEEP_NOW } from './workload.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A local webhook receiver that answers 200 to everything. */
export async function startSink(): Promise<{
  url: string;
  received: () => number;
  close: () => Promise<void>;
}> {
  // The sink listens on 127.0.0.1, which the worker's SSRF guard refuses unless private
  // addresses are allowed (libs/reminders/src/notifiers/ssrf-guard.ts).
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function sweepSection(ctx: BenchContext, main: MainStore, sinkUrl: string): Promise<Row[]> {
  const store = await main.openStore();
  const readModel = await main.openReadModel();
  try {
    const jobs: ReminderJob[] = [];
    let scanned = 0;
    const sweep = async () => {
      jobs.length = 0;
      const started = performance.now();
      const result = await sweepReminders(
        readModelOpenTasks(readModel.db),
        async (found) => {
          jobs.push(...found);
          return found.length;
        },
        { now: SWEEP_NOW, schedule: DEFAULT_REMINDER_SCHEDULE },
      );
      scanned = result.scanned;
      return (performance.now() - started) / 1000;
    };
    let rawCount = 0;
    const raw = async () => {
      const started = performance.now();
      rawCount = await main.rawOpenTasks();
      return (performance.now() - started) / 1000;
    };
    const measure = async (label: string, atScale: boolean): Promise<Row> => {
      ctx.log(`sweep${label}: ${ctx.reps} reps`);
      const sweeps = await alternate(ctx.reps, sweep, raw);
      const seconds = median(sweeps.ours);
      const open = rawCount;
      const per100k = open > 0 ? (seconds * 100_000) / open : NaN;
      return row({
        section: 'sweep',
        name: `sweep${label}, ${open.toLocaleString('en-US')} open tasks (${jobs.length.toLocaleString('en-US')} due, ${scanned.toLocaleString('en-US')} read)`,
        unit: 's',
        ours: seconds,
        baselineName: 'raw read + JSON.parse of every open task',
        baseline: median(sweeps.baseline),
        target: atScale
          ? open >= 100_000
            ? '< 1 s at 100k open'
            : '< 1 s at 100k open (linear extrapolation)'
          : undefined,
        pass: atScale ? per100k < 1 : undefined,
        detail: {
          ours: sweeps.ours,
          baseline: sweeps.baseline,
          open,
          due: jobs.length,
          scanned,
          secondsPer100kOpen: per100k,
        },
      });
    };
    const rows: Row[] = [await measure('', false)];
    // The figure: 100,000 open tasks. Seeding a log that large (scale ~22) would take
    // longer than the whole run may, so the read model's own open rows are copied under new
    // ids until there are 100k (same deadlines, reminder steps and state), measured, removed.
    const copies = await replicateOpenTasks(
      readModel.db,
      main.kind,
      ctx.options.smoke ? 2_000 : 100_000,
      ctx.log.bind(ctx),
    );
    try {
      rows.push(
        await measure(ctx.options.smoke ? ' (open rows copied)' : ' at 100k (open rows copied)', true),
      );
    } finally {
      await removeCopies(readModel.db, copies);
    }
    await sweep(); // the real tasks' due reminders again: those are what delivery sends

    const config = loadReminderConfig({
      WEBHOOK_SECRET: 'bench-webhook-secret-0123456789',
      REMINDER_DELIVERY_TIMEOUT: '10s',
    });
    const runtime = createReminderRuntime({
      store,
      readModel,
      logger: silent,
      config,
      clock: () => new Date(SWEEP_NOW),
    });
    let next = 0;
    const deliver = () =>
      timedLoop(
        { workers: config.concurrency, durationMs: ctx.times.deliveryMs, maxOps: jobs.length - next },
        async () => {
          const job = jobs[next++];
          if (!job) throw new Error('no due reminder left');
          const delivered = new Set<string>();
          const outcome = await deliverReminder(runtime.delivery, {
            id: job.id,
            data: job.data,
            finalAttempt: true,
            ledger: { has: (k) => delivered.has(k), add: async (k) => void delivered.add(k) },
          });
          if (outcome.status !== 'recorded') throw new Error(`reminder ${outcome.status}`);
        },
      );
    const body = JSON.stringify({
      kind: 'OVERDUE',
      text: '催办提醒：'.repeat(40),
      taskId: jobs[0]?.data.taskId,
    });
    const post = () =>
      timedLoop({ workers: config.concurrency, durationMs: ctx.times.deliveryMs }, async () => {
        const response = await fetch(`${sinkUrl}/raw`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await response.text();
      });
    ctx.log(`delivery: ${ctx.reps} reps`);
    const deliveries = await alternate(ctx.reps, deliver, post);
    runtime.close();
    const outOfJobs = next >= jobs.length;
    rows.push(
      row({
        section: 'sweep',
        name: `reminder delivery (embedded, ${config.concurrency} at a time) to a webhook sink`,
        unit: '/s',
        ours: median(deliveries.ours.map((s) => s.rate)),
        baselineName: `bare POSTs, ${config.concurrency} at a time`,
        baseline: median(deliveries.baseline.map((s) => s.rate)),
        detail: {
          ours: deliveries.ours.map((s) => Math.round(s.rate)),
          baseline: deliveries.baseline.map((s) => Math.round(s.rate)),
          p50Ms: median(deliveries.ours.map((s) => s.p50)),
          errors: deliveries.ours.reduce((a, s) => a + s.errors, 0),
          firstError: deliveries.ours.find((s) => s.firstError)?.firstError,
        },
        note: outOfJobs ? 'ran out of due reminders in some repetitions' : undefined,
      }),
    );
    return rows;
  } finally {
    await readModel.close();
    await store.close();
  }
}

const COPY_MARK = '~copy';

/** Copies the open task rows under new ids (`<id>~copy<n>`) until at least `target` are open; returns the copy suffixes. */
async function replicateOpenTasks(
  db: Db,
  dialect: 'sqlite' | 'postgres',
  target: number,
  log: (m: string) => void,
): Promise<number> {
  const open = await db
    .selectFrom('tasks')
    .selectAll()
    .where('status', 'in', [...OPEN_STATUSES])
    .execute();
  if (open.length === 0 || open.length >= target) return 0;
  const copies = Math.ceil(target / open.length) - 1;
  log(`sweep: copying ${open.length.toLocaleString('en-US')} open rows ×${copies}`);
  await db.transaction().execute(async (trx) => {
    for (let n = 1; n <= copies; n++) {
      for (let i = 0; i < open.length; i += 100) {
        const part = open.slice(i, i + 100).map((r) => ({ ...r, id: `${r.id}${COPY_MARK}${n}` }));
        await trx.insertInto('tasks').values(part).execute();
      }
    }
  });
  // PostgreSQL answers the sweep from the index alone only for pages its visibility map marks
  // all-visible; on a live system autovacuum sets them after inserts, so do what it would.
  if (dialect === 'postgres') await sql`vacuum analyze tasks`.execute(db);
  return copies;
}

async function removeCopies(db: Db, copies: number): Promise<void> {
  if (copies > 0) await db.deleteFrom('tasks').where('id', 'like', `%${COPY_MARK}%`).execute();
}
