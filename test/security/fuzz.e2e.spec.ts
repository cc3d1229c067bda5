import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { dropSchemas, TestApp, type Caller } from '../support/harness.js';
import {
  assignTrainingById,
  AUTOMOTIVE_MANAGER,
  inDays,
  MANAGEMENT_MANAGER,
  OFFICE,
  registerOrganisation,
} from '../support/fixtures.js';
import { expectConsistent } from './support/consistency.js';
import { FAR_DATES, hostileAny, hostileNumber, hostileString, toBody, wrongType } from './support/hostile.js';
import { CONTRACT_CODES, postRaw } from './support/raw-http.js';

/**
 * Property-based fuzzing of every mutation input (and every read argument) against the
 * running API. FUZZ_RUNS is the number of generated requests per mutation (reads get half):
 * 40 by default (660 requests, well under a minute); CI runs FUZZ_RUNS=610 (10,065 requests).
 * Whatever is sent, the answer is success or a contract error code, never a 500 or
 * INTERNAL_SERVER_ERROR, never slower than REQUEST_TIMEOUT_MS; afterwards every hash chain
 * verifies and the read model equals a replay of the log.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** FUZZ_DATABASE_URL=postgres://…: fuzz with the event store and read model on PostgreSQL. */
const POSTGRES_URL = process.env.FUZZ_DATABASE_URL;
const POSTGRES_SCHEMA = `sec_fuzz_${process.pid}_${Date.now()}`;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const REQUEST_TIMEOUT_MS = 10_000;

jest.setTimeout(Math.max(120_000, RUNS * 22 * 150));

type Kind =
  | 'entityId'
  | 'unitId'
  | 'programId'
  | 'taskId'
  | 'newTaskId'
  | 'text'
  | 'name'
  | 'deadline'
  | 'revision'
  | 'progress'
  | 'contacts'
  | 'strings'
  | 'metrics'
  | 'targets'
  | 'key'
  | 'first';

interface Operation {
  readonly name: string;
  readonly inputType: string;
  readonly selection: string;
  readonly fields: Readonly<Record<string, Kind>>;
}

const TASK_PAYLOAD = '{ position task { id revision status progress title deadline metrics { key value } } }';

/** A mutation of one task at a revision: taskId and expectedRevision, its own fields, idempotencyKey. */
const taskMutation = (name: string, inputType: string, fields: Record<string, Kind>): Operation => ({
  name,
  inputType,
  selection: TASK_PAYLOAD,
  fields: { taskId: 'taskId', expectedRevision: 'revision', ...fields, idempotencyKey: 'key' },
});

/** Every mutation of the contract and the kind of each input field. */
const OPERATIONS: readonly Operation[] = [
  {
    name: 'registerUnit',
    inputType: 'RegisterUnitInput',
    selection: '{ id name contacts }',
    fields: { id: 'entityId', name: 'name', contacts: 'contacts', idempotencyKey: 'key' },
  },
  {
    name: 'updateUnit',
    inputType: 'UpdateUnitInput',
    selection: '{ id name contacts }',
    fields: { id: 'unitId', name: 'name', contacts: 'contacts', idempotencyKey: 'key' },
  },
  {
    name: 'registerProgram',
    inputType: 'RegisterProgramInput',
    selection: '{ id name region }',
    fields: { id: 'entityId', name: 'name', region: 'name', idempotencyKey: 'key' },
  },
  {
    name: 'assignTask',
    inputType: 'AssignTaskInput',
    selection: TASK_PAYLOAD,
    fields: {
      taskId: 'newTaskId',
      title: 'text',
      description: 'text',
      programId: 'programId',
      partner: 'text',
      unitId: 'unitId',
      assignee: 'name',
      deadline: 'deadline',
      targets: 'targets',
      idempotencyKey: 'key',
    },
  },
  taskMutation('acknowledgeTask', 'AcknowledgeTaskInput', { note: 'text' }),
  taskMutation('reportProgress', 'ReportProgressInput', {
    progress: 'progress',
    note: 'text',
    metrics: 'metrics',
    evidence: 'strings',
  }),
  taskMutation('changeDeadline', 'ChangeDeadlineInput', { deadline: 'deadline', reason: 'text' }),
  taskMutation('reassignTask', 'ReassignTaskInput', { unitId: 'unitId', assignee: 'name', reason: 'text' }),
  taskMutation('blockTask', 'BlockTaskInput', { reason: 'text' }),
  taskMutation('unblockTask', 'UnblockTaskInput', { note: 'text' }),
  taskMutation('completeTask', 'CompleteTaskInput', {
    summary: 'text',
    metrics: 'metrics',
    evidence: 'strings',
  }),
  taskMutation('reopenTask', 'ReopenTaskInput', { reason: 'text' }),
  taskMutation('cancelTask', 'CancelTaskInput', { reason: 'text' }),
  {
    name: 'addComment',
    inputType: 'CommentInput',
    selection: TASK_PAYLOAD,
    fields: { taskId: 'taskId', text: 'text', idempotencyKey: 'key' },
  },
];

