import type { EventStore } from '#event-store';
import { Projector, type ProjectorLogger } from '../projector/projector.js';
import type { ReadModelConfig } from '../read-model/connection.js';
import { openReadModel, type ReadModel } from '../read-model/read-model.js';
import { bulkLoad } from './bulk-load.js';
import { shadowFor, withReplayLock, type Shadow } from './shadow.js';

export interface ReplayProgress {
  /** Events projected into the fresh tables so far. */
  readonly events: number;
  /** Position reached. */
  readonly position: bigint;
  /** Head of the log when the replay started (more may arrive; the switch catches up on them). */
  readonly head: bigint;
}

export interface ReplayOptions {
  /** Called every `progressEvery` events and once caught up. */
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly progressEvery?: number;
  /** Events per read of the log; default 2000. */
  readonly batchSize?: number;
  /** Folded tasks held in memory during the load; see BulkLoadOptions. */
  readonly maxHeldTasks?: number;
  readonly logger?: ProjectorLogger;
  /** Called once the fresh tables have caught up, before the switch (tests look at the live tables here). */
  readonly beforeSwitch?: () => Promise<void>;
}

export interface ReplayResult {
  /** Events projected into the fresh tables, final catch-up included. */
  readonly events: number;
  /** Checkpoint of the read model after the switch. */
  readonly position: bigint;
  /** Time spent projecting into the fresh tables. */
  readonly projectMs: number;
  /** Time the switch held the live read model's write lock. */
  readonly switchMs: number;
  readonly elapsedMs: number;
  /** Events per second while projecting. */
  readonly eventsPerSecond: number;
}

/** Switch attempts that find new events in the log first go back to catch up; the last one switches anyway. */
const SWITCH_ATTEMPTS = 5;

/**
 * `npm run replay`: rebuilds every projection from the first event into FRESH tables while
 * the live ones keep answering queries, then switches over atomically (see `shadow.ts` for
 * how, per dialect). Just before the switch the fresh tables catch up with the log; the
 * switch itself happens in one transaction of the live read model, so a query sees either
 * the old tables or the new ones, never a mix or an empty read model.
 *
 * A projector running elsewhere meanwhile (the API, the worker) carries on from the new
 * checkpoint: if the log moved on after the final catch-up, the checkpoint it finds is
 * behind its own and it catches up again (see Projector), so nothing is skipped or applied
 * twice. Only one replay of a read model runs at a time.
 */
export async function replayReadModel(
  store: EventStore,
  config: ReadModelConfig,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const started = performance.now();
  const live = await openReadModel(config);
  try {
    return await withReplayLock(live, config, async () => {
      const shadow = await shadowFor(live, config);
      let fresh: ReadModel | null = null;
      try {
        fresh = await openReadModel(shadow.config);
        await shadow.beginLoad(fresh);
        return await project(store, live, fresh, shadow, options, started);
      } finally {
        await fresh?.close();
        await shadow.discard();
      }
    });
  } finally {
    await live.close();
  }
}

async function project(
  store: EventStore,
  live: ReadModel,
  fresh: ReadModel,
  shadow: Shadow,
  options: ReplayOptions,
  started: number,
): Promise<ReplayResult> {
  const head = await store.headPosition();
  const every = options.progressEvery ?? 1000;
  let reported = 0;
  const loaded = await bulkLoad(store, fresh, {
    pageSize: options.batchSize ?? 2000,
    maxHeldTasks: options.maxHeldTasks,
    // beginLoad dropped the secondary indexes already; endLoad builds them.
    deferIndexes: false,
    onPage: (events, position) => {
      if (Math.floor(events / every) === Math.floor(reported / every)) return;
      reported = events;
      options.onProgress?.({ events, position, head });
    },
  });
  let events = loaded.events;
  let position = loaded.position;
  await shadow.endLoad(fresh);
  options.onProgress?.({ events, position, head });
  // The final catch-ups before the switch are small: the ordinary projector applies them.
  const projector = new Projector(store, fresh, {
    batchSize: options.batchSize ?? 2000,
    logger: options.logger,
  });
  projector.onApplied((applied) => {
    events++;
    position = applied.event.position;
  });
  const projectMs = performance.now() - started;
  await options.beforeSwitch?.();

  let switchMs = 0;
  await shadow.prepareSwitch();
  for (let attempt = 1; ; attempt++) {
    const switchStarted = performance.now();
    let switched: boolean;
    try {
      switched = await live.writeTransaction(async (trx) => {
        // Events appended since the catch-up: go back and project them first, unless out of attempts.
        const behind = (await store.headPosition()) > (await fresh.checkpoint());
        if (behind && attempt < SWITCH_ATTEMPTS) return false;
        await shadow.switchOver(trx);
        return true;
      });
    } catch (error) {
      // PostgreSQL chose the switch as a deadlock victim (a query held one table, wanted another): again.
      if (!isLockConflict(error) || attempt >= SWITCH_ATTEMPTS) throw error;
      switched = false;
    }
    switchMs = performance.now() - switchStarted;
    if (switched) break;
    await projector.catchUp();
  }
  return {
    events,
    position: await live.checkpoint(),
    projectMs,
    switchMs,
    elapsedMs: performance.now() - started,
    eventsPerSecond: projectMs > 0 ? Math.round((events * 1000) / projectMs) : events,
  };
}

/** PostgreSQL deadlock_detected / lock_not_available. */
function isLockConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '55P03';
}
