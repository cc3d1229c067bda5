import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ServiceUnavailableError } from '#domain';
import { verifyHistory, verifyStreamChain } from '../hash-chain.js';
import { describeGroupCommit } from '../testing/group-commit.contract.js';
import { appendOptions, describeEventStoreContract } from '../testing/index.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/** What an attacker with the file does: get past the append-only triggers and edit a row. */
function editStoredData(file: string, streamId: string, revision: number, data: unknown): void {
  const raw = new Database(file);
  try {
    raw.exec('DROP TRIGGER IF EXISTS events_append_only_update');
    raw
      .prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?')
      .run(JSON.stringify(data), streamId, revision);
  } finally {
    raw.close();
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'chessboard-sqlite-'));
}

describeEventStoreContract('SQLite', async () => {
  const dir = tempDir();
  const file = join(dir, 'events.db');
  const store = SqliteEventStore.open(file);
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async tamper(streamId, revision) {
      editStoredData(file, streamId, revision, { n: 999, tampered: true });
    },
  };
});

describeGroupCommit('SQLite', async () => {
  const dir = tempDir();
  const file = join(dir, 'events.db');
  const store = SqliteEventStore.open(file);
  return {
    store,
    reopen: async () => SqliteEventStore.open(file),
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore', () => {
  const options = appendOptions();
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the directory and the schema, and reopens the same file with its events', async () => {
    const file = join(dir, 'nested', 'deeper', 'events.db');
    const first = SqliteEventStore.open(file);
    await first.append('task-1', [{ type: 'Noted', data: { n: 1 } }], options);
    await first.close();

    const second = SqliteEventStore.open(file);
    await second.append('task-1', [{ type: 'Noted', data: { n: 2 } }], options);
    expect((await second.readStream('task-1')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(verifyStreamChain(await second.readStream('task-1'))).toEqual({ ok: true });
    await second.close();
  });

  it('runs in WAL mode, so readers and a writer in another process do not block each other', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file);
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('catches an event whose data was edited directly in the file', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file);
    await store.append(
      'task-1',
      [1, 2, 3, 4].map((n) => ({ type: 'Noted', data: { n } })),
      options,
    );
    expect(verifyStreamChain(await store.readStream('task-1'))).toEqual({ ok: true });

    editStoredData(file, 'task-1', 2, { n: 30 });

    expect(verifyStreamChain(await store.readStream('task-1'))).toEqual({ ok: false, brokenRevision: 2 });
    expect(await verifyHistory(store)).toEqual({
      ok: false,
      streamId: 'task-1',
      brokenRevision: 2,
      position: 3n,
    });
    await store.close();
  });

  it('refuses ordinary UPDATE and DELETE on events', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file);
    await store.append('task-1', [{ type: 'Noted', data: { n: 1 } }], options);
    const raw = new Database(file);
    expect(() => raw.prepare("UPDATE events SET type = 'X'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    raw.close();
    await store.close();
  });

  it('sees appends made by another process on the same file, live', async () => {
    const file = join(dir, 'events.db');
    const server = SqliteEventStore.open(file);
    const cli = SqliteEventStore.open(file); // another connection, as a CLI process would have
    const controller = new AbortController();
    const seen: number[] = [];
    const following = (async () => {
      for await (const event of server.follow(0n, controller.signal)) {
        seen.push(Number(event.position));
        if (seen.length === 3) controller.abort();
      }
    })();

    await cli.append('task-1', [{ type: 'Noted', data: {} }], options);
    await cli.append('task-2', [{ type: 'Noted', data: {} }], options);
    await server.append('task-1', [{ type: 'Noted', data: {} }], options);
    await following;

    expect(seen).toEqual([1, 2, 3]);
    await cli.close();
    await server.close();
  });

  it('lets two connections append to the same file without losing events', async () => {
    const file = join(dir, 'events.db');
    const a = SqliteEventStore.open(file);
    const b = SqliteEventStore.open(file);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? a : b).append(`task-${i % 5}`, [{ type: 'Noted', data: { i } }], options),
      ),
    );
    const all = await a.readAll();
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i + 1)));
    await a.close();
    await b.close();
  });

  it('reports a write lock held too long by another process as ServiceUnavailableError, with nothing written', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file, { busyTimeoutMs: 100 });
    await store.append('task-1', [{ type: 'Noted', data: { n: 1 } }], options);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');

    await expect(store.append('task-1', [{ type: 'Noted', data: { n: 2 } }], options)).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );

    other.exec('ROLLBACK');
    other.close();
    expect(await store.readStream('task-1')).toHaveLength(1);
    await store.append('task-1', [{ type: 'Noted', data: { n: 2 } }], options);
    expect(verifyStreamChain(await store.readStream('task-1'))).toEqual({ ok: true });
    await store.close();
  });

  it('reports a path it cannot create as ServiceUnavailableError', () => {
    const notADirectory = join(dir, 'plain-file');
    writeFileSync(notADirectory, '');
    expect(() => SqliteEventStore.open(join(notADirectory, 'events.db'))).toThrow(ServiceUnavailableError);
  });

  it('ping fails with ServiceUnavailableError when the file is gone', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file);
    await expect(store.ping()).resolves.toBeUndefined();
    rmSync(file);
    await expect(store.ping()).rejects.toBeInstanceOf(ServiceUnavailableError);
    await store.close();
  });

  it('commits appends made in the same turn of the event loop together (fewer commits than appends)', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file);
    await store.append('task-0', [{ type: 'Noted', data: {} }], options);
    // Every commit adds at least one page frame to the WAL, which grows until the first
    // checkpoint (at 1,000 frames, far off here).
    const walFrames = () => Math.floor((statSync(`${file}-wal`).size - 32) / (4096 + 24));
    const before = walFrames();
    await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        store.append(`task-${i}`, [{ type: 'Noted', data: { i } }], options),
      ),
    );
    const frames = walFrames() - before;
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThan(32);
    await store.close();
  });

  it('keeps a whole, verifiable log when the writing process is killed in the middle of its batches', async () => {
    const file = join(dir, 'events.db');
    await SqliteEventStore.open(file).close();
    const child = spawn(
      process.execPath,
      [
        join(__dirname, '../../../../test/support/run-ts.cjs'),
        join(__dirname, '../testing/sqlite-crash-writer.ts'),
        file,
      ],
      { cwd: join(__dirname, '../../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`the writer exited early with ${code}`)));
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    });
    const observer = SqliteEventStore.open(file);
    while ((await observer.headPosition()) < 200n) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    await observer.close();

    const store = SqliteEventStore.open(file);
    const all = await store.readAll({ limit: 1_000_000 });
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
    for (let w = 0; w < 16; w++) {
      const events = await store.readStream(`task-${w}`);
      expect(events.map((e) => (e.data as { n: number }).n)).toEqual(events.map((_, i) => i));
    }
    expect(await verifyHistory(store)).toMatchObject({ ok: true, events: all.length });
    await store.append('task-0', [{ type: 'Noted', data: { after: true } }], options);
    expect(verifyStreamChain(await store.readStream('task-0'))).toEqual({ ok: true });
    await store.close();
  });
});