/** Every read with arguments, each argument fuzzed. */
const READS: readonly {
  name: string;
  query: string;
  variables: Readonly<Record<string, Kind | 'cursor'>>;
}[] = [
  {
    name: 'task',
    query: 'query($id: ID!, $asOf: DateTime) { task(id: $id, asOf: $asOf) { id status history { type } } }',
    variables: { id: 'taskId', asOf: 'deadline' },
  },
  {
    name: 'tasks',
    query:
      'query($f: TaskFilter, $first: Int, $after: String) { tasks(filter: $f, first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { endCursor } } }',
    variables: { f: 'text', first: 'first', after: 'cursor' },
  },
  {
    name: 'board',
    query: 'query($asOf: DateTime) { board(asOf: $asOf) { asOf cells { total } } }',
    variables: { asOf: 'deadline' },
  },
  {
    name: 'auditLog',
    query:
      'query($f: AuditFilter, $first: Int, $after: String) { auditLog(filter: $f, first: $first, after: $after) { edges { cursor node { type } } } }',
    variables: { f: 'text', first: 'first', after: 'cursor' },
  },
  {
    name: 'verifyHistory',
    query: 'query($s: String) { verifyHistory(streamId: $s) { ok streamsChecked } }',
    variables: { s: 'text' },
  },
];

const CALLERS: readonly Caller[] = [OFFICE, OFFICE, OFFICE, MANAGEMENT_MANAGER, AUTOMOTIVE_MANAGER];

