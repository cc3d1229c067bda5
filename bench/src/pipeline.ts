/**
 * A diagnostic for the round trip: the write side alone, in-process, on the seeded store —
 * the command pipeline (read the task's stream, fold, decide, append with expectedRevision)
 * with 32 concurrent callers, no HTTP, no GraphQL, no waiting for the projector. Next to the
 * raw one-row-per-transaction insert rate of the append section (one commit per command is
 * the ceiling of a pipeline that commits each command on its own).
 */
import { randomUUID } from 'node:crypto';
import type { TaskCommand } from '#domain';
import { executeCommand } from '#event-store';
import type { BenchContext } from './context.js';
import type { MainStore } from './main-store.js';
import { row, type Row } from './report.js';
import { median, timedLoop, type LoadSample } from './stats.js';
import { OFFICE, planTasks } from './workload.js';

export async function pipelineRow(
  ctx: BenchContext,
  main: MainStore,
  rawOneRowRate: number | null,
): Promise<Row> {
  const store = await main.openStore();
  const open = planTasks(ctx.seed, ctx.options.scale).filter((t) => t.open);
  const samples: LoadSample[] = [];
  try {
    ctx.log(`pipeline: executeCommand in-process, 32 concurrent, ${ctx.reps} reps`);
    for (let rep = 0; rep < ctx.reps; rep++) {
      samples.push(
        await timedLoop({ workers: 32, durationMs: ctx.times.appendMs }, async (worker, n) => {
          const task = open[(worker + n * 32) % open.length];
          const now = new Date().toISOString();
          const command: TaskCommand = {
            type: 'ReportProgress',
            data: {
              taskId: task.id,
              progress: 50 + (n % 40),
              note: '本周完成受援院校教师跟岗培训，学员反馈良好',
            },
            metadata: { actor: OFFICE, now },
          };
          await executeCommand(store, command, {
            actor: OFFICE,
            now,
            correlationId: randomUUID(),
          });
        }),
      );
    }
  } finally {
    await store.close();
  }
  const rate = median(samples.map((s) => s.rate));
  return row({
    section: 'roundtrip',
    name: '  of which: command pipeline alone (in-process, 32 concurrent)',
    unit: 'cmd/s',
    ours: rate,
    baselineName: 'raw 1-row txn (append section)',
    baseline: rawOneRowRate,
    detail: {
      reps: samples.map((s) => Math.round(s.rate)),
      p50Ms: median(samples.map((s) => s.p50)),
      p99Ms: median(samples.map((s) => s.p99)),
      errors: samples.reduce((a, s) => a + s.errors, 0),
      firstError: samples.find((s) => s.firstError)?.firstError,
    },
  });
}
