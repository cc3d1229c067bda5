import type { EventStore } from '#event-store';
import type { ReadModel } from '../read-model/read-model.js';
import { Projector, type ProjectorLogger } from './projector.js';

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
  /** Events per transaction; default 1000. */
  readonly batchSize?: number;
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
 * log into it. A projector running meanwhile notices its checkpoint went back and
 * catches up again, so nothing is applied twice or skipped.
 */
export async function rebuildReadModel(
  store: EventStore,
  readModel: ReadModel,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = performance.now();
  const head = await store.headPosition();
  await readModel.clear();
  const projector = new Projector(store, readModel, {
    name: options.name,
    batchSize: options.batchSize ?? 1000,
    logger: options.logger,
  });
  let events = 0;
  projector.onApplied((applied) => {
    events += 1;
    if (options.onProgress && (events % 1000 === 0 || applied.event.position >= head)) {
      options.onProgress({ events, position: applied.event.position, head });
    }
  });
  await projector.catchUp();
  const elapsedMs = performance.now() - started;
  return {
    events,
    position: await readModel.checkpoint(options.name),
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : events,
  };
}