describe('fuzzing every mutation input and every read argument against the running API', () => {
  let app: TestApp;
  const tokens: string[] = [];
  const taskIds: string[] = [];
  const stats = {
    requests: 0,
    ok: 0,
    maxMs: 0,
    codes: new Map<string, number>(),
    statuses: new Map<number, number>(),
  };

  /** Valid values, so that many generated requests get past validation and write. */
  const valid = (kind: Kind): fc.Arbitrary<unknown> => {
    const existingTask = fc.constantFrom(...taskIds);
    switch (kind) {
      case 'entityId':
        return fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/);
      case 'unitId':
        return fc.constantFrom('management', 'automotive');
      case 'programId':
        return fc.constant('tibet');
      case 'taskId':
        return existingTask;
      case 'newTaskId':
        return fc.uuid({ version: 4 });
      case 'text':
      case 'name':
        return fc.oneof(
          fc.constantFrom('培训管理干部', 'Visit Nyingchi', '第 2 批'),
          fc.string({ minLength: 1, maxLength: 30 }),
        );
      case 'deadline':
        return fc
          .date({
            min: new Date('2024-01-01T00:00:00Z'),
            max: new Date('2099-12-31T00:00:00Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString());
      case 'revision':
        return fc.oneof(
          { weight: 3, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.integer({ min: -1, max: 6 }) },
        );
      case 'progress':
        return fc.integer({ min: 0, max: 100 });
      case 'contacts':
        return fc.array(fc.constantFrom('office@example.edu.cn', 'https://hooks.example.edu.cn/x'), {
          maxLength: 3,
        });
      case 'strings':
        return fc.array(fc.constantFrom('doc-1', 'https://example.edu.cn/report.pdf'), { maxLength: 3 });
      case 'metrics':
        return fc.array(
          fc.record({ key: fc.constant('trainees'), value: fc.double({ min: 0, max: 500, noNaN: true }) }),
          { maxLength: 2 },
        );
      case 'targets':
        return fc.array(
          fc.record({
            key: fc.constantFrom('trainees', 'visits'),
            label: fc.constant('人数'),
            target: fc.integer({ min: 1, max: 500 }),
            unit: fc.constant('人'),
          }),
          { maxLength: 2 },
        );
      case 'key':
        return fc.string({ minLength: 1, maxLength: 20 });
      case 'first':
        return fc.integer({ min: 0, max: 200 });
    }
  };

  const hostile = (kind: Kind): fc.Arbitrary<unknown> => {
    switch (kind) {
      case 'revision':
      case 'progress':
      case 'first':
        return hostileNumber;
      case 'deadline':
        return fc.oneof(fc.constantFrom(...FAR_DATES), hostileAny);
      case 'metrics':
      case 'targets':
        return fc.oneof(
          fc.array(
            fc.record({
              key: hostileString,
              label: hostileString,
              value: hostileNumber,
              target: hostileNumber,
              unit: hostileAny,
            }),
            { maxLength: 60 },
          ),
          hostileAny,
        );
      case 'contacts':
      case 'strings':
        return fc.oneof(fc.array(hostileString, { maxLength: 25 }), hostileAny);
      default:
        return fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType });
    }
  };

  /**
   * Half the inputs are valid but for at most two fields (so the write path, the projector
   * and the answer are exercised with hostile text that passes validation, e.g. SQL or
   * script fragments in a title); the other half are chaos: any field anything, unknown
   * fields, or no object at all.
   */
  const inputFor = (operation: Operation) => {
    const names = Object.keys(operation.fields);
    const validInput = fc.record(
      Object.fromEntries(Object.entries(operation.fields).map(([name, kind]) => [name, valid(kind)])),
      {
        requiredKeys: names.filter((name) =>
          [
            'id',
            'name',
            'title',
            'programId',
            'unitId',
            'deadline',
            'taskId',
            'progress',
            'reason',
            'summary',
            'text',
          ].includes(name),
        ),
      },
    );
    const patched = fc
      .tuple(
        validInput,
        fc
          .subarray(names, { maxLength: 2 })
          .chain((fields) =>
            fc.tuple(
              ...fields.map((name) => hostile(operation.fields[name]).map((value) => [name, value] as const)),
            ),
          ),
      )
      .map(([input, patch]) => ({ ...input, ...Object.fromEntries(patch) }) as unknown);
    const chaos = fc
      .tuple(
        fc.record(
          Object.fromEntries(
            Object.entries(operation.fields).map(([name, kind]) => [
              name,
              fc.oneof(valid(kind), hostile(kind)),
            ]),
          ),
          { requiredKeys: [] },
        ),
        fc.option(fc.tuple(fc.constantFrom('role', '__proto__', 'unknownField', 'constructor'), hostileAny), {
          freq: 4,
        }),
        fc.option(hostileAny, { freq: 10 }),
      )
      .map(([input, extra, replacement]) => {
        if (replacement !== null) return replacement;
        return extra ? { ...input, [extra[0]]: extra[1] } : input;
      });
    return fc.record({ input: fc.oneof(patched, chaos), caller: fc.nat({ max: CALLERS.length - 1 }) });
  };

  /** One request; the answer must be success or contract codes only, in time. */
  const send = async (query: string, variables: unknown, caller: number) => {
    const body = toBody({ query, variables });
    let answer;
    try {
      answer = await postRaw(
        app.running.graphqlUrl,
        body,
        { authorization: `Bearer ${tokens[caller]}` },
        REQUEST_TIMEOUT_MS,
      );
    } catch (error) {
      throw new Error(
        `no answer within ${REQUEST_TIMEOUT_MS} ms (${String(error)}) to ${body.slice(0, 500)}`,
      );
    }
    stats.requests += 1;
    stats.maxMs = Math.max(stats.maxMs, answer.ms);
    stats.statuses.set(answer.status, (stats.statuses.get(answer.status) ?? 0) + 1);
    const codes = (answer.body.errors ?? []).map((e) => String(e.extensions?.code));
    for (const code of codes) stats.codes.set(code, (stats.codes.get(code) ?? 0) + 1);
    if (!codes.length) stats.ok += 1;
    const context = `${answer.status} ${answer.text.slice(0, 400)}\nfor ${body.slice(0, 400)}`;
    if (answer.status >= 500) throw new Error(`server error: ${context}`);
    if (!answer.body.errors && !answer.body.data) throw new Error(`neither data nor errors: ${context}`);
    for (const code of codes) {
      if (!(CONTRACT_CODES as readonly string[]).includes(code))
        throw new Error(`non-contract code ${code}: ${context}`);
      if (code === 'SERVICE_UNAVAILABLE') throw new Error(`a store refused under fuzzing: ${context}`);
    }
    // Internals, not echoed input (error messages quote what was sent, SQL fragments included).
    expect(answer.text).not.toMatch(
      /\bat \S+\.(js|ts):\d+|node_modules|stacktrace|SqliteError|SQLITE_[A-Z]+|RangeError|Maximum call stack/,
    );
  };

  beforeAll(async () => {
    const stores = POSTGRES_URL
      ? {
          EVENT_STORE: 'postgres',
          READ_MODEL: 'postgres',
          DATABASE_URL: POSTGRES_URL,
          DATABASE_SCHEMA: POSTGRES_SCHEMA,
        }
      : {};
    app = await TestApp.start({ env: { ...stores, RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_MUTATIONS: '0' } });
    for (const caller of CALLERS) tokens.push(await app.token(caller));
    const office = await app.client(OFFICE);
    await registerOrganisation(office);
    for (let i = 0; i < 6; i++) {
      const taskId = randomUUID();
      await assignTrainingById(office, { taskId, deadline: inDays(10 + i) });
      taskIds.push(taskId);
    }
    taskIds.push(randomUUID()); // one that does not exist
  });

  afterAll(async () => {
    const codes = [...stats.codes].map(([c, n]) => `${c} ${n}`).join(', ');
    const statuses = [...stats.statuses].map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(
      `fuzz (${POSTGRES_URL ? 'PostgreSQL' : 'SQLite'}): ${stats.requests} requests (FUZZ_RUNS=${RUNS}), ${stats.ok} succeeded; HTTP ${statuses}; codes: ${codes}; slowest ${Math.round(stats.maxMs)} ms`,
    );
    await app?.stop();
    if (POSTGRES_URL) await dropSchemas(POSTGRES_URL, [POSTGRES_SCHEMA]);
  });

  it.each(OPERATIONS.map((op) => [op.name, op] as const))(
    '%s: success or a contract error, never a 500 or a hang',
    async (_name, operation) => {
      const query = `mutation($input: ${operation.inputType}!) { ${operation.name}(input: $input) ${operation.selection} }`;
      await fc.assert(
        fc.asyncProperty(inputFor(operation), ({ input, caller }) => send(query, { input }, caller)),
        { numRuns: RUNS, endOnFailure: true, seed: SEED },
      );
    },
  );

  it.each(READS.map((read) => [read.name, read] as const))(
    '%s read with hostile arguments: never a 500',
    async (_name, read) => {
      const filterValue = fc.record(
        {
          search: hostileString,
          unitId: hostileString,
          programId: hostileString,
          status: fc.oneof(
            fc.array(fc.constantFrom('ASSIGNED', 'BLOCKED', 'DONE', "'; --"), { maxLength: 3 }),
            hostileAny,
          ),
          overdue: fc.oneof(fc.boolean(), hostileAny),
          dueBefore: fc.oneof(fc.constantFrom(...FAR_DATES), hostileAny),
          streamId: hostileString,
          actorId: hostileString,
          types: fc.oneof(fc.array(hostileString, { maxLength: 5 }), hostileAny),
          from: fc.oneof(fc.constantFrom(...FAR_DATES), hostileAny),
          to: fc.oneof(fc.constantFrom(...FAR_DATES), hostileAny),
        },
        { requiredKeys: [] },
      );
      const variable = (kind: Kind | 'cursor'): fc.Arbitrary<unknown> => {
        if (kind === 'cursor')
          return fc.oneof(
            hostileString,
            fc.string().map((s) => Buffer.from(s).toString('base64')),
          );
        if (kind === 'text' && read.name !== 'verifyHistory') return filterValue;
        return fc.oneof(valid(kind), hostile(kind));
      };
      const variables = fc.record(
        Object.fromEntries(Object.entries(read.variables).map(([name, kind]) => [name, variable(kind)])),
      );
      await fc.assert(
        fc.asyncProperty(variables, fc.nat({ max: CALLERS.length - 1 }), (vars, caller) =>
          send(read.query, vars, caller),
        ),
        { numRuns: Math.ceil(RUNS / 2), endOnFailure: true, seed: SEED },
      );
    },
  );

  it('afterwards: every hash chain verifies and the read model equals a replay of the log', async () => {
    const office = await app.client(OFFICE);
    const { verifyHistory } = await office.ok<{ verifyHistory: { ok: boolean; eventsChecked: number } }>(
      '{ verifyHistory { ok eventsChecked } }',
    );
    expect(verifyHistory.ok).toBe(true);
    expect(verifyHistory.eventsChecked).toBeGreaterThan(taskIds.length);
    await expectConsistent(app);
    // Every generated request was sent: the count CI's must-show (≥ 10,000) rests on.
    expect(stats.requests).toBe(OPERATIONS.length * RUNS + READS.length * Math.ceil(RUNS / 2));
  });
});
