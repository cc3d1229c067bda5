import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { createApp, type RunningApp } from '../../apps/api/src/app.js';
import { signToken } from '../../apps/api/src/auth/jwt.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { loadReminderConfig } from '#reminders';
import { waitUntil } from '../../libs/reminders/testing/wait.js';
import { startWebhookSink, type WebhookSink } from '../../libs/reminders/testing/webhook-sink.js';

jest.setTimeout(60_000);

describe('correlation from a request to the events and reminders it causes', () => {
  let dir: string;
  let hooks: WebhookSink;
  let app: RunningApp;
  let authorization: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-correlation-'));
    hooks = await startWebhookSink();
    const config = { ...loadConfig({ DATA_DIR: dir, PORT: '0' }), schemaFile: null };
    const reminders = loadReminderConfig({ REMINDER_SWEEP_INTERVAL: '300ms' });
    app = await createApp(config, { reminders, logger: ['error'] });
    authorization = `Bearer ${await signToken({ sub: 'office-1', role: 'office', ttl: '1h' }, config.jwtSecret)}`;
  });

  afterAll(async () => {
    await app.close();
    await hooks.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (requestId: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'x-request-id': requestId },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { task?: { id: string } }>;
      errors?: unknown;
    };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };

  async function streamOf(taskId: string): Promise<RecordedEvent[]> {
    const store = SqliteEventStore.open(join(dir, 'events.db'));
    try {
      return await store.readStream(`task-${taskId}`);
    } finally {
      await store.close();
    }
  }

  it("a reminder's ReminderSent carries the correlationId of the request that set the deadline, and that event as its cause", async () => {
    await call(
      'setup-1',
      `mutation { registerUnit(input: { id: "automotive", name: "汽车技术学院", contacts: ["${hooks.url}/robot"] }) { id } }`,
    );
    await call('setup-2', 'mutation { registerProgram(input: { id: "tibet", name: "援藏" }) { id } }');
    const deadline = new Date(Date.now() + 12 * 3_600_000).toISOString();
    const assigned = await call(
      'office-assign-0001',
      'mutation($input: AssignTaskInput!) { assignTask(input: $input) { task { id } } }',
      { input: { title: '培训毕节职业技术学院教师', programId: 'tibet', unitId: 'automotive', deadline } },
    );
    const taskId = assigned.assignTask.task!.id;

    await hooks.waitFor(1, 10_000);
    const events = await waitUntil('ReminderSent', async () => {
      const stream = await streamOf(taskId);
      return stream.some((e) => e.type === 'ReminderSent') ? stream : undefined;
    });
    const [taskAssigned] = events;
    const reminder = events.find((e) => e.type === 'ReminderSent')!;
    expect(taskAssigned.metadata).toMatchObject({ correlationId: 'office-assign-0001', causationId: null });
    expect(reminder.metadata).toMatchObject({
      correlationId: 'office-assign-0001',
      causationId: taskAssigned.id,
      actor: { id: 'reminder-worker' },
    });
  });
});
