import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSIGN, OFFICE, OpsApp, seedTask } from './support/ops-app.js';
import { runCli } from './support/cli.js';

jest.setTimeout(120_000);

const CLI = 'apps/cli/src/main.ts';

describe('npm run backup', () => {
  let app: OpsApp;
  let out: string;

  beforeAll(async () => {
    app = await OpsApp.start();
    out = mkdtempSync(join(tmpdir(), 'chessboard-backup-'));
  });

  afterAll(async () => {
    await app.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('copies the store while the server keeps writing; the copy verifies and restores', async () => {
    await seedTask(app);
    // Writes keep coming while the backup runs.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        await app.ok(OFFICE, ASSIGN, {
          input: {
            title: `备份期间的任务 ${n}`,
            programId: 'tibet',
            unitId: 'management',
            deadline: '2031-06-30T16:00:00Z',
          },
        });
        written++;
      }
    })();
    while (written < 5) await new Promise((r) => setTimeout(r, 10));
    const target = join(out, 'first');
    const result = await runCli(CLI, ['backup', '--out', target], { DATA_DIR: app.dataDir });
    const writtenDuringBackup = written;
    writing = false;
    await writer;

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/hash chains verified/);
    expect(readdirSync(target).sort()).toEqual(['events.db', 'jwt-secret', 'manifest.json', 'read-model.db']);
    expect(statSync(join(target, 'jwt-secret')).mode & 0o777).toBe(0o600);
    const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8'));
    expect(manifest.verification).toMatchObject({ ok: true });
    const head = Number(manifest.headPosition);
    // unit, programme, the seeded task, and the tasks written before the copy was taken
    expect(head).toBeGreaterThanOrEqual(3 + 5);
    expect(head).toBeLessThanOrEqual(3 + writtenDuringBackup + 1);
    // The read model was copied first: never ahead of the log it came with.
    expect(Number(manifest.readModelCheckpoint)).toBeLessThanOrEqual(head);
    expect(existsSync(join(target, 'events.db-wal'))).toBe(false);

    // Restore: the files into an empty DATA_DIR; the server starts on them.
    const restoredDir = mkdtempSync(join(tmpdir(), 'chessboard-restored-'));
    for (const file of ['events.db', 'read-model.db', 'jwt-secret'])
      cpSync(join(target, file), join(restoredDir, file));
    const restored = await OpsApp.start({ dataDir: restoredDir });
    try {
      // The restored jwt-secret is the old one: the old server's tokens still work.
      expect(restored.config.jwtSecret).toBe(app.config.jwtSecret);
      const { tasks } = await restored.ok<{ tasks: { totalCount: number } }>(
        OFFICE,
        '{ tasks { totalCount } }',
      );
      expect(tasks.totalCount).toBe(head - 2);
      const { verifyHistory } = await restored.ok<{ verifyHistory: { ok: boolean; eventsChecked: number } }>(
        { id: 'auditor-1', role: 'auditor' },
        '{ verifyHistory { ok eventsChecked } }',
      );
      expect(verifyHistory).toEqual({ ok: true, eventsChecked: head });
    } finally {
      await restored.running.close();
      rmSync(restoredDir, { recursive: true, force: true });
    }
  });

  it('never overwrites an earlier backup', async () => {
    const target = join(out, 'twice');
    expect((await runCli(CLI, ['backup', '--out', target], { DATA_DIR: app.dataDir })).code).toBe(0);
    const again = await runCli(CLI, ['backup', '--out', target], { DATA_DIR: app.dataDir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^backup: .* is not empty; backups never overwrite/);
  });
});
