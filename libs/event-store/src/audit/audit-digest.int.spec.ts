import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Actor } from '#domain';
import type { AppendOptions } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { computeAuditDigest, digestOfHeads } from './audit-digest.js';

const office: Actor = { id: 'office-1', role: 'office' };
const at = (occurredAt: string): AppendOptions => ({
  expectedRevision: 'any',
  actor: office,
  occurredAt,
  correlationId: 'c-1',
});
const noted = (n: number) => [{ type: 'Noted', data: { n, text: `第${n}条` } }];

/** What someone with the file does: get past the append-only trigger and edit one stored payload. */
function editStoredData(file: string, streamId: string, revision: number): void {
  const raw = new Database(file);
  try {
    raw.exec('DROP TRIGGER IF EXISTS events_append_only_update');
    raw
      .prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?')
      .run(JSON.stringify({ n: 999 }), streamId, revision);
  } finally {
    raw.close();
  }
}

describe('auditDigest(asOf)', () => {
  const asOf = '2023-06-30T16:00:00.000Z';
  let dir: string;
  let file: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-digest-'));
    file = join(dir, 'events.db');
    store = SqliteEventStore.open(file);
    await store.append('task-a', noted(1), at('2023-03-01T00:00:00.000Z'));
    await store.append('task-b', noted(2), at('2023-04-01T00:00:00.000Z'));
    await store.append('task-a', noted(3), at('2023-05-01T00:00:00.000Z'));
    await store.append('task-a', noted(4), at('2023-08-01T00:00:00.000Z'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('covers the streams and events that occurred by asOf', async () => {
    const digest = await computeAuditDigest(store, asOf);
    expect(digest).toMatchObject({ asOf, streams: 2, events: 3 });
    expect(digest.digest).toMatch(/^[0-9a-f]{64}$/);
    const [a1, b0] = [(await store.readStream('task-a'))[1], (await store.readStream('task-b'))[0]];
    expect(digest.digest).toBe(
      digestOfHeads([
        { streamId: 'task-b', revision: 0, hash: b0.metadata.hash },
        { streamId: 'task-a', revision: 1, hash: a1.metadata.hash },
      ]),
    );
  });

  it('stays the same when history after asOf grows or changes', async () => {
    const before = await computeAuditDigest(store, asOf);
    await store.append('task-b', noted(5), at('2023-09-01T00:00:00.000Z'));
    await store.append('task-c', noted(6), at('2023-10-01T00:00:00.000Z'));
    editStoredData(file, 'task-a', 2);
    expect(await computeAuditDigest(store, asOf)).toEqual(before);
  });

  it('changes when an event before asOf is edited, even with its stored hash left alone', async () => {
    const before = await computeAuditDigest(store, asOf);
    editStoredData(file, 'task-a', 0);
    const after = await computeAuditDigest(store, asOf);
    expect(after.digest).not.toBe(before.digest);
    expect(after).toMatchObject({ streams: 2, events: 3 });
  });

  it('changes when an event is backdated into the period', async () => {
    const before = await computeAuditDigest(store, asOf);
    await store.append('task-c', noted(7), at('2023-02-01T00:00:00.000Z'));
    expect((await computeAuditDigest(store, asOf)).digest).not.toBe(before.digest);
  });

  it('does not depend on the order streams first appear in', () => {
    const heads = [
      { streamId: 'unit-x', revision: 0, hash: 'a'.repeat(64) },
      { streamId: 'task-1', revision: 4, hash: 'b'.repeat(64) },
    ];
    expect(digestOfHeads(heads)).toBe(digestOfHeads([...heads].reverse()));
  });
});
