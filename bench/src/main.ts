/**
 * `npm run bench [-- --store sqlite|postgres --scale N --only append,replay,... --seed S
 *   --reps R --smoke --out DIR]`: seeds a school year's log, measures every section next
 * to a baseline measured in the same run, prints the table and writes
 * bench/results/<date>.json and .md. Method: bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appendSection } from './append.js';
import { apiSections, SMALL_SCALE } from './api.js';
import { BenchContext, reachable, SECTIONS, type BenchOptions, type Section, type Times } from './context.js';
import { postgresMainStore, sqliteMainStore, type MainStore } from './main-store.js';
import { pipelineRow } from './pipeline.js';
import { replaySection } from './replay.js';
import { textTable, writeResults, type Row } from './report.js';
import { seedPostgres, seedSqlite } from './seed.js';
import { startSink, sweepSection } from './sweep.js';
import { logInOrder, TASKS_PER_SCALE } from './workload.js';

const USAGE = `usage: npm run bench -- [--store sqlite|postgres] [--scale N] [--only ${SECTIONS.join(',')}]
                      [--seed N] [--reps N] [--smoke] [--out DIR] [--pg URL] [--keep]`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      store: { type: 'string', default: 'sqlite' },
      scale: { type: 'string' },
      only: { type: 'string' },
      seed: { type: 'string', default: '2023' },
      reps: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results' },
      pg: {
        type: 'string',
        default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const store = values.store;
  if (store !== 'sqlite' && store !== 'postgres')
    throw new Error(`--store must be sqlite or postgres\n${USAGE}`);
  const smoke = values.smoke ?? false;
  const scale = Number(values.scale ?? (smoke ? 0.005 : 1));
  if (!(scale > 0)) throw new Error(`--scale must be a positive number\n${USAGE}`);
  const reps = Number(values.reps ?? 3);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps must be a positive integer\n${USAGE}`);
  const only = (values.only ?? SECTIONS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--only: unknown section(s) ${unknown.join(', ')}\n${USAGE}`);
  return {
    store,
    scale,
    seed: Number(values.seed),
    reps,
    only: only as Section[],
    smoke,
    outDir: resolve(values.out ?? 'bench/results'),
    pgUrl: values.pg!,
    keep: values.keep ?? false,
  };
}

const FULL: Times = { appendMs: 1500, loadMs: 3000, warmupMs: 500, probeMs: 2000, deliveryMs: 1500 };
const SMOKE: Times = { appendMs: 150, loadMs: 300, warmupMs: 100, probeMs: 200, deliveryMs: 150 };

export async function runBench(options: BenchOptions): Promise<{ rows: Row[]; json: string; md: string }> {
  const startedAt = new Date();
  const started = performance.now();
  // These machines are shared: the load average says how contended the run was.
  const loadAtStart = loadavg()[0];
  const workDir = mkdtempSync(join(tmpdir(), 'chessboard-bench-'));
  const pgUrl = (await reachable(options.pgUrl)) ? options.pgUrl : null;
  if (options.store === 'postgres' && !pgUrl)
    throw new Error(`--store postgres: cannot reach ${options.pgUrl}`);
  const ctx = new BenchContext(options, workDir, pgUrl, options.smoke ? SMOKE : FULL);
  const sections = new Set(options.only);
  const needsLog = ['replay', 'sweep', 'queries', 'roundtrip', 'growth'].some((s) =>
    sections.has(s as Section),
  );
  const needsApi = ['queries', 'roundtrip', 'growth'].some((s) => sections.has(s as Section));
  const sink = await startSink();
  // Ctrl-C: still drop the PostgreSQL schemas and the scratch directory (children exit on disconnect).
  const interrupted = (signal: NodeJS.Signals) => {
    ctx.log(`${signal}: cleaning up`);
    void ctx
      .cleanup()
      .catch(() => undefined)
      .finally(() => {
        if (!options.keep) rmSync(workDir, { recursive: true, force: true });
        process.exit(130);
      });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const contactOf = (unitId: string) => `${sink.url}/hooks/${unitId}`;
  const rows: Row[] = [];
  const notes: string[] = [];
  const workload: Record<string, unknown> = {
    store: options.store,
    scale: options.scale,
    seed: options.seed,
    tasks: Math.round(TASKS_PER_SCALE * options.scale) + 1,
  };

  const seeded = async (name: string, scale: number): Promise<MainStore> => {
    const dataDir = ctx.path(name);
    mkdirSync(dataDir, { recursive: true });
    const log = logInOrder(options.seed, scale, contactOf);
    if (options.store === 'sqlite') {
      const result = await seedSqlite(join(dataDir, 'events.db'), log);
      ctx.log(
        `seeded ${result.events.toLocaleString('en-US')} events (SQLite, ${name}) in ${(result.ms / 1000).toFixed(1)} s`,
      );
      if (name === 'main') workload.events = result.events;
      return sqliteMainStore(dataDir);
    }
    const schema = await ctx.pgSchema(name);
    const result = await seedPostgres(pgUrl!, schema, log);
    ctx.log(
      `seeded ${result.events.toLocaleString('en-US')} events (PostgreSQL ${schema}) in ${(result.ms / 1000).toFixed(1)} s`,
    );
    if (name === 'main') workload.events = result.events;
    return postgresMainStore(dataDir, pgUrl!, schema);
  };

  let pipeline: Row | null = null;
  try {
    if (sections.has('append')) rows.push(...(await appendSection(ctx)));
    if (needsLog) {
      const main = await seeded('main', options.scale);
      rows.push(...(await replaySection(ctx, main, sections.has('replay'))));
      if (sections.has('sweep')) rows.push(...(await sweepSection(ctx, main, sink.url)));
      if (sections.has('roundtrip')) {
        const raw = rows.find((r) => r.name === 'append sqlite, 1 writer');
        const rawPg = rows.find((r) => r.name === 'append postgres, 1 writer');
        const baseline = (options.store === 'sqlite' ? raw : rawPg)?.baseline ?? null;
        pipeline = await pipelineRow(ctx, main, baseline);
      }
      if (needsApi) {
        const small = async () => {
          const store = await seeded('small', Math.min(SMALL_SCALE, options.scale / 2));
          await replaySection(ctx, store, false);
          return store;
        };
        rows.push(...(await apiSections(ctx, main, sections, small)));
      }
      if (pipeline) {
        // Listed under the round trip it explains.
        const at = rows.findIndex((r) => r.name.includes('round trip p99'));
        rows.splice(at < 0 ? rows.length : at + 1, 0, pipeline);
      }
      if (options.scale < 10 && sections.has('queries')) {
        notes.push(
          'Queries at 100k tasks need `--scale 10` (2M events); this run measured them at the seeded task count only.',
        );
      }
      if (options.scale < 5 && sections.has('growth')) {
        notes.push(
          "The growth row compares the seeded log with a 10k-event one; the issue's 1M-event figure needs `--scale 5`.",
        );
      }
    }
  } finally {
    await sink.close();
    await ctx
      .cleanup()
      .catch((error: unknown) => ctx.log(`could not drop the PostgreSQL schemas: ${String(error)}`));
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
    else ctx.log(`kept ${workDir}`);
  }

  const durationS = (performance.now() - started) / 1000;
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
  const { json, md } = writeResults(
    options.outDir,
    {
      startedAt: startedAt.toISOString(),
      command,
      options: { ...options, pgUrl: pgUrl ? 'reachable' : 'unreachable' },
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? '?',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        loadAverage: `${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end (1-min)`,
      },
      workload,
      durationS,
      notes,
    },
    rows,
  );
  console.log(textTable(rows));
  for (const note of notes) console.log(`note: ${note}`);
  console.log(`\n${durationS.toFixed(0)} s; results: ${json}, ${md}`);
  return { rows, json, md };
}

runBench(parseOptions(process.argv.slice(2))).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
