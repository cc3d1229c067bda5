import type { Actor } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { AuditRow } from '#projections';
import type { ActorModel, AuditEventModel } from '../audit/audit-event.model.js';
import type { RoleEnum } from '../graphql/enums.js';

const toActor = (actor: Actor): ActorModel => ({
  id: actor.id,
  name: actor.name ?? null,
  role: actor.role as RoleEnum,
  unitId: actor.unitId ?? null,
});

/** An event straight from the event store, as auditors see it. */
export function auditEventFromRecorded(event: RecordedEvent): AuditEventModel {
  return {
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    actor: toActor(event.metadata.actor),
    data: event.data,
    hash: event.metadata.hash,
    previousHash: event.metadata.previousHash,
  };
}

/** An event from the read model's audit log. */
export function auditEventFromRow(row: AuditRow): AuditEventModel {
  return {
    position: row.position.toString(),
    streamId: row.streamId,
    revision: row.revision,
    type: row.type,
    occurredAt: row.occurredAt,
    actor: toActor(row.actor),
    data: row.data,
    hash: row.hash,
    previousHash: row.previousHash,
  };
}
