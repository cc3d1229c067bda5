import { parseStream } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Db } from '../read-model/connection.js';
import type { ReadModelDatabase } from '../read-model/schema.js';
import {
  handledTypes,
  type AppliedEvent,
  type EventTypeFlags,
  type Projection,
  type ProjectionRun,
} from './projection.js';
import type { RowWriter } from './row-writer.js';

/** A stored row read back: its folded value and the stream revision it has folded. */
export interface StoredFold<Value> {
  readonly key: string;
  readonly value: Value;
  readonly revision: number;
}

/**
 * One row per stream of a category, folded with the domain's evolve (tasks, units,
 * programmes). Per-stream revisions make it idempotent on its own: an event whose
 * revision the row has already folded is not folded again.
 */
export interface FoldedRows<Value, E extends RecordedEvent> {
  readonly name: string;
  /** The stream category (`task` for `task-<id>`). */
  readonly category: string;
  readonly handles: EventTypeFlags;
  readonly table: keyof ReadModelDatabase & string;
  /** The table's key column. */
  readonly key: string;
  initial(): Value;
  /** False until the stream's first event made a row of it: such a value is never written. */
  exists(value: Value): boolean;
  evolve(value: Value, event: E): Value;
  load(trx: Db, writer: RowWriter, keys: readonly string[]): Promise<StoredFold<Value>[]>;
  row(value: Value, revision: number): Readonly<Record<string, unknown>>;
  /** What this projection learned about an event of its category (handled or not). */
  describe(event: RecordedEvent, key: string, before: Value, after: Value): Partial<AppliedEvent>;
}

interface Folded<T> {
  value: T;
  /** -1 before the first event. */
  revision: number;
  dirty: boolean;
}

export function foldedRows<Value, E extends RecordedEvent>(definition: FoldedRows<Value, E>): Projection {
  const types = handledTypes(definition.handles);
  return {
    name: definition.name,
    handles: definition.handles,
    start: ({ fresh }) => new FoldedRowsRun(definition, types, fresh),
  };
}

/**
 * The fold over rows, held in memory until `flush` writes what changed. With fresh tables
 * rows stay folded across many pages, a row is written when the run is flushed rather than
 * once per page, and only rows written and since let go are read back from the table.
 */
class FoldedRowsRun<Value, E extends RecordedEvent> implements ProjectionRun {
  readonly #definition: FoldedRows<Value, E>;
  readonly #types: ReadonlySet<string>;
  readonly #rows = new Map<string, Folded<Value>>();
  /** Fresh tables: the keys written so far (anything else is known to be absent). Otherwise null. */
  readonly #written: Set<string> | null;
  /** Fresh tables: when each held row was last touched, to let go of the least recent first. */
  readonly #touched = new Map<string, number>();
  #clock = 0;

  constructor(definition: FoldedRows<Value, E>, types: ReadonlySet<string>, fresh: boolean) {
    this.#definition = definition;
    this.#types = types;
    this.#written = fresh ? new Set() : null;
  }

  get held(): number {
    return this.#rows.size;
  }

  async load(trx: Db, writer: RowWriter, events: readonly RecordedEvent[]): Promise<void> {
    const keys = new Set<string>();
    for (const event of events) {
      const { category, id } = parseStream(event.streamId);
      if (category !== this.#definition.category || this.#rows.has(id)) continue;
      if (this.#written === null || this.#written.has(id)) keys.add(id);
    }
    if (keys.size === 0) return;
    for (const { key, value, revision } of await this.#definition.load(trx, writer, [...keys])) {
      this.#rows.set(key, { value, revision, dirty: false });
    }
  }

  apply(event: RecordedEvent, applied: AppliedEvent): AppliedEvent {
    const { category, id: key } = parseStream(event.streamId);
    if (category !== this.#definition.category) return applied;
    const row = this.#row(key);
    const before = row.value;
    if (this.#types.has(event.type) && event.revision > row.revision) {
      row.value = this.#definition.evolve(row.value, event as E);
      row.revision = event.revision;
      row.dirty = true;
    }
    return { ...applied, ...this.#definition.describe(event, key, before, row.value) };
  }

  async flushAppended(): Promise<void> {}

  async flush(writer: RowWriter, keep: number): Promise<void> {
    const { exists, row: rowValues, table, key } = this.#definition;
    const rows: Readonly<Record<string, unknown>>[] = [];
    for (const [id, row] of this.#rows) {
      if (!row.dirty || !exists(row.value)) continue;
      rows.push(rowValues(row.value, row.revision));
      row.dirty = false;
      this.#written?.add(id);
    }
    await writer.insert(table, key, rows, 'update');
    if (this.#written === null || this.#rows.size <= keep) return;
    // A stream whose first event has not made a row yet has nothing to read back: it stays held.
    const leastRecent = [...this.#rows].filter(([, row]) => exists(row.value));
    leastRecent.sort(([a], [b]) => this.#touched.get(a)! - this.#touched.get(b)!);
    for (const [id] of leastRecent.slice(0, this.#rows.size - keep)) {
      this.#rows.delete(id);
      this.#touched.delete(id);
    }
  }

  #row(key: string): Folded<Value> {
    if (this.#written !== null) this.#touched.set(key, ++this.#clock);
    let row = this.#rows.get(key);
    if (!row) {
      row = { value: this.#definition.initial(), revision: -1, dirty: false };
      this.#rows.set(key, row);
    }
    return row;
  }
}
