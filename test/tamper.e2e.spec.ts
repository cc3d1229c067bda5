import { taskStream } from '#domain';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { TestApp, type Api } from './support/harness.js';
import { ACKNOWLEDGE, assignTraining, COMPLETE, registerOrganisation, REPORT } from './support/fixtures.js';

const VERIFY = `query($streamId: String) {
  verifyHistory(streamId: $streamId) { ok streamsChecked eventsChecked brokenStreamId brokenRevision } }`;

interface Verification {
  verifyHistory: {
    ok: boolean;
    streamsChecked: number;
    eventsChecked: number;
    brokenStreamId: string | null;
    brokenRevision: number | null;
  };
}

/** What someone with access to the file could do: bypass the append-only trigger and edit a row. */
function editStoredEvent(
  dataDir: string,
  streamId: string,
  revision: number,
  edit: (data: Record<string, unknown>) => void,
) {
  const db = new Database(join(dataDir, 'events.db'));
  try {
    db.exec('DROP TRIGGER IF EXISTS events_append_only_update');
    const row = db
      .prepare('SELECT data FROM events WHERE stream_id = ? AND revision = ?')
      .get(streamId, revision) as { data: string };
    const data = JSON.parse(row.data) as Record<string, unknown>;
    edit(data);
    db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(
      JSON.stringify(data),
      streamId,
      revision,
    );
  } finally {
    db.close();
  }
}

describe('an edited event in DATA_DIR/events.db is caught by verifyHistory', () => {
  let app: TestApp;
  let auditor: Api;
  let taskId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    const clients = await app.clients();
    const { office, manager } = clients;
    auditor = clients.auditor;
    await registerOrganisation(office);
    taskId = await assignTraining(office);
    await manager.ok(ACKNOWLEDGE, { input: { taskId } });
    await manager.ok(REPORT, { input: { taskId, progress: 60, metrics: [{ key: 'trainees', value: 55 }] } });
    await manager.ok(COMPLETE, {
      input: { taskId, summary: '培训完成', metrics: [{ key: 'trainees', value: 92 }] },
    });
  });

  afterAll(() => app?.stop());

  it('before the edit every chain verifies', async () => {
    const { verifyHistory } = await auditor.ok<Verification>(VERIFY);
    expect(verifyHistory).toMatchObject({ ok: true, streamsChecked: 4, eventsChecked: 7 });
  });

  it('after inflating a reported metric, the stream and revision are reported broken', async () => {
    editStoredEvent(app.dataDir, taskStream(taskId), 2, (data) => {
      data.metrics = [{ key: 'trainees', value: 92 }];
    });

    const all = await auditor.ok<Verification>(VERIFY);
    expect(all.verifyHistory).toMatchObject({
      ok: false,
      brokenStreamId: taskStream(taskId),
      brokenRevision: 2,
    });

    const one = await auditor.ok<Verification>(VERIFY, { streamId: taskStream(taskId) });
    expect(one.verifyHistory).toEqual({
      ok: false,
      streamsChecked: 1,
      eventsChecked: 3,
      brokenStreamId: taskStream(taskId),
      brokenRevision: 2,
    });

    const untouched = await auditor.ok<Verification>(VERIFY, { streamId: 'unit-management' });
    expect(untouched.verifyHistory).toMatchObject({ ok: true, brokenStreamId: null, brokenRevision: null });
  });
});
