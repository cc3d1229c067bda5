import { createHash } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../event-store.port.js';
import { canonicalJson, computeEventHash } from '../hash-chain.js';
import { asStored } from '../upcasting/upcast.js';
import { readLog } from '../read-log.js';

/** The last event of a stream that counts (as of some instant): its hash commits to the whole chain before it. */
export interface StreamHead {
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string;
}

/** What an auditor writes down (outside the system) to check later that history up to `asOf` is unchanged. */
export interface AuditDigestResult {
  readonly asOf: string;
  /** SHA-256 (hex) over the stream heads; see `digestOfHeads`. */
  readonly digest: string;
  readonly streams: number;
  /** Events the heads commit to: the sum of (head revision + 1). */
  readonly events: number;
}

const DIGEST_PREFIX = 'chessboard-audit-digest/1\n';

/**
 * SHA-256 over `chessboard-audit-digest/1\n` + canonical JSON of the heads as
 * `[streamId, revision, hash]` triples sorted by streamId (JavaScript string order). A head
 * hash commits to every earlier event of its stream (the hash chain), so the digest commits
 * to every event the heads cover. The export manifest and `audit:verify` use this function.
 */
export function digestOfHeads(heads: Iterable<StreamHead>): string {
  const sorted = [...heads].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  const body = canonicalJson(sorted.map((head) => [head.streamId, head.revision, head.hash]));
  return createHash('sha256')
    .update(DIGEST_PREFIX + body, 'utf8')
    .digest('hex');
}

/**
 * Stream heads as of an instant, fed with the log in order. A stream's head is its highest
 * revision that occurred at or before `asOf`; events after `asOf` are ignored, so an event
 * appended later does not change the digest unless it is backdated into the past.
 *
 * Head hashes are RECOMPUTED along each chain from the events as stored (never taken from
 * the stored `hash` field), so an edited payload changes the digest even when the attacker
 * left the stored hash alone.
 */
export class StreamHeadsAsOf {
  readonly #heads = new Map<string, StreamHead>();
  /** Per stream: the recomputed hash of the last event seen, whatever its time. */
  readonly #chains = new Map<string, string>();
  readonly #limit: number;

  constructor(readonly asOf: string) {
    this.#limit = Date.parse(asOf);
    if (Number.isNaN(this.#limit)) throw new RangeError(`asOf is not an instant: ${asOf}`);
  }

  /** Feeds the next event of the log; true when it counts (occurred at or before asOf). */
  add(event: RecordedEvent): boolean {
    const stored = asStored(event);
    const hash = computeEventHash(stored, this.#chains.get(event.streamId) ?? null);
    this.#chains.set(event.streamId, hash);
    if (Date.parse(stored.metadata.occurredAt) > this.#limit) return false;
    const head = this.#heads.get(event.streamId);
    if (!head || event.revision > head.revision) {
      this.#heads.set(event.streamId, { streamId: event.streamId, revision: event.revision, hash });
    }
    return true;
  }

  get(streamId: string): StreamHead | undefined {
    return this.#heads.get(streamId);
  }

  heads(): StreamHead[] {
    return [...this.#heads.values()];
  }

  result(): AuditDigestResult {
    const heads = this.heads();
    return {
      asOf: this.asOf,
      digest: digestOfHeads(heads),
      streams: heads.length,
      events: heads.reduce((sum, head) => sum + head.revision + 1, 0),
    };
  }
}

/**
 * The digest of the whole store as of `asOf`, from the event store itself (never a read
 * model). Recomputing it later for the same asOf gives the same value unless an event
 * that occurred by then was changed, removed or added.
 */
export async function computeAuditDigest(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  asOf: string,
): Promise<AuditDigestResult> {
  const heads = new StreamHeadsAsOf(asOf);
  for await (const event of readLog(store)) heads.add(event);
  return heads.result();
}
