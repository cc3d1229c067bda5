import type { RecordedEvent } from '#event-store';
import type { ReadModelDatabase } from '../read-model/schema.js';
import {
  handledTypes,
  type AppliedEvent,
  type EventTypeFlags,
  type Projection,
  type ProjectionRun,
} from './projection.js';
import type { RowWriter } from './row-writer.js';

type Row = Readonly<Record<string, unknown>>;

/**
 * A row per handled event, keyed by the event's position (the audit log): an
 * event applied twice finds its row and leaves it as it is.
 */
export interface AppendedRows<E extends RecordedEvent> {
  readonly name: string;
  readonly handles: EventTypeFlags;
  /** Also event types the domain does not know (the audit log keeps every stored event). */
  readonly unknownTypes?: boolean;
  readonly table: keyof ReadModelDatabase & string;
  row(event: E, applied: AppliedEvent): Row;
}

export function appendedRows<E extends RecordedEvent>(definition: AppendedRows<E>): Projection {
  const types = handledTypes(definition.handles);
  const handled = (event: RecordedEvent): boolean =>
    types.has(event.type) ||
    (definition.unknownTypes === true && !Object.hasOwn(definition.handles, event.type));
  return {
    name: definition.name,
    handles: definition.handles,
    start: () => new AppendedRowsRun(definition, handled),
  };
}

class AppendedRowsRun<E extends RecordedEvent> implements ProjectionRun {
  readonly #definition: AppendedRows<E>;
  readonly #handled: (event: RecordedEvent) => boolean;
  #rows: Row[] = [];

  constructor(definition: AppendedRows<E>, handled: (event: RecordedEvent) => boolean) {
    this.#definition = definition;
    this.#handled = handled;
  }

  get held(): number {
    return 0;
  }

  async load(): Promise<void> {}

  apply(event: RecordedEvent, applied: AppliedEvent): AppliedEvent {
    if (this.#handled(event)) this.#rows.push(this.#definition.row(event as E, applied));
    return applied;
  }

  async flushAppended(writer: RowWriter): Promise<void> {
    const rows = this.#rows;
    this.#rows = [];
    await writer.insert(this.#definition.table, 'position', rows, 'nothing');
  }

  flush(writer: RowWriter): Promise<void> {
    return this.flushAppended(writer);
  }
}
