import type { EventStore } from '#event-store';
import type { ReadModel } from '../read-model/read-model.js';
import { bulkLoad } from '../rebuild/bulk-load.js';
import type { ProjectorLogger } from './projector.js';

export interface RebuildProgress {
  /** Events applied so far. */
  readonly events: number;
  /** Position reached. */
  readonly position: bigint;
  /** Head of the log when the rebuild started. */
  readonly head: bigint;
}

export interface RebuildOptions {
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Checkpoint name; default 'main'. */
  readonly name?: string;
  /** Events per read of the log; default 2000. */
  readonly batchSize?: number;
  /** Folded tasks held in memory before the changed ones are written; see BulkLoadOptions. */
  readonly maxHeldTasks?: number;
  /** See BulkLoadOptions.deferIndexes. */
  readonly deferIndexes?: boolean;
  /** Kept for callers that pass one; the rebuild logs nothing of its own. */
  readonly logger?: ProjectorLogger;
}

export interface RebuildResult {
  readonly events: number;
  readonly position: bigint;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

/**
 * Empties the read model (every projected table and checkpoint) and replays the whole
 * log into it, in one transaction (see `bulkLoad`): queries see the old read model until
 * the new one commits, and a failure leaves the old one as it was. Projectors of the same
 * read model wait for the commit, then carry on from the new checkpoint, so nothing is
 * applied twice or skipped. For a switch that does not hold the live read model's write
 * lock for the whole replay, see `replayReadModel`.
 */
export async function rebuildReadModel(
  store: EventStore,
  readModel: ReadModel,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = performance.now();
  const head = await store.headPosition();
  const { events, position } = await bulkLoad(store, readModel, {
    checkpoint: options.name,
    pageSize: options.batchSize,
    maxHeldTasks: options.maxHeldTasks,
    deferIndexes: options.deferIndexes,
    onPage: (events, position) => options.onProgress?.({ events, position, head }),
  });
  const elapsedMs = performance.now() - started;
  return {
    events,
    position,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : events,
  };
}
