import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { taskStream, unitStream } from '#domain';
import { computeAuditDigest, computeEventHash, digestOfHeads, SqliteEventStore } from '#event-store';
import { loadDemo } from '../demo.js';
import { DEMO_TASKS } from '../demo-plan.js';
import type { BundleEvent, BundleManifest } from './bundle-format.js';
import { exportAuditBundle, exportAuditBundleToFile, type ExportOptions } from './export-bundle.js';
import { verifyAuditBundle, verifyAuditBundleFile } from './verify-bundle.js';

/** The demo year ends at midnight 2024-01-01 in Beijing: the whole demo plan happens in 2023. */
const DEMO_NOW = '2023-12-31T16:00:00.000Z';
const YEAR: ExportOptions = {
  from: '2022-12-31T16:00:00.000Z',
  to: '2023-12-31T15:59:59.999Z',
  unitId: null,
};

const parse = (line: string) => JSON.parse(line) as BundleEvent;
/** Index of the n-th event line of a stream (the manifest is lines[0]). */
function lineOf(lines: string[], streamId: string, revision: number): number {
  const index = lines.findIndex(
    (l, i) => i > 0 && parse(l).streamId === streamId && parse(l).revision === revision,
  );
  if (index < 0) throw new Error(`no line for ${streamId}@${revision}`);
  return index;
}
const edit = (lines: string[], index: number, change: (event: BundleEvent) => BundleEvent): string[] =>
  lines.map((line, i) => (i === index ? JSON.stringify(change(parse(line))) : line));

