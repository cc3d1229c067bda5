/**
 * `chessboard backup [--out DIR]`: a consistent copy of the embedded store (events.db,
 * read-model.db, jwt-secret) while the server runs, checked and described in manifest.json.
 */
import { jwtSecretFile, loadStorageConfig } from '#storage';
import { Command } from 'commander';
import { join } from 'node:path';
import { BackupTargetError, backupSqlite } from './backup.js';
import { subcommand } from './shared/cli.js';
import { UsageError } from './shared/instants.js';

export const backupCommand = (): Command =>
  subcommand(
    new Command('backup')
      .description('Copy the SQLite event store and read model safely while the server runs')
      .option(
        '--out <dir>',
        'where to write the copy (default DATA_DIR/backups/<time>); put it on another disk',
      ),
    'backup',
    backup,
  );

async function backup(command: Command): Promise<number> {
  const options = command.opts<{ out?: string }>();
  const config = loadStorageConfig();
  const eventsDb = config.eventStore.kind === 'sqlite' ? config.eventStore.path : null;
  const readModelDb = config.readModel.kind === 'sqlite' ? config.readModel.path : null;
  if (!eventsDb && !readModelDb) {
    throw new UsageError(
      'EVENT_STORE and READ_MODEL are not sqlite: back up PostgreSQL with pg_dump, KurrentDB with its own backup (docs/operations.md)',
    );
  }
  if (!eventsDb)
    console.log(`backup: EVENT_STORE=${config.eventStore.kind} is not copied here (docs/operations.md)`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = options.out ?? join(config.dataDir, 'backups', stamp);
  try {
    const result = await backupSqlite(
      { eventsDb, readModelDb, jwtSecretFile: jwtSecretFile(config.dataDir) },
      dir,
    );
    for (const file of result.files)
      console.log(`  ${file.name}  ${file.bytes} bytes  sha256 ${file.sha256}`);
    const verified = result.verification;
    if (verified && !verified.ok) {
      console.error(
        `backup: the copy's history is broken at ${verified.streamId} revision ${verified.brokenRevision}: the source is damaged; keep your older backups`,
      );
      return 1;
    }
    console.log(
      `backup: ${dir} — ${verified ? `${verified.events} events in ${verified.streams} streams, hash chains verified, ` : ''}` +
        `head ${result.headPosition}, read model at ${result.readModelCheckpoint ?? '-'}, ${result.ms} ms`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupTargetError) throw new UsageError(error.message);
    throw error;
  }
}
