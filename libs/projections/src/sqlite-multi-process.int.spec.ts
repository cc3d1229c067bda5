import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { Projector } from './projector/projector.js';
import { openReadModel } from './read-model/read-model.js';
import { bulkSteps } from './testing/bulk-steps.js';
import { dumpReadModel } from './testing/dump.js';
import { appendScenario, SCENARIO } from './testing/scenario-2023.js';

interface ChildResult {
  readonly reached: boolean;
  readonly applied: number;
}

/** A projector process (testing/child-projector.ts); `ready` resolves once it follows the log. */
function projectorProcess(storePath: string, readModelPath: string, position: bigint, batchSize: number) {
  const child = spawn(
    process.execPath,
    [
      join(__dirname, '../../../test/support/run-ts.cjs'),
      join(__dirname, 'testing/child-projector.ts'),
      storePath,
      readModelPath,
      position.toString(),
      String(batchSize),
    ],
    { cwd: join(__dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`projector process exited with ${code}`));
      resolve(JSON.parse(stdout.slice('ready\n'.length)) as ChildResult);
    });
  });
  return { ready, done };
}

/** Separate processes share a SQLite read model only through its file lock (BEGIN IMMEDIATE). */
describe('projectors in separate processes on one SQLite read model', () => {
  jest.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'chessboard-processes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('apply every event exactly once between them, the same rows as one projector', async () => {
    const storePath = join(dir, 'events.db');
    const shared = join(dir, 'shared.db');
    const store = SqliteEventStore.open(storePath);
    const steps = [...SCENARIO, ...bulkSteps(40)];
    const head = BigInt(steps.length);
    // Migrate first so the processes race over the events, not the schema.
    await (await openReadModel({ kind: 'sqlite', path: shared })).close();

    const children = [1, 3, 2].map((batchSize) => projectorProcess(storePath, shared, head, batchSize));
    await Promise.all(children.map((c) => c.ready));
    for (const step of steps) await appendScenario(store, [step]);
    const results = await Promise.all(children.map((c) => c.done));

    expect(results.every((r) => r.reached)).toBe(true);
    expect(results.reduce((sum, r) => sum + r.applied, 0)).toBe(Number(head));
    // They really raced: more than one process applied something.
    expect(results.filter((r) => r.applied > 0).length).toBeGreaterThan(1);

    const reference = await openReadModel({ kind: 'sqlite', path: join(dir, 'reference.db') });
    await new Projector(store, reference).catchUp();
    const sharedModel = await openReadModel({ kind: 'sqlite', path: shared });
    expect(await dumpReadModel(sharedModel)).toEqual(await dumpReadModel(reference));
    await Promise.all([reference.close(), sharedModel.close(), store.close()]);
  });
});
