import type { EventSchemas } from '#domain';
import type { EventMetadata, RecordedEvent, StoredForm } from '../event-store.port.js';

/** A stored event of a newer schemaVersion than this build knows: it cannot be read safely. */
export class EventSchemaVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly type: string,
    readonly storedVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `${streamId}@${revision}: ${type} is stored at schemaVersion ${storedVersion}, ` +
        `but this build knows only up to ${knownVersion}; upgrade before reading this log`,
    );
    this.name = 'EventSchemaVersionError';
  }
}

/**
 * The event in the current shape of its type: the upcaster chain from its stored
 * schemaVersion, applied on read before any evolve sees it. Types the registry does not
 * know, and events already current, come back as they are (the same object). An upcast
 * event keeps what was stored in `stored`, because the hash covers that form.
 */
export function upcastEvent(event: RecordedEvent, schemas: EventSchemas): RecordedEvent {
  if (!Object.hasOwn(schemas, event.type)) return event;
  const schema = schemas[event.type];
  const storedVersion = event.metadata.schemaVersion ?? 1;
  if (storedVersion === schema.version) return event;
  if (storedVersion > schema.version) {
    throw new EventSchemaVersionError(
      event.streamId,
      event.revision,
      event.type,
      storedVersion,
      schema.version,
    );
  }
  const context = { type: event.type, streamId: event.streamId, occurredAt: event.metadata.occurredAt };
  let data = event.data;
  for (let version = storedVersion; version < schema.version; version++) {
    data = schema.upcasters[version](data, context);
  }
  const metadata: EventMetadata = { ...event.metadata, schemaVersion: schema.version };
  return { ...event, data, metadata, stored: storedFormOf(event) };
}

/**
 * The event exactly as the store holds it: what its hash covers and what an audit export
 * contains. For an event that was not upcast this is the event itself.
 */
export function asStored(event: RecordedEvent): RecordedEvent {
  if (event.stored === undefined) return event;
  const { stored, ...rest } = event;
  return { ...rest, data: stored.data, metadata: stored.metadata };
}

function storedFormOf(event: RecordedEvent): StoredForm {
  return event.stored ?? { data: event.data, metadata: event.metadata };
}
