import type { Actor } from '#domain';
import { asStored, type EventMetadata, type RecordedEvent } from '#event-store';
import type { Insertable, Selectable } from 'kysely';
import { appendedRows } from '../projector/appended-rows.js';
import { EVERY_EVENT_TYPE } from '../projector/projection.js';
import { canonicalInstant } from '../read-model/instant.js';
import type { AuditRow } from '../read-model/rows.js';
import type { AuditLogTable } from '../read-model/schema.js';

/**
 * Every event lands in the audit log, whatever its type: the log is the auditor's view of
 * the store, so it keeps data and metadata as stored (not upcast): the hash covers them.
 */
export function auditRowValues(read: RecordedEvent, unitId: string | null): Insertable<AuditLogTable> {
  const event = asStored(read);
  const { actor, hash, previousHash } = event.metadata;
  return {
    position: event.position,
    event_id: event.id,
    stream_id: event.streamId,
    revision: event.revision,
    type: event.type,
    occurred_at: canonicalInstant(event.metadata.occurredAt),
    actor_id: actor.id,
    actor_name: actor.name ?? null,
    actor_role: actor.role,
    actor_unit_id: actor.unitId ?? null,
    unit_id: unitId,
    data: JSON.stringify(event.data ?? null),
    hash,
    previous_hash: previousHash ?? null,
    metadata: JSON.stringify(event.metadata),
  };
}

/** The auditor's view: every event of every stream, including types this code does not know. */
export const auditLogProjection = appendedRows({
  name: 'audit-log',
  handles: EVERY_EVENT_TYPE,
  unknownTypes: true,
  table: 'audit_log',
  row: (event, applied) => auditRowValues(event, applied.unitId),
});

export function toAuditRow(
  row: Omit<Selectable<AuditLogTable>, 'position'> & { position: string },
): AuditRow {
  const actor: Actor = {
    id: row.actor_id,
    role: row.actor_role as Actor['role'],
    ...(row.actor_name !== null ? { name: row.actor_name } : {}),
    ...(row.actor_unit_id !== null ? { unitId: row.actor_unit_id } : {}),
  };
  return {
    position: BigInt(row.position),
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    type: row.type,
    occurredAt: row.occurred_at,
    actor,
    unitId: row.unit_id,
    data: JSON.parse(row.data) as unknown,
    hash: row.hash,
    previousHash: row.previous_hash,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}
