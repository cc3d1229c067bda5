import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '#event-store';
import { signToken } from '../../apps/api/src/auth/jwt.js';
import { startApiProcess, type ApiProcess } from './support/api-process.js';

jest.setTimeout(120_000);

const SECRET = 'ops-shutdown-test-secret-0123456789abcdef';
const WORKERS = 12;

type Outcome =
  | { kind: 'ok'; taskId: string; key: string }
  | { kind: 'refused'; status: number }
  | { kind: 'not-listening' }
  | { kind: 'reset'; error: string; key: string };

/**
 * One client: assigns tasks back to back over keep-alive connections until the server turns
 * it away (503 while draining, or connection refused once it no longer listens). A request
 * the server accepted but never answered (reset, hang-up) is what must never happen.
 */
async function client(url: string, authorization: string, id: number, outcomes: Outcome[]): Promise<void> {
  for (let n = 0; ; n++) {
    const key = `load-${id}-${n}`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({
          query: `mutation Load($input: AssignTaskInput!) { assignTask(input: $input) { task { id } } }`,
          variables: {
            input: {
              title: `压力测试任务 ${key}`,
              programId: 'tibet',
              unitId: 'management',
              deadline: '2031-06-30T16:00:00Z',
              idempotencyKey: key,
            },
          },
        }),
      });
      const body = (await response.json()) as {
        data?: { assignTask?: { task: { id: string } } };
        errors?: unknown[];
      };
      if (response.status === 200 && body.data?.assignTask) {
        outcomes.push({ kind: 'ok', taskId: body.data.assignTask.task.id, key });
        continue;
      }
      outcomes.push({ kind: 'refused', status: response.status });
      return;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (cause?.code === 'ECONNREFUSED') {
        outcomes.push({ kind: 'not-listening' });
        return;
      }
      outcomes.push({ kind: 'reset', error: `${cause?.code ?? ''} ${cause?.message ?? String(error)}`, key });
      return;
    }
  }
}

describe('SIGTERM under load (npm start as a real process)', () => {
  let dir: string;
  let api: ApiProcess | null = null;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-shutdown-'));
  });

  afterAll(() => {
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every request it accepted, loses no event, flushes the projector and exits 0', async () => {
    api = await startApiProcess({
      DATA_DIR: dir,
      AUTH_JWT_SECRET: SECRET,
      SCHEMA_FILE: join(dir, 'schema.graphql'),
      SHUTDOWN_TIMEOUT: '15000',
    });
    const authorization = `Bearer ${await signToken({ sub: 'office-1', role: 'office', ttl: '1h' }, SECRET)}`;
    const setup = async (query: string) => {
      const response = await fetch(api!.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
    };
    await setup('mutation { registerUnit(input: { id: "management", name: "管理学院" }) { id } }');
    await setup('mutation { registerProgram(input: { id: "tibet", name: "援藏" }) { id } }');

    const outcomes: Outcome[] = [];
    const clients = Array.from({ length: WORKERS }, (_, i) =>
      client(api!.graphqlUrl, authorization, i, outcomes),
    );
    // Let the load build up, then ask the server to stop in the middle of it.
    while (outcomes.filter((o) => o.kind === 'ok').length < 60) await new Promise((r) => setTimeout(r, 20));
    api.signal('SIGTERM');
    await Promise.all(clients);
    const exit = await api.exited;

    const ok = outcomes.filter((o): o is Extract<Outcome, { kind: 'ok' }> => o.kind === 'ok');
    expect(outcomes.filter((o) => o.kind === 'reset')).toEqual([]);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(15_000);
    // Every client was turned away cleanly: a 503 while draining, or refused once closed.
    expect(outcomes.filter((o) => o.kind !== 'ok')).toHaveLength(WORKERS);

    // No event lost, none written without an answer: the log holds the unit, the programme
    // and exactly the tasks the clients were told about.
    const store = SqliteEventStore.open(join(dir, 'events.db'));
    try {
      expect(await store.headPosition()).toBe(BigInt(2 + ok.length));
      for (const { taskId, key } of ok) {
        const [event] = await store.readStream(`task-${taskId}`);
        expect(event.metadata.idempotencyKey).toBe(key);
      }
    } finally {
      await store.close();
    }
    // The projector applied everything before the process exited.
    const readModel = new Database(join(dir, 'read-model.db'), { readonly: true });
    try {
      const row = readModel.prepare("SELECT position FROM checkpoints WHERE name = 'main'").get() as {
        position: number | string;
      };
      expect(Number(row.position)).toBe(2 + ok.length);
    } finally {
      readModel.close();
    }

    const messages = api.lines().map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['shutting down: draining requests', 'HTTP drained', 'shut down cleanly']),
    );
    console.log(
      `SIGTERM under load: ${ok.length} mutations answered, ${outcomes.length - ok.length} clients turned away ` +
        `(${outcomes.filter((o) => o.kind === 'refused').length} × 503, ${outcomes.filter((o) => o.kind === 'not-listening').length} × refused), ` +
        `exit ${exit.code} after ${exit.ms} ms`,
    );
  });
});
