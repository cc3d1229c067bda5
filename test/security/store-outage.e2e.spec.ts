import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_DATABASE_URL, TestApp, type Api } from '../support/harness.js';
import {
  ASSIGN_POSITION,
  assignTrainingById,
  AUDITOR,
  inDays,
  OFFICE,
  registerOrganisation,
  sleep,
  trainingTask,
} from '../support/fixtures.js';
import { expectConsistent } from './support/consistency.js';
import { gql, type RawAnswer } from './support/raw-http.js';

jest.setTimeout(180_000);

const ADMIN_URL = TEST_DATABASE_URL;
const NO_LIMITS = { RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_MUTATIONS: '0' };

const urlFor = (database: string) => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<boolean> {
  return admin(async () => true).catch(() => false);
}

/** A database of the test's own on the shared server, which the test takes away and gives back. */
class OutageDatabase {
  readonly name = `sec_outage_${process.pid}_${randomUUID().slice(0, 8)}`;
  readonly url = urlFor(this.name);

  create = () => admin((c) => c.query(`CREATE DATABASE "${this.name}"`));

  /** New connections are refused (55000) and every open one is terminated (57P01). */
  async refuseConnections(): Promise<void> {
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${this.name}" ALLOW_CONNECTIONS false`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [this.name]);
    });
  }

  allowConnections = () => admin((c) => c.query(`ALTER DATABASE "${this.name}" ALLOW_CONNECTIONS true`));

  /** The database is renamed away: connecting fails with 3D000 (does not exist). */
  async renameAway(): Promise<void> {
    await this.refuseConnections();
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${this.name}" RENAME TO "${this.name}_away"`);
      await c.query(`ALTER DATABASE "${this.name}_away" ALLOW_CONNECTIONS true`);
    });
  }

  async renameBack(): Promise<void> {
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${this.name}_away" RENAME TO "${this.name}"`);
    });
  }

  async drop(): Promise<void> {
    await admin(async (c) => {
      for (const name of [this.name, `${this.name}_away`]) {
        await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      }
    }).catch(() => undefined);
  }
}

/** Mutations of every shape: unit, programme, new task, task command. */
const MUTATIONS = (taskId: string) =>
  [
    [
      'mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }',
      { id: `u-${randomUUID().slice(0, 8)}`, name: '新单位' },
    ],
    [
      'mutation($input: RegisterProgramInput!) { registerProgram(input: $input) { id } }',
      { id: `p-${randomUUID().slice(0, 8)}`, name: '新项目' },
    ],
    [ASSIGN_POSITION, trainingTask(inDays(40))],
    [
      'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { position } }',
      { taskId, progress: 30 },
    ],
    [
      'mutation($input: CommentInput!) { addComment(input: $input) { position } }',
      { taskId, text: '停电了吗？' },
    ],
  ] as const;

interface Scenario {
  readonly app: TestApp;
  readonly office: Api;
  readonly taskId: string;
  readonly token: string;
}

async function seed(env: NodeJS.ProcessEnv): Promise<Scenario> {
  const app = await TestApp.start({ env: { ...env, ...NO_LIMITS } });
  const office = await app.client(OFFICE);
  await registerOrganisation(office);
  const taskId = randomUUID();
  await assignTrainingById(office, { taskId });
  return { app, office, taskId, token: await app.token(OFFICE) };
}

/** Events in the store, counted by the hash-chain verification (the event store itself). */
async function eventCount(app: TestApp): Promise<number> {
  const auditor = await app.client(AUDITOR);
  const { verifyHistory } = await auditor.ok<{ verifyHistory: { ok: boolean; eventsChecked: number } }>(
    '{ verifyHistory { ok eventsChecked } }',
  );
  expect(verifyHistory.ok).toBe(true);
  return verifyHistory.eventsChecked;
}

/** Every mutation is refused with SERVICE_UNAVAILABLE (HTTP 503), quickly, with nothing internal in it. */
async function expectMutationsRefused({ app, taskId, token }: Scenario): Promise<void> {
  for (const [query, input] of MUTATIONS(taskId)) {
    const answer: RawAnswer = await gql(app.running.graphqlUrl, token, query, { input });
    expect({ status: answer.status, codes: answer.body.errors?.map((e) => e.extensions?.code) }).toEqual({
      status: 503,
      codes: ['SERVICE_UNAVAILABLE'],
    });
    expect(answer.body.errors?.[0]?.message).toBe(
      'a backing store is unavailable; nothing was written, try again shortly',
    );
    expect(answer.text).not.toMatch(/postgres|sqlite|sec_outage|\/tmp\/|SELECT|INSERT|\bat \S+:\d+/i);
    expect(answer.ms).toBeLessThan(8000);
  }
}

/** The service comes back by itself: a mutation succeeds within `withinMs` of the store's return. */
async function expectRecovery({ app, taskId, token }: Scenario, withinMs = 30_000): Promise<void> {
  const until = Date.now() + withinMs;
  let last: RawAnswer | null = null;
  while (Date.now() < until) {
    last = await gql(
      app.running.graphqlUrl,
      token,
      'mutation($input: CommentInput!) { addComment(input: $input) { position task { revision } } }',
      {
        input: { taskId, text: '恢复了' },
      },
    );
    if (!last.body.errors) return;
    await sleep(250);
  }
  throw new Error(`not recovered within ${withinMs} ms: ${last?.text}`);
}

/**
 * A database of its own for a describe block, and the app seeded on it by `start` (null when
 * there is no PostgreSQL); both go after the block.
 */
