import { TestApp, type Api } from './support/harness.js';
import {
  ASSIGN,
  assignTraining,
  eventCount,
  inDays,
  REGISTER_UNIT,
  registerOrganisation,
  REPORT,
  trainingTask,
} from './support/fixtures.js';

describe('bad input is refused with BAD_USER_INPUT naming the field, and nothing is written', () => {
  let app: TestApp;
  let office: Api;
  let manager: Api;
  let auditor: Api;
  let taskId: string;
  let eventsBefore: number;

  beforeAll(async () => {
    app = await TestApp.start();
    ({ office, manager, auditor } = await app.clients());
    await registerOrganisation(office);
    taskId = await assignTraining(office);
    eventsBefore = await eventCount(auditor);
  });

  afterEach(async () => {
    expect(await eventCount(auditor)).toBe(eventsBefore);
  });

  afterAll(() => app?.stop());

  const expectBadInput = (error: { message: string; extensions?: { code?: string } }, field: string) => {
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(field);
  };

  it('a task id that is not a UUID', async () => {
    expectBadInput(await manager.fails(REPORT, { input: { taskId: 'not-a-uuid', progress: 10 } }), 'taskId');
    expectBadInput(await auditor.fails('{ task(id: "42") { id } }'), 'id');
    expectBadInput(
      await office.fails(ASSIGN, { input: { ...trainingTask(inDays(30)), taskId: 'abc' } }),
      'taskId',
    );
  });

  it('a deadline that is not an ISO-8601 instant with offset', async () => {
    for (const deadline of [
      '2023-13-45T00:00:00Z',
      'tomorrow',
      '2023-06-30T16:00:00',
      '2023-02-30T00:00:00Z',
    ]) {
      expectBadInput(await office.fails(ASSIGN, { input: trainingTask(deadline) }), 'deadline');
    }
  });

  it('a bad date written into the query itself names the argument path', async () => {
    const error = await auditor.fails(
      '{ task(id: "00000000-0000-4000-8000-000000000000", asOf: "yesterday") { id } }',
    );
    expectBadInput(error, 'asOf');
    const nested = await auditor.fails('{ tasks(filter: { dueBefore: "soon" }) { totalCount } }');
    expectBadInput(nested, 'filter.dueBefore');
  });

  it('progress above 100 or below 0', async () => {
    expectBadInput(await manager.fails(REPORT, { input: { taskId, progress: 101 } }), 'progress');
    expectBadInput(await manager.fails(REPORT, { input: { taskId, progress: -1 } }), 'progress');
  });

  it('an empty or blank title', async () => {
    expectBadInput(
      await office.fails(ASSIGN, { input: { ...trainingTask(inDays(30)), title: '' } }),
      'title',
    );
    expectBadInput(
      await office.fails(ASSIGN, { input: { ...trainingTask(inDays(30)), title: '   ' } }),
      'title',
    );
  });

  it('over-long text', async () => {
    const input = { ...trainingTask(inDays(30)), title: '培'.repeat(201) };
    expectBadInput(await office.fails(ASSIGN, { input }), 'title');
    expectBadInput(
      await manager.fails(REPORT, { input: { taskId, progress: 10, note: 'x'.repeat(5000) } }),
      'note',
    );
  });

  it('an unknown enum value, in variables and in the query', async () => {
    const query = 'query($s: [TaskStatus!]) { tasks(filter: { status: $s }) { totalCount } }';
    expectBadInput(await auditor.fails(query, { s: ['DONE'] }), 'DONE');
    expectBadInput(
      await auditor.fails('{ tasks(filter: { status: [DONE] }) { totalCount } }'),
      'filter.status',
    );
  });

  it('a value of the wrong type and a missing required argument', async () => {
    expectBadInput(await manager.fails(REPORT, { input: { taskId, progress: 'ten' } }), 'progress');
    expectBadInput(await manager.fails(REPORT, { input: { taskId } }), 'progress');
    expectBadInput(await auditor.fails('{ task { id } }'), 'id');
  });

  it('page sizes beyond the cap, or negative', async () => {
    expectBadInput(await auditor.fails('{ tasks(first: 201) { totalCount } }'), 'first');
    expectBadInput(await auditor.fails('{ tasks(first: -1) { totalCount } }'), 'first');
    expectBadInput(await auditor.fails('{ auditLog(first: -5) { pageInfo { hasNextPage } } }'), 'first');
    expectBadInput(await auditor.fails('{ tasks(after: "garbage!") { totalCount } }'), 'after');
  });

  it('metrics outside the task targets, and bad unit contacts', async () => {
    const error = await manager.fails(REPORT, {
      input: { taskId, progress: 10, metrics: [{ key: 'teachers', value: 3 }] },
    });
    expectBadInput(error, 'metrics[0].key');
    const unit = await office.fails(REGISTER_UNIT, {
      input: { id: 'textile', name: '轻纺食品系', contacts: ['not a contact'] },
    });
    expectBadInput(unit, 'contacts[0]');
  });

  it('a stack trace, SQL or a path never leaves the server', async () => {
    const result = await office.call(ASSIGN, { input: { ...trainingTask(inDays(30)), title: '' } });
    const text = JSON.stringify(result.errors);
    expect(text).not.toMatch(/stacktrace|at .*\.(js|ts):\d+|SELECT|INSERT|\/tmp\//i);
  });
});
