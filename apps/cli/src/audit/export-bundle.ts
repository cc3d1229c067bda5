import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { isClosed, parseStream, programStream, taskStream, unitStream } from '#domain';
import { asStored, readLog, StreamHeadsAsOf, type EventStore } from '#event-store';
import { LogFold } from '#projections';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  toBundleEvent,
  type BundleManifest,
  type HeadTriple,
} from './bundle-format.js';

export interface ExportOptions {
  /**
   * Streams with an event at or after this instant, and tasks still open then (a task
   * assigned last year and untouched this year is still this year's work). Default: all.
   */
  readonly from: string | null;
  /** History as of this instant: later events are left out. */
  readonly to: string;
  /** Only this unit's tasks (ever assigned to it by `to`), the unit, and those tasks' programmes. */
  readonly unitId: string | null;
  readonly exportedAt?: string;
}

export interface ExportSummary {
  readonly manifest: BundleManifest;
  readonly position: bigint;
}

type Store = Pick<EventStore, 'readAll' | 'headPosition'>;

/** Fields of task events the selection needs, in whatever (current) shape the store upcast them to. */
interface Assignment {
  readonly unitId?: unknown;
  readonly programId?: unknown;
}

/**
 * Writes an audit bundle through `writeLine`: the manifest, then each selected stream's
 * events from revision 0 to its head at `to` (complete chains, so every link is checkable
 * offline), in log order. Two passes over the same prefix of the log (up to the head
 * position read at the start), so appends made meanwhile change nothing.
 */
export async function exportAuditBundle(
  store: Store,
  options: ExportOptions,
  writeLine: (line: string) => Promise<void> | void,
): Promise<ExportSummary> {
  const until = await store.headPosition();
  const heads = new StreamHeadsAsOf(options.to);
  const from = options.from === null ? null : Date.parse(options.from);
  const active = new Set<string>();
  const ofUnit = new Set<string>();
  const programOf = new Map<string, string>();
  const before = from === null ? null : new LogFold(new Date(from - 1).toISOString());

  for await (const event of readLog(store, { until })) {
    before?.add(event);
    if (!heads.add(event)) continue;
    if (from === null || Date.parse(event.metadata.occurredAt) >= from) active.add(event.streamId);
    if (event.type === 'TaskAssigned' || event.type === 'TaskReassigned') {
      const data = event.data as Assignment;
      if (options.unitId !== null && data.unitId === options.unitId) ofUnit.add(event.streamId);
      if (typeof data.programId === 'string') programOf.set(event.streamId, data.programId);
    }
  }

  for (const [id, task] of before?.tasks ?? []) {
    if (task.exists && !isClosed(task.status)) active.add(taskStream(id));
  }
  const included = selectStreams(heads, active, ofUnit, programOf, options.unitId);
  const headList = heads.heads();
  const digest = heads.result();
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    query: { from: options.from, to: options.to, unitId: options.unitId },
    asOf: options.to,
    digest: digest.digest,
    heads: headList
      .map((h): HeadTriple => [h.streamId, h.revision, h.hash])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    included: [...included].sort(),
    events: [...included].reduce((sum, id) => sum + (heads.get(id)?.revision ?? -1) + 1, 0),
  };

  await writeLine(JSON.stringify(manifest));
  for await (const event of readLog(store, { until })) {
    const head = heads.get(event.streamId);
    if (head === undefined || !included.has(event.streamId) || event.revision > head.revision) continue;
    await writeLine(JSON.stringify(toBundleEvent(asStored(event))));
  }
  return { manifest, position: until };
}

function selectStreams(
  heads: StreamHeadsAsOf,
  active: ReadonlySet<string>,
  ofUnit: ReadonlySet<string>,
  programOf: ReadonlyMap<string, string>,
  unitId: string | null,
): Set<string> {
  const included = new Set<string>();
  const add = (streamId: string) => {
    if (heads.get(streamId) !== undefined) included.add(streamId);
  };
  if (unitId === null) {
    // Every stream active in the period, plus every unit and programme: the report needs their names.
    for (const streamId of active) add(streamId);
    for (const { streamId } of heads.heads()) {
      const { category } = parseStream(streamId);
      if (category === 'unit' || category === 'program') add(streamId);
    }
    return included;
  }
  add(unitStream(unitId));
  for (const streamId of active) {
    if (!ofUnit.has(streamId)) continue;
    add(streamId);
    const programId = programOf.get(streamId);
    if (programId !== undefined) add(programStream(programId));
  }
  return included;
}

/** Exports to `path` through a temporary file, renamed into place when complete. */
export async function exportAuditBundleToFile(
  store: Store,
  options: ExportOptions,
  path: string,
): Promise<ExportSummary> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  try {
    const summary = await exportAuditBundle(store, options, async (line) => {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
    await rename(partial, path);
    return summary;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
