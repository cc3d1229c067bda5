/**
 * 2, 3, 6 and 7: the API in its own process, loaded over HTTP by a load generator in
 * another process, next to the bare graphql-js server answering the same operations.
 * Queries run before the round trip, so they see the seeded state.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signToken } from '../../apps/api/src/auth/jwt.js';
import { forkSibling, type BenchChild } from './child.js';
import type { BenchContext, Section } from './context.js';
import type { MainStore } from './main-store.js';
import {
  BOARD_QUERY,
  body,
  REPORT_MUTATION,
  TASK_QUERY,
  TASKS_FLAT_QUERY,
  TASKS_QUERY,
} from './operations.js';
import { row, type Row } from './report.js';
import { Rng } from './rng.js';
import { alternate, medianSample, type LoadSample } from './stats.js';
import { longTask, plannedUnits, planTasks, SWEEP_NOW, type PlannedTask } from './workload.js';

export const JWT_SECRET = 'bench-jwt-secret-bench-jwt-secret-0123456789';
const CLIENTS = 32;
const NOTES = [
  '本周完成受援院校教师跟岗培训，学员反馈良好，下一步组织课程共建研讨',
  '实训基地设备安装调试完成，已组织两批学生开展实训，形成阶段性总结报告并报送办公室备案',
  '线上对接会召开',
  '根据受援方需求调整培训方案，新增职业教育数字化专题两场，预计下月完成全部培训任务，相关材料已归档',
];

interface Server {
  readonly child: BenchChild;
  readonly url: string;
  readonly headers: Record<string, string>;
}

async function startApi(
  ctx: BenchContext,
  store: MainStore,
  name: string,
): Promise<Server & { startMs: number }> {
  const child = forkSibling(
    'api-server',
    {
      ...store.apiEnv(),
      AUTH_JWT_SECRET: JWT_SECRET,
      NODE_ENV: 'production',
      // One token drives the whole load: per-actor rate limits would measure the limiter.
      RATE_LIMIT_REQUESTS: '0',
      RATE_LIMIT_MUTATIONS: '0',
    },
    [],
    startNodeFlags(),
  );
  await child.ready();
  const info = await child.request<{ url: string; startMs: number }>({ type: 'info' });
  ctx.log(`${name}: API up at ${info.url} in ${Math.round(info.startMs)} ms`);
  const token = await signToken(
    { sub: 'office-1', role: 'office', name: '对口支援办公室', ttl: '4h' },
    JWT_SECRET,
  );
  return { child, url: info.url, startMs: info.startMs, headers: { authorization: `Bearer ${token}` } };
}

function mutationBodies(tasks: readonly PlannedTask[], rng: Rng): string[] {
  const open = tasks.filter((t) => t.open);
  const count = Math.max(CLIENTS, Math.floor(Math.min(open.length, 32 * 64) / CLIENTS) * CLIENTS);
  return Array.from({ length: count }, (_, i) => {
    const task = open[i % open.length];
    const target = task.targets[0];
    return body(REPORT_MUTATION, {
      input: {
        taskId: task.id,
        progress: rng.int(10, 95),
        note: rng.pick(NOTES),
        metrics: [{ key: target.key, value: rng.int(0, target.target) }],
      },
    });
  });
}

export async function apiSections(
  ctx: BenchContext,
  main: MainStore,
  sections: ReadonlySet<Section>,
  smallStore: () => Promise<MainStore>,
): Promise<Row[]> {
  const rows: Row[] = [];
  const children: BenchChild[] = [];
  try {
    const load = forkSibling('load');
    children.push(load);
    const bareChild = forkSibling('bare-server', {
      BENCH_SEED: String(ctx.seed),
      BENCH_SCALE: String(ctx.options.scale),
    });
    children.push(bareChild);
    const api = await startApi(ctx, main, 'main');
    children.push(api.child);
    await bareChild.ready();
    const bare: Server = {
      child: bareChild,
      url: (await bareChild.request<{ url: string }>({ type: 'info' })).url,
      headers: {},
    };

    const run = async (
      server: Server,
      bodies: string[],
      concurrency: number,
      durationMs: number,
    ): Promise<LoadSample> =>
      load.request<LoadSample>({
        type: 'run',
        url: server.url,
        headers: server.headers,
        bodies,
        concurrency,
        durationMs,
        warmupMs: ctx.times.warmupMs,
      });
    const peak = async (server: Server, reset: boolean) => {
      const reply = await server.child.request<{ peak: number; usage?: NodeJS.MemoryUsage }>({
        type: 'peak',
        reset,
      });
      if (!reset && reply.usage) {
        const mb = (n: number) => `${Math.round(n / 1_048_576)} MB`;
        const u = reply.usage;
        ctx.log(
          `peak RSS ${mb(reply.peak)}: V8 heap ${mb(u.heapUsed)} used of ${mb(u.heapTotal)}, external ${mb(u.external)}, array buffers ${mb(u.arrayBuffers)}`,
        );
      }
      return reply.peak / 1_048_576;
    };
    const pair = async (
      label: string,
      bodies: string[],
      concurrency: number,
      durationMs = ctx.times.loadMs,
    ) => {
      ctx.log(`${label}: ${ctx.reps} reps × (API, bare), ${concurrency} client(s)`);
      const result = await alternate(
        ctx.reps,
        () => run(api, bodies, concurrency, durationMs),
        () => run(bare, bodies, concurrency, durationMs),
      );
      return { ours: medianSample(result.ours), baseline: medianSample(result.baseline), raw: result };
    };
    const detail = (p: {
      ours: LoadSample;
      baseline: LoadSample;
      raw: { ours: LoadSample[]; baseline: LoadSample[] };
    }) => ({
      oursReqPerS: p.raw.ours.map((s) => Math.round(s.rate)),
      baselineReqPerS: p.raw.baseline.map((s) => Math.round(s.rate)),
      oursP50Ms: p.ours.p50,
      oursP99Ms: p.ours.p99,
      baselineP50Ms: p.baseline.p50,
      baselineP99Ms: p.baseline.p99,
      errors: p.ours.errors,
      firstError: p.ours.firstError,
    });

    const tasks = planTasks(ctx.seed, ctx.options.scale);
    const taskCount = tasks.length + 1;
    const at = `${taskCount.toLocaleString('en-US')} tasks`;
    const rng = new Rng(ctx.seed * 7919);

    if (sections.has('queries')) {
      await peak(api, true);
      await peak(bare, true);
      const taskBodies = Array.from({ length: 2000 }, () => body(TASK_QUERY, { id: rng.pick(tasks).id }));
      const units = plannedUnits();
      const filterBodies = (query: string) =>
        units.map((u) => body(query, { filter: { unitId: u.id, status: ['IN_PROGRESS', 'ASSIGNED'] } }));
      const byId = await pair('task(id)', taskBodies, CLIENTS);
      const list = await pair('tasks(first: 50, filter)', filterBodies(TASKS_QUERY), CLIENTS);
      ctx.log(`tasks(first: 50, filter) without unit/program: ${ctx.reps} reps (API only)`);
      const flatRuns: LoadSample[] = [];
      for (let rep = 0; rep < ctx.reps; rep++) {
        flatRuns.push(await run(api, filterBodies(TASKS_FLAT_QUERY), CLIENTS, ctx.times.loadMs));
      }
      const flat = medianSample(flatRuns);
      const board = await pair('board', [body(BOARD_QUERY)], CLIENTS);
      const boardSerial = await pair('board, 1 client', [body(BOARD_QUERY)], 1, ctx.times.probeMs);
      const queriesPeak = await peak(api, false);
      const barePeak = await peak(bare, false);
      rows.push(
        row({
          section: 'queries',
          name: `task(id), ${CLIENTS} clients, ${at}`,
          unit: 'req/s',
          ours: byId.ours.rate,
          baselineName: 'bare graphql-js',
          baseline: byId.baseline.rate,
          target: '≥ 0.40× bare',
          pass: byId.ours.rate / byId.baseline.rate >= 0.4 && byId.ours.errors === 0,
          detail: detail(byId),
        }),
        row({
          section: 'queries',
          name: `  task(id) p99`,
          unit: 'ms',
          ours: byId.ours.p99,
          baselineName: 'bare graphql-js',
          baseline: byId.baseline.p99,
        }),
        row({
          section: 'queries',
          name: `tasks(first: 50, filter), ${CLIENTS} clients, ${at}`,
          unit: 'req/s',
          ours: list.ours.rate,
          baselineName: 'bare graphql-js',
          baseline: list.baseline.rate,
          detail: detail(list),
        }),
        row({
          section: 'queries',
          name: `  tasks(first: 50, filter) p99`,
          unit: 'ms',
          ours: list.ours.p99,
          baselineName: 'bare graphql-js',
          baseline: list.baseline.p99,
        }),
        row({
          section: 'queries',
          name: `  same list without unit/program fields`,
          unit: 'req/s',
          ours: flat.rate,
          baselineName: 'with unit/program (ours)',
          baseline: list.ours.rate,
          detail: {
            oursReqPerS: flatRuns.map((r) => Math.round(r.rate)),
            p99Ms: flat.p99,
            errors: flat.errors,
          },
        }),
        row({
          section: 'queries',
          name: `board, ${CLIENTS} clients, ${at}`,
          unit: 'req/s',
          ours: board.ours.rate,
          baselineName: 'bare graphql-js',
          baseline: board.baseline.rate,
          detail: detail(board),
        }),
        row({
          section: 'queries',
          name: `board p99, 1 client, ${at}`,
          unit: 'ms',
          ours: boardSerial.ours.p99,
          baselineName: 'bare graphql-js',
          baseline: boardSerial.baseline.p99,
          target: '< 20 ms at 10k tasks',
          pass: boardSerial.ours.p99 < 20 && boardSerial.ours.errors === 0,
          detail: detail(boardSerial),
        }),
        row({
          section: 'memory',
          name: 'peak RSS of the API during queries',
          unit: 'MB',
          ours: queriesPeak,
          baselineName: 'bare graphql-js',
          baseline: barePeak,
          target: '≤ 300 MB',
          pass: queriesPeak <= 300,
        }),
      );
    }

    if (sections.has('roundtrip')) {
      await peak(api, true);
      await peak(bare, true);
      const mutations = await pair('reportProgress round trip', mutationBodies(tasks, rng), CLIENTS);
      const roundTripPeak = await peak(api, false);
      const barePeak = await peak(bare, false);
      rows.push(
        row({
          section: 'roundtrip',
          name: `reportProgress round trip, ${CLIENTS} clients`,
          unit: 'mut/s',
          ours: mutations.ours.rate,
          baselineName: 'bare graphql-js (memory)',
          baseline: mutations.baseline.rate,
          target: '≥ 2,500 mut/s',
          pass: mutations.ours.rate >= 2500 && mutations.ours.errors === 0,
          detail: detail(mutations),
        }),
        row({
          section: 'roundtrip',
          name: `  round trip p50`,
          unit: 'ms',
          ours: mutations.ours.p50,
          baselineName: 'bare graphql-js (memory)',
          baseline: mutations.baseline.p50,
        }),
        row({
          section: 'roundtrip',
          name: `  round trip p99`,
          unit: 'ms',
          ours: mutations.ours.p99,
          baselineName: 'bare graphql-js (memory)',
          baseline: mutations.baseline.p99,
          target: '< 50 ms',
          pass: mutations.ours.p99 < 50,
        }),
        row({
          section: 'memory',
          name: 'peak RSS of the API during the round trip',
          unit: 'MB',
          ours: roundTripPeak,
          baselineName: 'bare graphql-js',
          baseline: barePeak,
          target: '≤ 300 MB',
          pass: roundTripPeak <= 300,
        }),
      );
    }

    if (sections.has('growth')) {
      const small = await smallStore();
      const smallScale = Math.min(SMALL_SCALE, ctx.options.scale / 2);
      const smallApi = await startApi(ctx, small, 'small log');
      children.push(smallApi.child);
      const smallTasks = planTasks(ctx.seed, smallScale);
      const largeBodies = mutationBodies(tasks, rng);
      const smallBodies = mutationBodies(smallTasks, rng);
      ctx.log(`growth: p50 of serial mutations, large vs small log, ${ctx.reps} reps`);
      const growth = await alternate(
        ctx.reps,
        () => run(api, largeBodies, 1, ctx.times.probeMs),
        () => run(smallApi, smallBodies, 1, ctx.times.probeMs),
      );
      const large = medianSample(growth.ours);
      const smallSample = medianSample(growth.baseline);
      const long = longTask(ctx.seed);
      ctx.log(`task(asOf) on a task with ${long.eventCount} events, ${ctx.reps} reps`);
      const asOf = await alternate(
        ctx.reps,
        () => run(api, [body(TASK_QUERY, { id: long.id, asOf: SWEEP_NOW })], 1, ctx.times.probeMs),
        () => run(api, [body(TASK_QUERY, { id: long.id })], 1, ctx.times.probeMs),
      );
      const asOfSample = medianSample(asOf.ours);
      const nowSample = medianSample(asOf.baseline);
      const largeEvents = tasks.reduce((n, t) => n + t.eventCount, 0) + long.eventCount;
      const smallEvents = smallTasks.reduce((n, t) => n + t.eventCount, 0) + long.eventCount;
      rows.push(
        row({
          section: 'growth',
          name: `mutation p50, 1 client, ${Math.round(largeEvents / 1000)}k stored events`,
          unit: 'ms',
          ours: large.p50,
          baselineName: `same at ${Math.round(smallEvents / 1000)}k events`,
          baseline: smallSample.p50,
          target: '≤ 1.2×',
          pass: large.p50 / smallSample.p50 <= 1.2 && large.errors === 0,
          detail: {
            largeP50Ms: growth.ours.map((s) => s.p50),
            smallP50Ms: growth.baseline.map((s) => s.p50),
            largeErrors: large.errors,
            smallErrors: smallSample.errors,
            firstError: large.firstError ?? smallSample.firstError,
          },
        }),
        row({
          section: 'growth',
          name: `task(asOf) p50, task with ${long.eventCount} events`,
          unit: 'ms',
          ours: asOfSample.p50,
          baselineName: 'task(id) of the same task (read model)',
          baseline: nowSample.p50,
          detail: {
            asOfP99Ms: asOfSample.p99,
            asOfReqPerS: asOfSample.rate,
            errors: asOfSample.errors,
            firstError: asOfSample.firstError,
          },
        }),
      );
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
  return rows;
}

/** The small log of the growth comparison: about 10,000 events. */
export const SMALL_SCALE = 0.05;

/** The Node flags `npm start` runs the API with (package.json), so the API under test gets the same heap budget. */
function startNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = manifest.scripts.start.split('&&').pop() ?? '';
  return command.split(/\s+/).filter((word) => word.startsWith('--max-old-space-size='));
}
