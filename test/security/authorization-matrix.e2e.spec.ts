import { randomUUID } from 'node:crypto';
import { type Api, type Caller, TestApp } from '../support/harness.js';
import {
  assignTrainingById,
  AUDITOR,
  AUTOMOTIVE_MANAGER,
  inDays,
  MANAGEMENT_MANAGER,
  OFFICE,
  registerOrganisation,
  trainingTask,
  WORKER,
} from '../support/fixtures.js';

jest.setTimeout(120_000);

/**
 * Who may call which mutation, straight from the contract (schema.graphql, "Roles"), not from
 * the domain code it checks. The task every task mutation acts on is assigned to the
 * management unit: its unit manager is "own", the automotive unit's is "other".
 */
type RoleCase = 'office' | 'own unit manager' | 'other unit manager' | 'auditor' | 'worker';

const CALLERS: Record<RoleCase, Caller> = {
  office: OFFICE,
  'own unit manager': MANAGEMENT_MANAGER,
  'other unit manager': AUTOMOTIVE_MANAGER,
  auditor: AUDITOR,
  worker: WORKER,
};
const ROLE_CASES = Object.keys(CALLERS) as RoleCase[];

/** The state the task is put in first, by the office, so that an allowed call is a valid one. */
type Setup = 'none' | 'assigned' | 'blocked' | 'completed';

interface Row {
  readonly mutation: string;
  readonly inputType: string;
  readonly allowed: readonly RoleCase[];
  readonly setup: Setup;
  readonly input: (taskId: string, n: number) => Record<string, unknown>;
}

const OFFICE_ONLY: readonly RoleCase[] = ['office'];
const UNIT_WORK: readonly RoleCase[] = ['office', 'own unit manager'];

/** THE table: every mutation of the contract, once. */
const MATRIX: readonly Row[] = [
  {
    mutation: 'registerUnit',
    inputType: 'RegisterUnitInput',
    allowed: OFFICE_ONLY,
    setup: 'none',
    input: (_t, n) => ({ id: `unit-${n}`, name: `单位 ${n}` }),
  },
  {
    mutation: 'updateUnit',
    inputType: 'UpdateUnitInput',
    allowed: OFFICE_ONLY,
    setup: 'none',
    input: (_t, n) => ({ id: 'management', name: `管理学院 ${n}` }),
  },
  {
    mutation: 'registerProgram',
    inputType: 'RegisterProgramInput',
    allowed: OFFICE_ONLY,
    setup: 'none',
    input: (_t, n) => ({ id: `program-${n}`, name: `项目 ${n}` }),
  },
  {
    mutation: 'assignTask',
    inputType: 'AssignTaskInput',
    allowed: OFFICE_ONLY,
    setup: 'none',
    input: () => trainingTask(inDays(30)),
  },
  {
    mutation: 'acknowledgeTask',
    inputType: 'AcknowledgeTaskInput',
    allowed: UNIT_WORK,
    setup: 'assigned',
    input: (taskId) => ({ taskId, note: '已签收' }),
  },
  {
    mutation: 'reportProgress',
    inputType: 'ReportProgressInput',
    allowed: UNIT_WORK,
    setup: 'assigned',
    input: (taskId) => ({ taskId, progress: 40 }),
  },
  {
    mutation: 'changeDeadline',
    inputType: 'ChangeDeadlineInput',
    allowed: OFFICE_ONLY,
    setup: 'assigned',
    input: (taskId) => ({ taskId, deadline: inDays(60), reason: '延期' }),
  },
  {
    mutation: 'reassignTask',
    inputType: 'ReassignTaskInput',
    allowed: OFFICE_ONLY,
    setup: 'assigned',
    input: (taskId) => ({ taskId, unitId: 'automotive', reason: '调整' }),
  },
  {
    mutation: 'blockTask',
    inputType: 'BlockTaskInput',
    allowed: UNIT_WORK,
    setup: 'assigned',
    input: (taskId) => ({ taskId, reason: '对方推迟' }),
  },
  {
    mutation: 'unblockTask',
    inputType: 'UnblockTaskInput',
    allowed: UNIT_WORK,
    setup: 'blocked',
    input: (taskId) => ({ taskId, note: '恢复' }),
  },
  {
    mutation: 'completeTask',
    inputType: 'CompleteTaskInput',
    allowed: UNIT_WORK,
    setup: 'assigned',
    input: (taskId) => ({ taskId, summary: '完成' }),
  },
  {
    mutation: 'reopenTask',
    inputType: 'ReopenTaskInput',
    allowed: OFFICE_ONLY,
    setup: 'completed',
    input: (taskId) => ({ taskId, reason: '材料不全' }),
  },
  {
    mutation: 'cancelTask',
    inputType: 'CancelTaskInput',
    allowed: OFFICE_ONLY,
    setup: 'assigned',
    input: (taskId) => ({ taskId, reason: '取消' }),
  },
  {
    mutation: 'addComment',
    inputType: 'CommentInput',
    allowed: UNIT_WORK,
    setup: 'assigned',
    input: (taskId) => ({ taskId, text: '请注意' }),
  },
];

