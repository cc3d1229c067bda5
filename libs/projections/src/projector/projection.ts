import { EVENT_SCHEMAS, type ProgramEvent, type TaskEventType, type UnitEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Db } from '../read-model/connection.js';
import type { RowWriter } from './row-writer.js';

/** Every event type the domain records. */
export type DomainEventType = TaskEventType | UnitEvent['type'] | ProgramEvent['type'];

/**
 * Whether a projection handles each domain event type. Written as
 * `{ ... } satisfies EventTypeFlags`, so a new event type fails compilation until every
 * projection says yes or no to it (a list could forget it silently).
 */
export type EventTypeFlags = Readonly<Record<DomainEventType, boolean>>;

/**
 * Every domain event type handled: the audit log's answer, whatever a new type is. The
 * domain's schema registry is itself checked to name every type.
 */
export const EVERY_EVENT_TYPE = Object.fromEntries(
  Object.keys(EVENT_SCHEMAS).map((type) => [type, true]),
) as Record<DomainEventType, true>;

/** The types a flags record says yes to. */
export function handledTypes(flags: EventTypeFlags): ReadonlySet<string> {
  return new Set(Object.entries(flags).flatMap(([type, handled]) => (handled ? [type] : [])));
}

/** What the projection did with one event; listeners (e.g. the taskChanged subscription) receive it. */
export interface AppliedEvent {
  readonly event: RecordedEvent;
  /** The task of a task stream, else null. */
  readonly taskId: string | null;
  /** Task events: the task's unit as of the event; unit events: the unit; otherwise null. */
  readonly unitId: string | null;
  /** TaskReassigned: the unit the task left; otherwise null. */
  readonly previousUnitId: string | null;
}

/**
 * A read model's part: the events it handles and how its rows change. The projector runs
 * a list of them (see PROJECTIONS), so a new read model is a new value in that list.
 */
export interface Projection {
  readonly name: string;
  readonly handles: EventTypeFlags;
  /**
   * One run over a batch of events, or over a whole bulk load into tables that were empty
   * when it started (`fresh`): then rows may stay in memory across many pages.
   */
  start(options: { readonly fresh: boolean }): ProjectionRun;
}

export interface ProjectionRun {
  /** Rows held in memory. */
  readonly held: number;
  /** Reads the rows `events` touch that are not held yet (and may exist). */
  load(trx: Db, writer: RowWriter, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Folds one event in memory. `applied` is what the projections before this one in the
   * list learned about the event; the result is passed on to the next.
   */
  apply(event: RecordedEvent, applied: AppliedEvent): AppliedEvent;
  /** Writes the rows events append and forgets them; folded rows stay held. */
  flushAppended(writer: RowWriter): Promise<void>;
  /** Writes every changed row; with fresh tables, then keeps at most `keep` rows in memory. */
  flush(writer: RowWriter, keep: number): Promise<void>;
}
