import type { RecordedEvent } from '#event-store';
import type { Db } from '../read-model/connection.js';
import type { AppliedEvent, Projection, ProjectionRun } from './projection.js';
import { PROJECTIONS } from './projections.js';
import { RowWriter } from './row-writer.js';

export type { AppliedEvent } from './projection.js';

/**
 * Projects a batch of events inside the caller's transaction: each projection loads the
 * rows the batch touches once, folds in memory, then writes each changed row once. The
 * checkpoint in `ReadModel.applyEvents` is what makes a batch exactly-once.
 */
export async function applyEvents(trx: Db, events: readonly RecordedEvent[]): Promise<AppliedEvent[]> {
  const batch = new ProjectionBatch();
  const writer = new RowWriter(trx);
  await batch.load(trx, writer, events);
  const applied = events.map((event) => batch.apply(event));
  await batch.flush(writer);
  return applied;
}

/** One event; see `applyEvents`. Unknown event types are recorded in the audit log only. */
export async function applyEvent(trx: Db, event: RecordedEvent): Promise<AppliedEvent> {
  const [applied] = await applyEvents(trx, [event]);
  return applied!;
}

/**
 * A run of every projection in the list over one incremental batch (`applyEvents`), or over
 * a whole bulk load into tables that were empty when it started (`fresh`, see
 * rebuild/bulk-load.ts).
 */
export class ProjectionBatch {
  readonly #runs: readonly ProjectionRun[];

  constructor(options: { readonly fresh?: boolean } = {}, projections: readonly Projection[] = PROJECTIONS) {
    const fresh = options.fresh ?? false;
    this.#runs = projections.map((projection) => projection.start({ fresh }));
  }

  /** Rows held in memory. */
  get held(): number {
    let held = 0;
    for (const run of this.#runs) held += run.held;
    return held;
  }

  async load(trx: Db, writer: RowWriter, events: readonly RecordedEvent[]): Promise<void> {
    for (const run of this.#runs) await run.load(trx, writer, events);
  }

  apply(event: RecordedEvent): AppliedEvent {
    let applied: AppliedEvent = { event, taskId: null, unitId: null, previousUnitId: null };
    for (const run of this.#runs) applied = run.apply(event, applied);
    return applied;
  }

  /** Writes the rows events append and forgets them; folded rows stay held. */
  async flushAppended(writer: RowWriter): Promise<void> {
    for (const run of this.#runs) await run.flushAppended(writer);
  }

  /** Writes every changed row; with fresh tables, then keeps at most `keep` rows per projection in memory. */
  async flush(writer: RowWriter, keep = Infinity): Promise<void> {
    for (const run of this.#runs) await run.flush(writer, keep);
  }
}