const CASES = MATRIX.flatMap((row) =>
  ROLE_CASES.map((role) => ({
    ...row,
    role,
    expected: row.allowed.includes(role) ? 'allowed' : 'FORBIDDEN',
  })),
);

/** Every read of the contract, history included: allowed to every role. */
const READS: Record<string, string> = {
  task: 'query($id: ID!) { task(id: $id) { id history { type actor { id } } } }',
  'task asOf': 'query($id: ID!, $at: DateTime) { task(id: $id, asOf: $at) { id history { type } } }',
  tasks: '{ tasks(first: 5) { totalCount edges { node { id } } } }',
  board: '{ board { asOf cells { total } } }',
  units: '{ units { id contacts } }',
  programs: '{ programs { id } }',
  auditLog: '{ auditLog(first: 5) { edges { node { type actor { id } data hash } } } }',
  verifyHistory: '{ verifyHistory { ok eventsChecked } }',
};

describe('authorisation matrix: every mutation × every role × own/other unit', () => {
  let app: TestApp;
  let office: Api;
  let auditor: Api;
  const clients = new Map<RoleCase, Api>();
  let sequence = 0;
  const tally = {
    forbiddenExpected: 0,
    refused: 0,
    allowedExpected: 0,
    succeeded: 0,
    eventsWrittenByRefused: 0,
  };

  /** Events in the store, as the hash-chain verification counts them (the event store, not the read model). */
  const eventCount = async (): Promise<number> => {
    const { verifyHistory } = await auditor.ok<{ verifyHistory: { ok: boolean; eventsChecked: number } }>(
      '{ verifyHistory { ok eventsChecked } }',
    );
    expect(verifyHistory.ok).toBe(true);
    return verifyHistory.eventsChecked;
  };

  const prepare = async (setup: Setup): Promise<string> => {
    if (setup === 'none') return '';
    const taskId = randomUUID();
    await assignTrainingById(office, { taskId });
    if (setup === 'blocked') {
      await office.ok('mutation($input: BlockTaskInput!) { blockTask(input: $input) { position } }', {
        input: { taskId, reason: '准备' },
      });
    }
    if (setup === 'completed') {
      await office.ok('mutation($input: CompleteTaskInput!) { completeTask(input: $input) { position } }', {
        input: { taskId, summary: '准备' },
      });
    }
    return taskId;
  };

  beforeAll(async () => {
    // The matrix makes ~200 office mutations in a minute: beyond the default rate limit.
    app = await TestApp.start({ env: { RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_MUTATIONS: '0' } });
    office = await app.client(OFFICE);
    auditor = await app.client(AUDITOR);
    for (const role of ROLE_CASES) clients.set(role, await app.client(CALLERS[role]));
    await registerOrganisation(office);
  });

  afterAll(() => app?.stop());

  it('the table covers every mutation of the schema exactly once', async () => {
    const { __schema } = await office.ok<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { mutationType { fields { name } } } }',
    );
    expect(MATRIX.map((row) => row.mutation).sort()).toEqual(
      __schema.mutationType.fields.map((f) => f.name).sort(),
    );
  });

  it.each(CASES)(
    '$mutation by $role: $expected',
    async ({ mutation, inputType, setup, input, role, expected }) => {
      const taskId = await prepare(setup);
      const before = await eventCount();
      const n = ++sequence;
      const result = await clients
        .get(role)!
        .call(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename } }`, {
          input: input(taskId, n),
        });
      const written = (await eventCount()) - before;
      if (expected === 'allowed') {
        tally.allowedExpected += 1;
        expect(result.errors).toBeUndefined();
        expect(written).toBeGreaterThanOrEqual(1);
        tally.succeeded += 1;
      } else {
        tally.forbiddenExpected += 1;
        tally.eventsWrittenByRefused += written;
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        expect(result.data ?? null).toBeNull();
        expect(written).toBe(0);
        tally.refused += 1;
      }
    },
  );

  it('summary: 100 % of forbidden calls refused, 0 events written by them', () => {
    const forbidden = CASES.filter((c) => c.expected === 'FORBIDDEN').length;
    console.log(
      `authorisation matrix: ${CASES.length} calls; ${tally.refused}/${forbidden} forbidden calls refused, ` +
        `${tally.eventsWrittenByRefused} events written by refused calls; ` +
        `${tally.succeeded}/${CASES.length - forbidden} allowed calls succeeded`,
    );
    expect(tally).toEqual({
      forbiddenExpected: forbidden,
      refused: forbidden,
      allowedExpected: CASES.length - forbidden,
      succeeded: CASES.length - forbidden,
      eventsWrittenByRefused: 0,
    });
  });

  describe('reads, history included, are allowed to every role', () => {
    let taskId: string;
    beforeAll(async () => {
      taskId = await prepare('assigned');
    });

    it.each(ROLE_CASES.flatMap((role) => Object.keys(READS).map((read) => ({ role, read }))))(
      '$read by $role',
      async ({ role, read }) => {
        const result = await clients
          .get(role)!
          .call(READS[read], { id: taskId, at: new Date().toISOString() });
        expect(result.errors).toBeUndefined();
        expect(result.data).toBeTruthy();
      },
    );
  });
});
