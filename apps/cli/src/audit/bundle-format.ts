/**
 * The audit bundle: one JSON Lines file. Line 1 is the manifest; every further line is one
 * event envelope exactly as the event store holds it (never upcast: the hash covers the
 * stored form), in global log order.
 */
import type { EventMetadata, RecordedEvent } from '#event-store';

export const BUNDLE_FORMAT = 'chessboard-audit-bundle';
export const BUNDLE_VERSION = 1;

/** `[streamId, revision, hash]`: a stream's last event as of the bundle's asOf. */
export type HeadTriple = readonly [streamId: string, revision: number, hash: string];

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly exportedAt: string;
  /** What was asked for: the bundle holds the streams with an event in [from, to] (of the unit). */
  readonly query: { readonly from: string | null; readonly to: string; readonly unitId: string | null };
  /** History as of this instant (= query.to): events that occurred later are not in the bundle or the heads. */
  readonly asOf: string;
  /** Digest over `heads`: the same value `auditDigest(asOf)` gives for the whole store. */
  readonly digest: string;
  /** Every stream of the store at asOf, included in the bundle or not: what the digest covers. */
  readonly heads: readonly HeadTriple[];
  /** The streams whose events are in the bundle, each complete from revision 0 to its head. */
  readonly included: readonly string[];
  /** Number of event lines. */
  readonly events: number;
}

/** One event line. `position` is a decimal string (64-bit safe). */
export interface BundleEvent {
  readonly position: string;
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export function toBundleEvent(stored: RecordedEvent): BundleEvent {
  return {
    position: stored.position.toString(),
    id: stored.id,
    streamId: stored.streamId,
    revision: stored.revision,
    type: stored.type,
    data: stored.data,
    metadata: stored.metadata,
  };
}

export function fromBundleEvent(line: BundleEvent): RecordedEvent {
  return {
    id: line.id,
    streamId: line.streamId,
    revision: line.revision,
    position: BigInt(line.position),
    type: line.type,
    data: line.data,
    metadata: line.metadata,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a line is not an event envelope, or null when it is one. */
export function envelopeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'not a JSON object';
  if (typeof value.position !== 'string' || !/^[1-9]\d*$/.test(value.position)) return 'bad position';
  if (typeof value.streamId !== 'string' || value.streamId === '') return 'bad streamId';
  if (!Number.isInteger(value.revision) || (value.revision as number) < 0) return 'bad revision';
  if (typeof value.type !== 'string') return 'bad type';
  if (!('data' in value)) return 'no data';
  const metadata = value.metadata;
  if (!isRecord(metadata)) return 'no metadata';
  if (typeof metadata.hash !== 'string') return 'no metadata.hash';
  if (metadata.previousHash !== null && typeof metadata.previousHash !== 'string') return 'bad previousHash';
  if (typeof metadata.occurredAt !== 'string') return 'no metadata.occurredAt';
  return null;
}

/** Why the first line is not a manifest this version understands, or null. */
export function manifestProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the first line is not a JSON object';
  if (value.format !== BUNDLE_FORMAT) return `the first line is not a ${BUNDLE_FORMAT} manifest`;
  if (value.version !== BUNDLE_VERSION) return `manifest version ${String(value.version)} is not supported`;
  if (typeof value.digest !== 'string' || typeof value.asOf !== 'string')
    return 'manifest without digest/asOf';
  if (!Array.isArray(value.heads) || !Array.isArray(value.included)) return 'manifest without heads/included';
  const headOk = (h: unknown) =>
    Array.isArray(h) &&
    h.length === 3 &&
    typeof h[0] === 'string' &&
    Number.isInteger(h[1]) &&
    typeof h[2] === 'string';
  if (!value.heads.every(headOk)) return 'manifest heads must be [streamId, revision, hash] triples';
  if (!value.included.every((s) => typeof s === 'string')) return 'manifest included must list stream ids';
  if (!Number.isInteger(value.events)) return 'manifest without an event count';
  return null;
}
