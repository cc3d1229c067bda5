import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { SqliteEventStore, verifyHistory, type HistoryVerification } from '#event-store';
import { DEFAULT_CHECKPOINT } from '#projections';

export interface BackupSource {
  readonly eventsDb: string | null;
  readonly readModelDb: string | null;
  /** DATA_DIR/jwt-secret, when the server generated one: tokens stay valid after a restore. */
  readonly jwtSecretFile: string | null;
}

export interface BackedUpFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface BackupResult {
  readonly dir: string;
  readonly files: readonly BackedUpFile[];
  /** Position of the last event in the copy (0 when there is no event store file). */
  readonly headPosition: string;
  /** The copied read model's checkpoint: never ahead of headPosition (it is copied first). */
  readonly readModelCheckpoint: string | null;
  readonly verification: HistoryVerification | null;
  readonly ms: number;
}

/** A backup directory that already holds files: never overwritten. */
export class BackupTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupTargetError';
  }
}

/**
 * Copies the embedded SQLite store safely while the server runs: `VACUUM INTO` reads each
 * database in one read transaction, so the copy is a consistent snapshot whatever is being
 * written meanwhile (WAL readers never block the writer, nor it them), compacted, without
 * its -wal file. The read model is copied before the event store, so the copy's checkpoint
 * is never ahead of its log and a restored projector simply catches up. The copy is then
 * checked: SQLite's integrity_check and every stream's hash chain (verifyHistory).
 */
export async function backupSqlite(source: BackupSource, dir: string): Promise<BackupResult> {
  const started = performance.now();
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new BackupTargetError(`${dir} is not empty; backups never overwrite (choose a new --out)`);
  }
  mkdirSync(dir, { recursive: true });
  const files: BackedUpFile[] = [];
  let readModelCheckpoint: string | null = null;

  if (source.readModelDb && existsSync(source.readModelDb)) {
    const target = join(dir, basename(source.readModelDb));
    vacuumInto(source.readModelDb, target);
    readModelCheckpoint = readCheckpoint(target);
    files.push(await describe(target));
  }
  let headPosition = '0';
  let verification: HistoryVerification | null = null;
  if (source.eventsDb && existsSync(source.eventsDb)) {
    const target = join(dir, basename(source.eventsDb));
    vacuumInto(source.eventsDb, target);
    const copy = SqliteEventStore.open(target);
    try {
      headPosition = (await copy.headPosition()).toString();
      verification = await verifyHistory(copy);
    } finally {
      await copy.close();
    }
    files.push(await describe(target));
  }
  if (source.jwtSecretFile && existsSync(source.jwtSecretFile)) {
    const target = join(dir, basename(source.jwtSecretFile));
    copyFileSync(source.jwtSecretFile, target);
    chmodSync(target, 0o600);
    files.push(await describe(target));
  }
  const result: BackupResult = {
    dir,
    files,
    headPosition,
    readModelCheckpoint,
    verification,
    ms: Math.round(performance.now() - started),
  };
  writeFileSync(
    join(dir, 'manifest.json'),
    `${JSON.stringify({ createdAt: new Date().toISOString(), ...result, verification: jsonSafe(verification) }, null, 2)}\n`,
  );
  return result;
}

function vacuumInto(sourcePath: string, targetPath: string): void {
  // Not readonly: a read-only connection cannot create the -shm a WAL database needs when
  // no server has it open. Nothing is written to the source.
  const db = new Database(sourcePath, { fileMustExist: true, timeout: 10_000 });
  try {
    db.prepare('VACUUM INTO ?').run(targetPath);
  } finally {
    db.close();
  }
  const copy = new Database(targetPath, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${targetPath}: integrity_check says ${String(check)}`);
  } finally {
    copy.close();
  }
}

function readCheckpoint(readModelPath: string): string | null {
  const db = new Database(readModelPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT position FROM checkpoints WHERE name = ?')
      .safeIntegers(true)
      .get(DEFAULT_CHECKPOINT) as { position: bigint | string } | undefined;
    return row ? String(row.position) : '0';
  } finally {
    db.close();
  }
}

async function describe(path: string): Promise<BackedUpFile> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { name: basename(path), bytes: statSync(path).size, sha256: hash.digest('hex') };
}

function jsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}
