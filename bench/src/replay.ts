/**
 * 4. Replay: a full rebuild of the log into a fresh read model (the CLI's rebuildReadModel),
 * events/s; baseline: a raw sequential read of the same table with JSON.parse of data and
 * metadata. A third row reads the log through the adapter alone (readAll pages, upcast),
 * which splits the rebuild's time between reading and projecting.
 */
import { rebuildReadModel } from '#projections';
import type { BenchContext } from './context.js';
import type { MainStore } from './main-store.js';
import { row, type Row } from './report.js';
import { alternate, median } from './stats.js';

export async function replaySection(ctx: BenchContext, main: MainStore, measure: boolean): Promise<Row[]> {
  const store = await main.openStore();
  try {
    const rebuild = async () => {
      const readModel = await main.freshReadModel();
      try {
        const result = await rebuildReadModel(store, readModel, { batchSize: 1000 });
        return { rate: result.eventsPerSecond, events: result.events };
      } finally {
        await readModel.close();
      }
    };
    if (!measure) {
      ctx.log('replay: building the read model (not measured: --only)');
      await rebuild();
      return [];
    }
    const timed = async (work: () => Promise<number>) => {
      const started = performance.now();
      const events = await work();
      return { rate: (events * 1000) / (performance.now() - started), events };
    };
    ctx.log(`replay: rebuild vs raw read + JSON.parse, ${ctx.reps} reps`);
    // The last rebuild leaves the read model that the sweep and the API use.
    const pair = await alternate(ctx.reps, rebuild, () => timed(() => main.rawReadAll()));
    const adapter: number[] = [];
    for (let rep = 0; rep < ctx.reps; rep++) {
      adapter.push(
        (
          await timed(async () => {
            let after = 0n;
            let count = 0;
            for (;;) {
              const page = await store.readAll({ after, limit: 1000 });
              if (page.length === 0) return count;
              count += page.length;
              after = page[page.length - 1].position;
            }
          })
        ).rate,
      );
    }
    const ours = median(pair.ours.map((r) => r.rate));
    const raw = median(pair.baseline.map((r) => r.rate));
    const events = pair.ours[0].events;
    const floor = main.kind === 'sqlite' ? 100_000 : 60_000;
    const minRatio = main.kind === 'sqlite' ? 0.4 : null;
    return [
      row({
        section: 'replay',
        name: `replay ${main.kind}, ${events.toLocaleString('en-US')} events`,
        unit: 'ev/s',
        ours,
        baselineName: 'raw read + JSON.parse',
        baseline: raw,
        target: `≥ ${floor.toLocaleString('en-US')} ev/s${minRatio ? ' and ≥ 0.40× raw' : ''}`,
        pass: ours >= floor && (minRatio === null || ours / raw >= minRatio),
        detail: {
          ours: pair.ours.map((r) => Math.round(r.rate)),
          baseline: pair.baseline.map((r) => Math.round(r.rate)),
        },
      }),
      row({
        section: 'replay',
        name: `  of which: read through the adapter (readAll pages)`,
        unit: 'ev/s',
        ours: median(adapter),
        baselineName: 'raw read + JSON.parse',
        baseline: raw,
        detail: { ours: adapter.map(Math.round) },
      }),
    ];
  } finally {
    await store.close();
  }
}
