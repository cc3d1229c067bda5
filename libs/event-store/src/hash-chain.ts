import { createHash, hash, randomUUID } from 'node:crypto';
import type { EventMetadata, EventStore, RecordedEvent } from './event-store.port.js';
import { asStored } from './upcasting/upcast.js';

/**
 * JSON with object keys sorted and no whitespace, so the same value always hashes the
 * same however a store (jsonb, a KurrentDB metadata blob) reorders keys. Follows
 * JSON.stringify for what JSON cannot hold (undefined members dropped, toJSON honoured)
 * but refuses bigint and non-finite numbers: they would not round-trip.
 */
export function canonicalJson(value: unknown): string {
  const text = encode(value);
  if (text === undefined)
    throw new TypeError('canonicalJson: the value is not JSON (undefined or a function)');
  return text;
}

// One pass that appends to a single string (no sorted copies, no arrays of parts). The
// output is byte-identical to the earlier map/join version, kept as the reference in
// hash-chain.identity.unit.spec.ts, down to its quirks: toJSON is called without a key,
// and a hole in a sparse array is written as nothing ("[,1]"), as Array#map + join did.
function encode(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      // For a finite number String() is what JSON.stringify writes (-0 included: "0").
      return String(value);
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not allowed in event data; use a string');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return encode(withToJson.toJSON());
  if (Array.isArray(value)) return encodeArray(value);
  return encodeRecord(value as Record<string, unknown>);
}

function encodeArray(items: readonly unknown[]): string {
  let out = '[';
  const length = items.length;
  for (let index = 0; index < length; index++) {
    if (index > 0) out += ',';
    const item = items[index];
    if (item === undefined && !(index in items)) continue;
    out += encode(item) ?? 'null';
  }
  return out + ']';
}

function encodeRecord(record: Record<string, unknown>): string {
  const keys = Object.keys(record).sort();
  let out = '{';
  let separator = '';
  for (const key of keys) {
    const encoded = encode(record[key]);
    if (encoded === undefined) continue;
    out += separator + JSON.stringify(key) + ':' + encoded;
    separator = ',';
  }
  return out + '}';
}

export interface HashableEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  /** The envelope metadata; a `hash` member, if present, is left out of the hash. */
  readonly metadata: Omit<EventMetadata, 'hash'> & { readonly hash?: string };
}

/** SHA-256 (hex) over canonicalJson({streamId, revision, type, data, metadata without hash}) + previousHash. */
export function computeEventHash(event: HashableEvent, previousHash: string | null): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  // canonicalJson of {streamId, revision, type, data, metadata}, written out: the members
  // in sorted order, each left out when it encodes to nothing, as encodeRecord would.
  let body = '{';
  let separator = '';
  const member = (name: string, value: unknown) => {
    const encoded = encode(value);
    if (encoded === undefined) return;
    body += `${separator}"${name}":${encoded}`;
    separator = ',';
  };
  member('data', event.data);
  member('metadata', metadata);
  member('revision', event.revision);
  member('streamId', event.streamId);
  member('type', event.type);
  return hash('sha256', `${body}}${previousHash ?? ''}`, 'hex');
}

export type ChainVerification =
  { readonly ok: true } | { readonly ok: false; readonly brokenRevision: number };

/**
 * Checks a whole stream read from revision 0: revisions are 0..n-1 with no gap, each
 * event names its predecessor's hash, and each hash recomputes. `brokenRevision` is the
 * first revision where that fails (an edit shows there; a deletion or reordering shows
 * at the first revision out of place).
 */
export function verifyStreamChain(events: readonly RecordedEvent[]): ChainVerification {
  let previousHash: string | null = null;
  for (const [index, event] of events.entries()) {
    if (event.streamId !== events[0].streamId || !linksTo(event, index, previousHash)) {
      return { ok: false, brokenRevision: index };
    }
    previousHash = event.metadata.hash;
  }
  return { ok: true };
}

function linksTo(upcast: RecordedEvent, revision: number, previousHash: string | null): boolean {
  // The hash covers the event as stored, not the shape an upcaster turned it into.
  const event = asStored(upcast);
  return (
    event.revision === revision &&
    event.metadata.previousHash === previousHash &&
    computeEventHash(event, previousHash) === event.metadata.hash
  );
}

export type HistoryVerification =
  | { readonly ok: true; readonly events: number; readonly streams: number }
  | {
      readonly ok: false;
      readonly streamId: string;
      readonly brokenRevision: number;
      readonly position: bigint;
    };

/**
 * verifyHistory: every stream's chain, in one pass over the global log (memory grows with
 * the number of streams, not events). Reports the first broken link in log order. Removing
 * a stream's newest events leaves a valid shorter chain; compare with an external record
 * of head hashes to catch that.
 */
export async function verifyHistory(
  store: Pick<EventStore, 'readAll'>,
  options: { pageSize?: number; onProgress?: (checked: number, position: bigint) => void } = {},
): Promise<HistoryVerification> {
  const heads = new Map<string, { revision: number; hash: string }>();
  let checked = 0;
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, limit: options.pageSize ?? 1000 });
    if (page.length === 0) return { ok: true, events: checked, streams: heads.size };
    for (const event of page) {
      const head = heads.get(event.streamId);
      const revision = head ? head.revision + 1 : 0;
      if (!linksTo(event, revision, head?.hash ?? null)) {
        return { ok: false, streamId: event.streamId, brokenRevision: revision, position: event.position };
      }
      heads.set(event.streamId, { revision, hash: event.metadata.hash });
      checked++;
    }
    after = page[page.length - 1].position;
    options.onProgress?.(checked, after);
  }
}

/**
 * The id of the index-th event of an idempotent append: the same (actor, key, stream,
 * index) always gives the same UUID, so a retried append collides with the first one
 * (a unique constraint in SQL, event-id deduplication in KurrentDB). UUID version-5
 * layout, but over SHA-256 rather than SHA-1.
 */
export function deterministicEventId(
  actorId: string,
  idempotencyKey: string,
  streamId: string,
  index: number,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(['chessboard-event-id', actorId, idempotencyKey, streamId, index]), 'utf8')
    .digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newEventId(): string {
  return randomUUID();
}