function onOutageDatabase() {
  const db = new OutageDatabase();
  let scenario: Scenario | null = null;
  afterAll(async () => {
    await scenario?.app.stop();
    await db.drop();
  });
  const start = async (env: NodeJS.ProcessEnv): Promise<Scenario | null> => {
    if (!(await postgresReachable())) return null;
    await db.create();
    scenario = await seed({ ...env, DATABASE_URL: db.url });
    return scenario;
  };
  return { db, start };
}

const describePg = (name: string, fn: () => void) =>
  describe(name, () => {
    let reachable = false;
    beforeAll(async () => {
      reachable = await postgresReachable();
      if (!reachable)
        console.log(`skipped (no PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}): ${name}`);
    });
    fn();
  });

describePg(
  'the PostgreSQL event store goes away (connections refused, sessions terminated) and comes back',
  () => {
    const { db, start } = onOutageDatabase();

    it('mutations get SERVICE_UNAVAILABLE and write nothing; reads of the read model go on; it recovers on its own', async () => {
      const scenario = await start({ EVENT_STORE: 'postgres', READ_MODEL: 'sqlite' });
      if (!scenario) return;
      const before = await eventCount(scenario.app);

      await db.refuseConnections();
      await expectMutationsRefused(scenario);
      const tasks = await gql(scenario.app.running.graphqlUrl, scenario.token, '{ tasks { totalCount } }');
      expect(tasks.body.data).toEqual({ tasks: { totalCount: 1 } });

      await db.allowConnections();
      expect(await eventCount(scenario.app)).toBe(before);
      await expectRecovery(scenario);
      expect(await eventCount(scenario.app)).toBe(before + 1);
      await expectConsistent(scenario.app);
    });
  },
);

describePg('the PostgreSQL read model goes away (the database is renamed) and comes back', () => {
  const { db, start } = onOutageDatabase();

  it('mutations get SERVICE_UNAVAILABLE before anything is appended; reads too; it recovers on its own', async () => {
    const scenario = await start({ EVENT_STORE: 'sqlite', READ_MODEL: 'postgres' });
    if (!scenario) return;
    const before = await eventCount(scenario.app);

    await db.renameAway();
    await expectMutationsRefused(scenario);
    const tasks = await gql(scenario.app.running.graphqlUrl, scenario.token, '{ tasks { totalCount } }');
    expect(tasks.status).toBe(503);
    expect(tasks.body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    // The event store (SQLite) is fine: nothing reached it.
    expect(await eventCount(scenario.app)).toBe(before);

    await db.renameBack();
    await expectRecovery(scenario);
    expect(await eventCount(scenario.app)).toBe(before + 1);
    await expectConsistent(scenario.app, {
      kind: 'postgres',
      connectionString: db.url,
      schema: 'replay_check',
    });
  });
});

/** chattr +i: even root cannot write an immutable file, through descriptors already open too. */
function immutable(files: string[], on: boolean): boolean {
  try {
    execFileSync('chattr', [on ? '+i' : '-i', ...files.filter((f) => existsSync(f))], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The seeded app of a describe block, whose files `names` in DATA_DIR `freeze` makes immutable
 * (false when it cannot); after the block they are made writable again and the app stops.
 */
function onFrozenFiles(names: string[]) {
  let scenario: Scenario | null = null;
  let files: string[] = [];
  afterAll(async () => {
    immutable(files, false);
    await scenario?.app.stop();
  });
  const start = async (): Promise<Scenario> => {
    const seeded = await seed({});
    scenario = seeded;
    files = names.map((f) => join(seeded.app.dataDir, f));
    return seeded;
  };
  return { start, freeze: (on: boolean) => immutable(files, on) };
}

describe('the SQLite event store cannot be written (its files made immutable) and then can again', () => {
  const { start, freeze } = onFrozenFiles(['events.db', 'events.db-wal']);

  it('mutations get SERVICE_UNAVAILABLE and write nothing; it recovers on its own', async () => {
    const scenario = await start();
    const before = await eventCount(scenario.app);
    if (!freeze(true)) {
      console.log('skipped: chattr +i is not available here (needs CAP_LINUX_IMMUTABLE and ext4/xfs)');
      return;
    }
    try {
      await expectMutationsRefused(scenario);
    } finally {
      freeze(false);
    }
    expect(await eventCount(scenario.app)).toBe(before);
    await expectRecovery(scenario);
    expect(await eventCount(scenario.app)).toBe(before + 1);
    await expectConsistent(scenario.app);
  });
});

describe('the SQLite read model answers but cannot be written', () => {
  const { start, freeze } = onFrozenFiles(['read-model.db', 'read-model.db-wal']);

  it('a mutation is still accepted (the event is the truth), answered from its stream; the projector catches up after', async () => {
    const scenario = await start();
    const before = await eventCount(scenario.app);
    if (!freeze(true)) {
      console.log('skipped: chattr +i is not available here');
      return;
    }
    let answer: RawAnswer;
    try {
      answer = await gql(
        scenario.app.running.graphqlUrl,
        scenario.token,
        'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { task { progress revision } } }',
        { input: { taskId: scenario.taskId, progress: 55 } },
      );
    } finally {
      freeze(false);
    }
    expect(answer.body).toEqual({ data: { reportProgress: { task: { progress: 55, revision: 1 } } } });
    expect(await eventCount(scenario.app)).toBe(before + 1);
    await expectConsistent(scenario.app);
    const { task } = await scenario.office.ok<{ task: { progress: number } }>(
      'query($id: ID!) { task(id: $id) { progress } }',
      { id: scenario.taskId },
    );
    expect(task.progress).toBe(55);
  });
});
