import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialTaskState, type TaskState, type TaskStatus } from '#domain';
import { openReadModel, type ReadModel } from '../read-model/read-model.js';
import type { ReadModelTarget } from '../testing/read-model.suite.js';
import { postgresTarget } from '../testing/postgres-target.js';
import { taskRowValues } from '../task-details/task-details.projection.js';
import { tallyBoard } from './board-tally.js';
import { boardCounts } from './task-board.queries.js';

const TASKS = 10_000;
const NOW = '2023-09-15T08:00:00.000Z';
const STATUSES: readonly TaskStatus[] = ['ASSIGNED', 'IN_PROGRESS', 'BLOCKED', 'COMPLETED', 'CANCELLED'];

/** 10,000 tasks over 30 units × 12 programmes, every status, deadlines either side of NOW (some exactly on it). */
function school(): TaskState[] {
  let seed = 2023;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  return Array.from({ length: TASKS }, (_, i) => {
    const day = next(40);
    const deadline = day === 0 ? NOW : new Date(Date.parse(NOW) + (day - 20) * 86_400_000).toISOString();
    return {
      ...initialTaskState(),
      exists: true,
      taskId: `9b1d0c55-0000-4000-8000-${String(i).padStart(12, '0')}`,
      title: `结对帮扶任务 ${i}`,
      unitId: `unit-${String(next(30)).padStart(2, '0')}`,
      programId: `program-${String(next(12)).padStart(2, '0')}`,
      status: STATUSES[next(STATUSES.length)]!,
      deadline,
      createdAt: '2023-01-01T00:00:00.000Z',
      updatedAt: '2023-01-01T00:00:00.000Z',
      revision: 0,
    };
  });
}

const dir = mkdtempSync(join(tmpdir(), 'chessboard-board-'));
const sqliteTarget: ReadModelTarget = {
  label: 'SQLite',
  fresh: async () => ({ kind: 'sqlite', path: join(dir, 'read-model.db') }),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
};

describe.each([sqliteTarget, postgresTarget('rm_board')])('the board at 10,000 tasks ($label)', (target) => {
  jest.setTimeout(120_000);
  const tasks = school();
  let readModel: ReadModel;

  beforeAll(async () => {
    readModel = await openReadModel(await target.fresh());
    await readModel.writeTransaction(async (trx) => {
      for (let i = 0; i < tasks.length; i += 500) {
        await trx
          .insertInto('tasks')
          .values(tasks.slice(i, i + 500).map((state) => taskRowValues(state, 0)))
          .execute();
      }
    });
  });
  afterAll(async () => {
    await readModel?.close();
    await target.cleanup();
  });

  it.each([NOW, '2023-08-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'])(
    'counts every cell as the in-memory tally of the same tasks does, overdue as of %s',
    async (now) => {
      const board = await readModel.board(now);
      expect(board.cells).toEqual(tallyBoard(tasks, now));
      expect(board.cells.reduce((sum, cell) => sum + cell.total, 0)).toBe(TASKS);
    },
  );

  if (target.label === 'SQLite') {
    it('reads the counts from the covering index alone, in its order (no task rows, no sort)', async () => {
      const query = boardCounts(readModel.db, NOW).compile();
      const plan = await readModel.db.executeQuery<{ detail: string }>({
        ...query,
        sql: `explain query plan ${query.sql}`,
      });
      const steps = plan.rows.map((row) => row.detail).join('\n');
      expect(steps).toContain('COVERING INDEX tasks_board_counts');
      expect(steps).not.toContain('TEMP B-TREE');
    });
  }
});
