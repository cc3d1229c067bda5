import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { computeEventHash, digestOfHeads, type RecordedEvent } from '#event-store';
import {
  envelopeProblem,
  fromBundleEvent,
  manifestProblem,
  type BundleEvent,
  type BundleManifest,
} from './bundle-format.js';

export type BundleVerdict =
  | {
      readonly ok: true;
      readonly asOf: string;
      readonly digest: string;
      /** Event lines checked. */
      readonly events: number;
      /** Streams whose whole chain is in the bundle. */
      readonly streams: number;
      /** Streams the digest covers (the whole store at asOf). */
      readonly digestStreams: number;
      /** True when an anchored digest was given and matched; null when none was given. */
      readonly anchored: boolean | null;
    }
  | {
      readonly ok: false;
      readonly reason: string;
      /** 1-based line of the bundle where the problem shows (the manifest is line 1); null: after the last line. */
      readonly line: number | null;
      /** The first broken event, when the problem is an event's. */
      readonly streamId: string | null;
      readonly revision: number | null;
      readonly position: string | null;
    };

interface Chain {
  revision: number;
  hash: string;
}

const failure = (
  reason: string,
  line: number | null,
  event: { streamId?: string; revision?: number; position?: string } = {},
): BundleVerdict => ({
  ok: false,
  reason,
  line,
  streamId: event.streamId ?? null,
  revision: event.revision ?? null,
  position: event.position ?? null,
});

/**
 * Checks a bundle with nothing but its bytes (no database, no server): the manifest's
 * digest over its heads, then every event line in order — position order, revision
 * sequence per stream from 0, each previousHash link, each hash recomputed from the
 * content — then that every included stream ends exactly at its manifest head. Stops at
 * the first problem and names the first broken event.
 */
export async function verifyAuditBundle(
  lines: AsyncIterable<string> | Iterable<string>,
  options: { anchor?: string | null } = {},
): Promise<BundleVerdict> {
  let lineNo = 0;
  let manifest: BundleManifest | null = null;
  let heads = new Map<string, Chain>();
  let included = new Set<string>();
  const chains = new Map<string, Chain>();
  let lastPosition = 0n;
  let events = 0;

  for await (const raw of lines) {
    lineNo++;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return failure(`line ${lineNo} is not JSON`, lineNo);
    }

    if (manifest === null) {
      const problem = manifestProblem(value);
      if (problem !== null) return failure(problem, lineNo);
      manifest = value as BundleManifest;
      const recomputed = digestOfHeads(
        manifest.heads.map(([streamId, revision, hash]) => ({ streamId, revision, hash })),
      );
      if (recomputed !== manifest.digest) {
        return failure(
          'the manifest digest does not match the stream heads it lists (manifest edited)',
          lineNo,
        );
      }
      if (options.anchor != null && options.anchor !== manifest.digest) {
        return failure(
          `the bundle's digest ${manifest.digest} is not the anchored digest ${options.anchor}`,
          lineNo,
        );
      }
      heads = new Map(manifest.heads.map(([streamId, revision, hash]) => [streamId, { revision, hash }]));
      included = new Set(manifest.included);
      for (const streamId of included) {
        if (!heads.has(streamId))
          return failure(`included stream ${streamId} has no head in the manifest`, lineNo);
      }
      continue;
    }

    const problem = envelopeProblem(value);
    if (problem !== null) return failure(`line ${lineNo} is not an event envelope: ${problem}`, lineNo);
    const line = value as BundleEvent;
    const at = { streamId: line.streamId, revision: line.revision, position: line.position };
    const name = `${line.streamId}@${line.revision} (position ${line.position})`;
    events++;

    if (!included.has(line.streamId)) {
      return failure(`${name}: stream not listed in the manifest`, lineNo, at);
    }
    const position = BigInt(line.position);
    if (position <= lastPosition) {
      return failure(
        `${name}: position ${position} does not come after ${lastPosition} (lines reordered)`,
        lineNo,
        at,
      );
    }
    lastPosition = position;

    const chain = chains.get(line.streamId);
    const expected = chain ? chain.revision + 1 : 0;
    if (line.revision !== expected) {
      const missing = { streamId: line.streamId, revision: expected, position: line.position };
      return line.revision > expected
        ? failure(
            `${line.streamId}@${expected} is missing: line ${lineNo} holds revision ${line.revision} (event deleted or lines reordered)`,
            lineNo,
            missing,
          )
        : failure(`${name}: revision ${expected} was expected (duplicated or reordered)`, lineNo, at);
    }
    const previousHash = chain?.hash ?? null;
    if (line.metadata.previousHash !== previousHash) {
      return failure(
        `${name}: previousHash does not match the hash of ${line.streamId}@${expected - 1}`,
        lineNo,
        at,
      );
    }
    const event: RecordedEvent = fromBundleEvent(line);
    const hash = computeEventHash(event, previousHash);
    if (hash !== line.metadata.hash) {
      return failure(
        `${name}: hash does not match the event's content (payload edited or hash forged)`,
        lineNo,
        at,
      );
    }
    const head = heads.get(line.streamId)!;
    if (line.revision > head.revision) {
      return failure(`${name}: beyond the manifest's head (revision ${head.revision})`, lineNo, at);
    }
    chains.set(line.streamId, { revision: line.revision, hash });
  }

  if (manifest === null) return failure('the bundle is empty', null);
  for (const streamId of [...included].sort()) {
    const head = heads.get(streamId)!;
    const chain = chains.get(streamId);
    if (!chain || chain.revision < head.revision) {
      const revision = chain ? chain.revision + 1 : 0;
      return failure(
        `${streamId}@${revision} is missing: the stream ends ${chain ? `at revision ${chain.revision}` : 'before its first event'}, the manifest head is revision ${head.revision}`,
        null,
        { streamId, revision },
      );
    }
    if (chain.hash !== head.hash) {
      return failure(
        `${streamId}@${head.revision}: the chain's head hash differs from the manifest's (history rewritten)`,
        null,
        { streamId, revision: head.revision },
      );
    }
  }
  if (events !== manifest.events) {
    return failure(`the manifest announces ${manifest.events} events, the bundle holds ${events}`, null);
  }
  return {
    ok: true,
    asOf: manifest.asOf,
    digest: manifest.digest,
    events,
    streams: included.size,
    digestStreams: heads.size,
    anchored: options.anchor == null ? null : true,
  };
}

/** The lines of a bundle file, streamed (bundles of a whole year can be large). */
export function bundleLines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

/** Verifies a bundle file. */
export function verifyAuditBundleFile(path: string, options: { anchor?: string | null } = {}) {
  return verifyAuditBundle(bundleLines(path), options);
}
