import { SqliteEventStore } from '#event-store';
import { ASSIGN, OFFICE, OpsApp, REGISTER_PROGRAM, REGISTER_UNIT } from './support/ops-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

jest.setTimeout(60_000);

describe('request ids', () => {
  let app: OpsApp;

  beforeAll(async () => {
    app = await OpsApp.start();
    await app.ok(OFFICE, REGISTER_UNIT, { input: { id: 'management', name: '管理学院' } });
    await app.ok(OFFICE, REGISTER_PROGRAM, { input: { id: 'tibet', name: '援藏' } });
  });

  afterAll(async () => {
    await app.stop();
  });

  const assign = (title: string, headers: Record<string, string> = {}) =>
    app.graphql<{ assignTask: { task: { id: string } } }>(
      OFFICE,
      ASSIGN,
      { input: { title, programId: 'tibet', unitId: 'management', deadline: '2031-06-30T16:00:00Z' } },
      headers,
    );

  async function eventsOf(taskId: string) {
    const store = SqliteEventStore.open(app.config.eventsDbPath);
    try {
      return await store.readStream(`task-${taskId}`);
    } finally {
      await store.close();
    }
  }

  const linesOf = (requestId: string) => app.log.filter((line) => line.requestId === requestId);

  it("takes the client's x-request-id, echoes it, logs it and stores it as the events' correlationId", async () => {
    const response = await assign('组织林芝市职业技术学校管理干部培训', { 'x-request-id': 'ops-req-0001' });
    expect(response.headers.get('x-request-id')).toBe('ops-req-0001');
    const [event] = await eventsOf(response.data!.assignTask.task.id);
    expect(event.metadata.correlationId).toBe('ops-req-0001');
    const access = linesOf('ops-req-0001').find((line) => line.msg === 'request completed');
    expect(access).toMatchObject({
      level: 'info',
      operationName: 'AssignTask',
      req: { method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
    });
    // Bearer tokens never reach the log.
    expect(app.logLines.join('\n')).not.toMatch(/Bearer|eyJ/);
  });

  it('generates one when the client sends none, and uses the same id everywhere', async () => {
    const response = await assign('为林芝职校捐赠智慧校园系统');
    const requestId = response.headers.get('x-request-id') ?? '';
    expect(requestId).toMatch(UUID);
    const [event] = await eventsOf(response.data!.assignTask.task.id);
    expect(event.metadata.correlationId).toBe(requestId);
    expect(linesOf(requestId)).toHaveLength(1);
  });

  it('replaces an id that is not safe to log (spaces, too long)', async () => {
    for (const bad of ['has spaces', 'x'.repeat(129)]) {
      const response = await app.graphql(OFFICE, '{ units { id } }', {}, { 'x-request-id': bad });
      expect(response.headers.get('x-request-id')).toMatch(UUID);
    }
  });

  it('puts the request id into every GraphQL error, also before authentication', async () => {
    const refused = await app.graphql(null, '{ units { id } }', {}, { 'x-request-id': 'ops-req-0002' });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      requestId: 'ops-req-0002',
    });

    const invalid = await app.graphql(
      OFFICE,
      'mutation { acknowledgeTask(input: { taskId: "not-a-uuid" }) { position } }',
      {},
      { 'x-request-id': 'ops-req-0003' },
    );
    expect(invalid.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      requestId: 'ops-req-0003',
    });
    const access = linesOf('ops-req-0002').find((line) => line.msg === 'request completed');
    expect(access).toMatchObject({ level: 'warn', res: { statusCode: 401 } });
  });

  it('every line is one JSON object with a level label and an ISO time', () => {
    expect(app.logLines.length).toBeGreaterThan(5);
    for (const line of app.log) {
      expect(typeof line.msg).toBe('string');
      expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(line.level);
      expect(String(line.time)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    expect(app.log.some((line) => line.context === 'NestApplication')).toBe(true);
  });
});
