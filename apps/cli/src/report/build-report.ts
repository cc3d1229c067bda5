import { readLog, StreamHeadsAsOf, type EventStore, type RecordedEvent } from '#event-store';
import { buildAnnualReport, LogFold, type AnnualReport } from '#projections';
import { fromBundleEvent, type BundleEvent, type BundleManifest } from '../audit/bundle-format.js';
import { bundleLines, verifyAuditBundleFile } from '../audit/verify-bundle.js';
import { UsageError, yearBounds } from '../shared/instants.js';
import type { Provenance } from './render-markdown.js';

export interface BuiltReport {
  readonly report: AnnualReport;
  readonly provenance: Provenance;
}

/** The year's report from the live event store, with the audit digest of the log as of the year's end. */
export async function reportFromStore(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  year: number,
  timeZone: string,
): Promise<BuiltReport> {
  const period = yearBounds(year, timeZone);
  const { fold, heads } = await foldAsOf(readLog(store), period.to);
  return {
    report: buildAnnualReport(fold, year, period, timeZone),
    provenance: { digest: heads.result().digest, asOf: period.to },
  };
}

/**
 * The same report from an audit bundle alone, offline: the bundle is verified first (a
 * bundle that does not verify gives no report), then its events are folded exactly as the
 * store's are. The bundle must reach the end of the year.
 */
export async function reportFromBundle(path: string, year: number, timeZone: string): Promise<BuiltReport> {
  const verdict = await verifyAuditBundleFile(path);
  if (!verdict.ok) throw new UsageError(`${path} does not verify: ${verdict.reason}`);
  const period = yearBounds(year, timeZone);
  let manifest: BundleManifest | null = null;
  const events: RecordedEvent[] = [];
  for await (const line of bundleLines(path)) {
    if (line.trim() === '') continue;
    if (manifest === null) manifest = JSON.parse(line) as BundleManifest;
    else events.push(fromBundleEvent(JSON.parse(line) as BundleEvent));
  }
  if (manifest === null) throw new UsageError(`${path} is empty`);
  if (manifest.asOf < period.to) {
    throw new UsageError(`${path} stops at ${manifest.asOf}, before the end of ${year} (${period.to})`);
  }
  if (manifest.query.from !== null && manifest.query.from > period.from) {
    throw new UsageError(
      `${path} starts at ${manifest.query.from}, after the start of ${year} (${period.from})`,
    );
  }
  const { fold, heads } = await foldAsOf(events, period.to);
  // The manifest's digest covers every stream of the store; it is the report's when taken at the same instant.
  const digest = manifest.asOf === period.to ? manifest.digest : heads.result().digest;
  return { report: buildAnnualReport(fold, year, period, timeZone), provenance: { digest, asOf: period.to } };
}

/** The log folded as of `asOf`, and the stream heads its audit digest is computed from, in one pass. */
async function foldAsOf(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  asOf: string,
): Promise<{ fold: LogFold; heads: StreamHeadsAsOf }> {
  const fold = new LogFold(asOf);
  const heads = new StreamHeadsAsOf(asOf);
  for await (const event of events) {
    fold.add(event);
    heads.add(event);
  }
  return { fold, heads };
}
