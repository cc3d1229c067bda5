import { SignJWT } from 'jose';
import { TestApp, type Api } from './support/harness.js';
import {
  ACKNOWLEDGE,
  ASSIGN,
  assignTraining,
  AUDITOR,
  AUTOMOTIVE_MANAGER,
  eventCount,
  inDays,
  MANAGEMENT_MANAGER,
  OFFICE,
  REGISTER_PROGRAM,
  REGISTER_UNIT,
  registerOrganisation,
  REPORT,
  trainingTask,
  WORKER,
} from './support/fixtures.js';

const sign = (claims: Record<string, unknown>, secret: string, alg = 'HS256') => {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg }).setSubject('someone').setIssuedAt();
  if (!('noExp' in claims)) jwt = jwt.setExpirationTime('1h');
  return jwt.sign(new TextEncoder().encode(secret));
};

describe('who may do what', () => {
  let app: TestApp;
  let office: Api;
  let taskId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    office = await app.client(OFFICE);
    await registerOrganisation(office);
    taskId = await assignTraining(office);
  });

  afterAll(() => app?.stop());

  describe('without a valid token every operation is UNAUTHENTICATED, reads included', () => {
    const expectUnauthenticated = async (authorization: string | null) => {
      const api = await app.client({ authorization });
      const result = await api.call('{ units { id } }');
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.status).toBe(401);
      expect(result.data ?? null).toBeNull();
    };

    it('no Authorization header', () => expectUnauthenticated(null));
    it('not a bearer token', () => expectUnauthenticated('Basic b2ZmaWNlOnNlY3JldA=='));
    it('garbage', () => expectUnauthenticated('Bearer not.a.jwt'));

    it('an expired token', async () => {
      const token = await new SignJWT({ role: 'office' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('office-1')
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(new TextEncoder().encode(app.config.jwtSecret));
      await expectUnauthenticated(`Bearer ${token}`);
    });

    it('a token signed with another secret', async () => {
      await expectUnauthenticated(`Bearer ${await sign({ role: 'office' }, 'x'.repeat(48))}`);
    });

    it('a token with another algorithm, even with the right secret', async () => {
      await expectUnauthenticated(`Bearer ${await sign({ role: 'office' }, app.config.jwtSecret, 'HS512')}`);
    });

    it('an unsigned token (alg none)', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const body = Buffer.from(JSON.stringify({ sub: 'x', role: 'office', exp: 9999999999 })).toString(
        'base64url',
      );
      await expectUnauthenticated(`Bearer ${header}.${body}.`);
    });

    it('a token without exp', async () => {
      await expectUnauthenticated(
        `Bearer ${await sign({ role: 'office', noExp: true }, app.config.jwtSecret)}`,
      );
    });

    it('bad claims: an unknown role, or a unit manager without a unit', async () => {
      await expectUnauthenticated(`Bearer ${await sign({ role: 'admin' }, app.config.jwtSecret)}`);
      await expectUnauthenticated(`Bearer ${await sign({ role: 'unit_manager' }, app.config.jwtSecret)}`);
    });
  });

  describe('roles and units', () => {
    it('a unit manager may not register units or assign tasks', async () => {
      const manager = await app.client(MANAGEMENT_MANAGER);
      const before = await eventCount(office);
      const unit = await manager.fails(REGISTER_UNIT, { input: { id: 'textile', name: '轻纺食品系' } });
      expect(unit.extensions?.code).toBe('FORBIDDEN');
      const task = await manager.fails(ASSIGN, { input: trainingTask(inDays(10)) });
      expect(task.extensions?.code).toBe('FORBIDDEN');
      expect(await eventCount(office)).toBe(before);
    });

    it("a unit manager may not report progress on another unit's task", async () => {
      const other = await app.client(AUTOMOTIVE_MANAGER);
      const before = await eventCount(office);
      const error = await other.fails(REPORT, { input: { taskId, progress: 10 } });
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(await eventCount(office)).toBe(before);
    });

    it("the task's own unit manager may", async () => {
      const manager = await app.client(MANAGEMENT_MANAGER);
      await manager.ok(ACKNOWLEDGE, { input: { taskId } });
    });

    it('an auditor reads everything and writes nothing', async () => {
      const auditor = await app.client(AUDITOR);
      const before = await eventCount(office);
      for (const [query, input] of [
        [REPORT, { taskId, progress: 10 }],
        [ACKNOWLEDGE, { taskId }],
        [ASSIGN, trainingTask(inDays(10))],
        [REGISTER_PROGRAM, { id: 'xinjiang', name: '援疆' }],
      ] as const) {
        const error = await auditor.fails(query, { input });
        expect(error.extensions?.code).toBe('FORBIDDEN');
      }
      expect(await eventCount(office)).toBe(before);
      await auditor.ok('{ auditLog(first: 5) { edges { node { type } } } verifyHistory { ok } }');
    });

    it('the reminder worker reads tasks and the audit trail, and cannot change tasks', async () => {
      const worker = await app.client(WORKER);
      await worker.ok('{ tasks { totalCount } units { id } }');
      // Reads of history are allowed to all roles.
      await worker.ok('{ auditLog(first: 5) { edges { cursor } } verifyHistory { ok } }');
      expect((await worker.fails(REPORT, { input: { taskId, progress: 5 } })).extensions?.code).toBe(
        'FORBIDDEN',
      );
    });
  });
});