describe('audit bundle: export, then verify offline', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  let lines: string[];
  const training = taskStream(DEMO_TASKS[0].id);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-bundle-'));
    file = join(dir, 'events.db');
    store = SqliteEventStore.open(file);
    await loadDemo(store, DEMO_NOW);
    lines = [];
    await exportAuditBundle(store, YEAR, (line) => void lines.push(line));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes an untouched bundle, whose digest is the store’s auditDigest at the same instant', async () => {
    const manifest = JSON.parse(lines[0]) as BundleManifest;
    const head = await store.headPosition();
    expect(manifest).toMatchObject({
      format: 'chessboard-audit-bundle',
      asOf: YEAR.to,
      events: Number(head),
    });
    expect(lines).toHaveLength(Number(head) + 1);
    const digest = await computeAuditDigest(store, YEAR.to);
    expect(manifest.digest).toBe(digest.digest);
    expect(await verifyAuditBundle(lines, { anchor: digest.digest })).toEqual({
      ok: true,
      asOf: YEAR.to,
      digest: digest.digest,
      events: Number(head),
      streams: digest.streams,
      digestStreams: digest.streams,
      anchored: true,
    });
  });

  it('catches an edited payload and names the event', async () => {
    const index = lineOf(lines, training, 2);
    const tampered = edit(lines, index, (e) => ({ ...e, data: { ...(e.data as object), progress: 90 } }));
    expect(await verifyAuditBundle(tampered)).toMatchObject({
      ok: false,
      line: index + 1,
      streamId: training,
      revision: 2,
      reason: expect.stringContaining('hash does not match'),
    });
  });

  it('catches a deleted event in the middle of a stream, naming the missing revision', async () => {
    const index = lineOf(lines, training, 1);
    const without = lines.filter((_, i) => i !== index);
    expect(await verifyAuditBundle(without)).toMatchObject({
      ok: false,
      line: index + 1,
      streamId: training,
      revision: 1,
      reason: expect.stringContaining('is missing'),
    });
  });

  it('catches a deleted last event of a stream', async () => {
    const last = DEMO_TASKS[0].steps.length;
    const index = lineOf(lines, training, last);
    expect(await verifyAuditBundle(lines.filter((_, i) => i !== index))).toMatchObject({
      ok: false,
      streamId: training,
      revision: last,
      reason: expect.stringContaining('is missing'),
    });
  });

  it('catches two lines of one stream swapped', async () => {
    const [a, b] = [lineOf(lines, training, 1), lineOf(lines, training, 2)];
    const swapped = [...lines];
    [swapped[a], swapped[b]] = [swapped[b], swapped[a]];
    expect(await verifyAuditBundle(swapped)).toMatchObject({ ok: false, line: a + 1, streamId: training });
  });

  it('catches two neighbouring lines of different streams swapped', async () => {
    const swapped = [...lines];
    const a = swapped.findIndex((l, i) => i > 1 && parse(l).streamId !== parse(swapped[i - 1]).streamId) - 1;
    [swapped[a], swapped[a + 1]] = [swapped[a + 1], swapped[a]];
    expect(await verifyAuditBundle(swapped)).toMatchObject({
      ok: false,
      line: a + 2,
      reason: expect.stringContaining('lines reordered'),
    });
  });

  it('catches a forged hash', async () => {
    const index = lineOf(lines, training, 2);
    const forged = edit(lines, index, (e) => ({ ...e, metadata: { ...e.metadata, hash: 'f'.repeat(64) } }));
    expect(await verifyAuditBundle(forged)).toMatchObject({
      ok: false,
      line: index + 1,
      streamId: training,
      revision: 2,
    });
  });

  it('catches an edit whose hash was recomputed to match: the next link breaks', async () => {
    const index = lineOf(lines, training, 1);
    const forged = edit(lines, index, (e) => {
      const data = { ...(e.data as object), note: '改写' };
      const hash = computeEventHash({ ...e, data }, e.metadata.previousHash);
      return { ...e, data, metadata: { ...e.metadata, hash } };
    });
    expect(await verifyAuditBundle(forged)).toMatchObject({
      ok: false,
      line: lineOf(lines, training, 2) + 1,
      streamId: training,
      revision: 2,
      reason: expect.stringContaining('previousHash'),
    });
  });

  it('catches a whole stream rewritten consistently, with the manifest fixed up: only the anchor tells', async () => {
    const manifest = JSON.parse(lines[0]) as BundleManifest;
    const stream = unitStream('management');
    const index = lineOf(lines, stream, 0);
    const rewritten = edit(lines, index, (e) => {
      const data = { ...(e.data as object), name: '管理学院（改）' };
      return { ...e, data, metadata: { ...e.metadata, hash: computeEventHash({ ...e, data }, null) } };
    });
    const hash = parse(rewritten[index]).metadata.hash;
    // management's unit stream has one event, so no later link breaks; the head does not match.
    expect(await verifyAuditBundle(rewritten)).toMatchObject({
      ok: false,
      streamId: stream,
      reason: expect.stringContaining('head hash differs'),
    });
    const heads = manifest.heads.map((h) => (h[0] === stream ? ([h[0], h[1], hash] as const) : h));
    const fixed = {
      ...manifest,
      heads,
      digest: digestOfHeads(heads.map(([streamId, revision, h]) => ({ streamId, revision, hash: h }))),
    };
    const forgedBundle = [JSON.stringify(fixed), ...rewritten.slice(1)];
    expect(await verifyAuditBundle(forgedBundle)).toMatchObject({ ok: true });
    expect(await verifyAuditBundle(forgedBundle, { anchor: manifest.digest })).toMatchObject({
      ok: false,
      line: 1,
      reason: expect.stringContaining('not the anchored digest'),
    });
  });

  it('catches a manifest whose heads were edited', async () => {
    const manifest = JSON.parse(lines[0]) as BundleManifest;
    const edited = { ...manifest, heads: manifest.heads.slice(1) };
    expect(await verifyAuditBundle([JSON.stringify(edited), ...lines.slice(1)])).toMatchObject({
      ok: false,
      line: 1,
      reason: expect.stringContaining('manifest edited'),
    });
  });

  it('exports one unit: its tasks, the unit and their programmes, every chain complete', async () => {
    const unitLines: string[] = [];
    const { manifest } = await exportAuditBundle(store, { ...YEAR, unitId: 'teacher-dev' }, (l) => {
      unitLines.push(l);
    });
    const ours = DEMO_TASKS.filter((t) => t.unitId === 'teacher-dev');
    const programs = [...new Set(ours.map((t) => `program-${t.programId}`))];
    expect(manifest.included).toEqual(
      [...ours.map((t) => taskStream(t.id)), unitStream('teacher-dev'), ...programs].sort(),
    );
    expect(manifest.digest).toBe(JSON.parse(lines[0]).digest);
    expect(await verifyAuditBundle(unitLines)).toMatchObject({ ok: true, streams: manifest.included.length });
  });

  it('stops at --to: later events are neither in the bundle nor in the digest', async () => {
    const to = '2023-06-30T16:00:00.000Z';
    const early: string[] = [];
    const { manifest } = await exportAuditBundle(store, { from: null, to, unitId: null }, (l) => {
      early.push(l);
    });
    expect(early.slice(1).every((l) => parse(l).metadata.occurredAt <= to)).toBe(true);
    expect(manifest.digest).toBe((await computeAuditDigest(store, to)).digest);
    expect(await verifyAuditBundle(early)).toMatchObject({ ok: true, events: early.length - 1 });
  });

  it('writes a file and verifies it from disk; an edit in the store itself shows in the bundle', async () => {
    const out = join(dir, 'bundle.jsonl');
    await exportAuditBundleToFile(store, YEAR, out);
    expect(await verifyAuditBundleFile(out)).toMatchObject({ ok: true });
    expect(readFileSync(out, 'utf8').split('\n')[0]).toContain('"format":"chessboard-audit-bundle"');

    const raw = new Database(file);
    raw.exec('DROP TRIGGER IF EXISTS events_append_only_update');
    raw
      .prepare('UPDATE events SET data = json_set(data, ?, ?) WHERE stream_id = ? AND revision = 2')
      .run('$.progress', 95, training);
    raw.close();
    const after = join(dir, 'after.jsonl');
    await exportAuditBundleToFile(store, YEAR, after);
    expect(await verifyAuditBundleFile(after)).toMatchObject({ ok: false, streamId: training, revision: 2 });
  });
});
