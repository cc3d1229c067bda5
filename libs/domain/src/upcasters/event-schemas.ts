import type { ProgramEvent } from '../program/program.js';
import type { TaskEvent } from '../task/task.events.js';
import type { UnitEvent } from '../unit/unit.js';

/** What an upcaster may look at besides the data: where and when the event was stored. */
export interface UpcastContext {
  readonly type: string;
  readonly streamId: string;
  readonly occurredAt: string;
}

/**
 * One step of an event type's shape: turns `data` stored at version n into the shape of
 * version n + 1. Pure, like evolve: old history must fold the same way every time.
 */
export type Upcaster = (data: unknown, context: UpcastContext) => unknown;

/**
 * An event type's current schemaVersion and the chain that gets older shapes there:
 * `upcasters[n]` turns version n into n + 1, for every n from 1 to version − 1.
 */
export interface EventSchema {
  readonly version: number;
  readonly upcasters: Readonly<Record<number, Upcaster>>;
}

type DomainEventType = TaskEvent['type'] | UnitEvent['type'] | ProgramEvent['type'];

/** Every stored event type the domain writes, by type name. A type is never renamed. */
export type EventSchemas = Readonly<Record<string, EventSchema>>;

/**
 * Checks that each chain is complete (an upcaster from every version below the current
 * one) so a gap shows at start-up, not on the first old event read.
 */
export function defineEventSchemas(schemas: Record<string, EventSchema>): EventSchemas {
  for (const [type, schema] of Object.entries(schemas)) {
    if (!Number.isInteger(schema.version) || schema.version < 1) {
      throw new Error(`event schema ${type}: version must be a positive integer, got ${schema.version}`);
    }
    for (let from = 1; from < schema.version; from++) {
      if (typeof schema.upcasters[from] !== 'function') {
        throw new Error(`event schema ${type}: no upcaster from version ${from} to ${from + 1}`);
      }
    }
  }
  return Object.freeze({ ...schemas });
}

const firstVersion: EventSchema = { version: 1, upcasters: {} };

/**
 * The domain's event types at their current shapes. Every type is at version 1 so far.
 * To change a shape: bump `version`, add the upcaster from the previous version, change
 * the event's type in `*.events.ts`, and evolve keeps seeing only the current shape —
 * stored events are never rewritten (their hash covers the shape they were stored in).
 */
export const EVENT_SCHEMAS: EventSchemas = defineEventSchemas({
  TaskAssigned: firstVersion,
  TaskAcknowledged: firstVersion,
  ProgressReported: firstVersion,
  DeadlineChanged: firstVersion,
  TaskReassigned: firstVersion,
  TaskBlocked: firstVersion,
  TaskUnblocked: firstVersion,
  TaskCompleted: firstVersion,
  TaskReopened: firstVersion,
  TaskCancelled: firstVersion,
  CommentAdded: firstVersion,
  ReminderSent: firstVersion,
  UnitRegistered: firstVersion,
  UnitUpdated: firstVersion,
  ProgramRegistered: firstVersion,
} satisfies Record<DomainEventType, EventSchema>);

/** The schemaVersion new events of `type` are stored with (1 for types the registry does not know). */
export function currentSchemaVersion(schemas: EventSchemas, type: string): number {
  return Object.hasOwn(schemas, type) ? schemas[type].version : 1;
}
