import { ACKNOWLEDGE, MANAGER, OFFICE, OpsApp, sample, seedTask } from './support/ops-app.js';

jest.setTimeout(60_000);

describe('/metrics', () => {
  let app: OpsApp;

  beforeAll(async () => {
    app = await OpsApp.start();
  });

  afterAll(async () => {
    await app.stop();
  });

  it('serves Prometheus text without a token', async () => {
    const { status, headers, text } = await app.get('/metrics');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE chessboard_commands_total counter');
    expect(text).toContain('# TYPE chessboard_graphql_request_duration_seconds histogram');
    expect(text).toContain('chessboard_process_resident_memory_bytes');
  });

  it('shows the counters moving after mutations: commands, events, latency per operation, head and lag', async () => {
    const before = (await app.get('/metrics')).text;
    const taskId = await seedTask(app);
    await app.ok(MANAGER, ACKNOWLEDGE, { input: { taskId, note: '已签收' } });
    // Acknowledging twice is refused by the domain: counted under its error code.
    const refused = await app.graphql(MANAGER, ACKNOWLEDGE, { input: { taskId } });
    expect(refused.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    const after = (await app.get('/metrics')).text;

    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(delta('chessboard_commands_total', { command: 'AssignTask', outcome: 'written' })).toBe(1);
    expect(delta('chessboard_commands_total', { command: 'AcknowledgeTask', outcome: 'written' })).toBe(1);
    expect(
      delta('chessboard_commands_total', { command: 'AcknowledgeTask', outcome: 'INVALID_TRANSITION' }),
    ).toBe(1);
    expect(delta('chessboard_commands_total', { command: 'RegisterUnit', outcome: 'written' })).toBe(1);
    expect(delta('chessboard_events_appended_total', { type: 'TaskAssigned' })).toBe(1);
    expect(delta('chessboard_events_appended_total', { type: 'TaskAcknowledged' })).toBe(1);
    expect(
      delta('chessboard_graphql_request_duration_seconds_count', {
        operation: 'AssignTask',
        type: 'mutation',
      }),
    ).toBe(1);
    expect(
      delta('chessboard_graphql_request_duration_seconds_count', {
        operation: 'AcknowledgeTask',
        status: '200',
      }),
    ).toBe(2);
    // unit, programme, task, acknowledgement: four events in the log, all projected.
    expect(sample(after, 'chessboard_event_store_head_position')).toBe(4);
    expect(sample(after, 'chessboard_read_model_checkpoint_position')).toBe(4);
    expect(sample(after, 'chessboard_projection_lag_events')).toBe(0);
    expect(sample(after, 'chessboard_projection_lag_seconds')).toBe(0);
  });

  it('counts an idempotent retry as a duplicate, not as new events', async () => {
    const input = {
      title: '培训毕节职业技术学院教师',
      programId: 'tibet',
      unitId: 'management',
      deadline: '2031-01-31T16:00:00Z',
      idempotencyKey: 'metrics-retry-1',
    };
    const mutation = `mutation AssignTask($input: AssignTaskInput!) { assignTask(input: $input) { position } }`;
    await app.ok(OFFICE, mutation, { input });
    const before = (await app.get('/metrics')).text;
    await app.ok(OFFICE, mutation, { input });
    const after = (await app.get('/metrics')).text;
    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('chessboard_commands_total', { command: 'AssignTask', outcome: 'duplicate' })).toBe(1);
    expect(delta('chessboard_events_appended_total', { type: 'TaskAssigned' })).toBe(0);
  });
});
