import type { TaskHealth } from '../../gql/graphql';
import { buildGrid, cellKey, type BoardData } from './board-model';

const cell = (unit: string, program: string, counts: Partial<BoardData['cells'][number]> = {}) => ({
  unit: { id: unit },
  program: { id: program },
  total: 2,
  assigned: 1,
  inProgress: 1,
  blocked: 0,
  completed: 0,
  cancelled: 0,
  overdue: 0,
  ...counts,
});

const board: BoardData = {
  asOf: '2023-06-30T00:00:00Z',
  units: [
    { id: 'management', name: '管理学院' },
    { id: 'automotive', name: '汽车技术学院' },
  ],
  programs: [
    { id: 'tibet', name: '援藏', region: null },
    { id: 'xinjiang', name: '援疆', region: null },
  ],
  cells: [
    cell('management', 'tibet'),
    cell('management', 'xinjiang', { total: 3, completed: 2, assigned: 0, inProgress: 0, overdue: 1 }),
    cell('automotive', 'tibet', { total: 1, assigned: 0, inProgress: 1 }),
  ],
};

describe('the chessboard grid', () => {
  const lights = new Map<string, TaskHealth>([
    [cellKey('management', 'tibet'), 'YELLOW'],
    [cellKey('automotive', 'tibet'), 'GREEN'],
  ]);
  const grid = buildGrid(board, lights);

  it('gives each square the worst light of its tasks, and RED whenever a task is overdue', () => {
    expect(grid.cells.get(cellKey('management', 'tibet'))?.health).toBe('YELLOW');
    expect(grid.cells.get(cellKey('management', 'xinjiang'))?.health).toBe('RED');
    expect(grid.cells.get(cellKey('automotive', 'tibet'))?.health).toBe('GREEN');
  });

  it('adds up rows, columns and the whole school, with the worst light of each', () => {
    expect(grid.rows.get('management')).toMatchObject({ total: 5, completed: 2, overdue: 1, health: 'RED' });
    expect(grid.columns.get('tibet')).toMatchObject({ total: 3, inProgress: 2, health: 'YELLOW' });
    expect(grid.all).toMatchObject({ total: 6, completed: 2, overdue: 1, health: 'RED' });
  });

  it('leaves a square without tasks unlit', () => {
    expect(grid.cells.get(cellKey('automotive', 'xinjiang'))).toBeUndefined();
  });
});
