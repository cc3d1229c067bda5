import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { SqliteEventStore } from '#event-store';
import { loadDemo } from '../../apps/cli/src/demo.js';
import { runCli } from './support/cli.js';

jest.setTimeout(120_000);

const CLI = 'apps/cli/src/main.ts';
const FIXTURES = resolve(__dirname, '../fixtures/plan');

describe('npm run import / npm run export', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-plan-cli-'));
    env = { DATA_DIR: join(dir, 'data') };
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the template, reports what a plan lacks, imports it with --create-missing, once', async () => {
    const template = join(dir, '任务清单.xlsx');
    const written = await runCli(CLI, ['import', '--template', template], env);
    expect(written).toMatchObject({ code: 0, stderr: '' });
    expect(written.stdout).toContain('drop-downs: the 2023 report (no event store yet)');

    const dry = await runCli(CLI, ['import', template, '--dry-run'], env);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(
      'row 2, 项目: no programme "援藏" (by id or name); --create-missing registers it',
    );
    expect(dry.stdout).toContain(
      'row 2, 责任单位: no unit "管理学院" (by id or name); --create-missing registers it',
    );
    expect(dry.stdout).toContain('dry run: 0 valid rows; nothing written');

    const first = await runCli(CLI, ['import', template, '--create-missing'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /registered 项目 援藏 \(program-[0-9a-f]{10}\), 责任单位 管理学院 \(unit-[0-9a-f]{10}\)/,
    );
    // The unit, the programme and the task.
    expect(first.stdout).toMatch(/created 1 tasks \(3 events\), 0 already imported/);

    const again = await runCli(CLI, ['import', template, '--create-missing'], env);
    expect(again.stdout).toMatch(/created 0 tasks \(0 events\), 1 already imported/);

    // The template's drop-downs now list what the store knows.
    const refreshed = await runCli(CLI, ['import', '--template', join(dir, 'again.xlsx')], env);
    expect(refreshed.stdout).toMatch(/drop-downs: 1 units and 1 programmes of SQLite/);
  });

  it('reports every bad row of a plan and writes nothing (exit 1)', async () => {
    const demoDir = join(dir, 'demo');
    const store = SqliteEventStore.open(join(demoDir, 'events.db'));
    await loadDemo(store);
    const head = await store.headPosition();
    await store.close();
    const result = await runCli(CLI, ['import', join(FIXTURES, 'plan-5-bad-rows.csv')], {
      DATA_DIR: demoDir,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('5 of 8 rows have problems (5 in all):');
    expect(result.stdout).toContain('row 3, 截止日期: "2023-13-01" is not a date');
    expect(result.stdout).toContain(
      'nothing written: fix the rows above, or --partial to write the 3 valid ones',
    );
    const after = SqliteEventStore.open(join(demoDir, 'events.db'));
    expect(await after.headPosition()).toBe(head);
    await after.close();
  });

  it('exports the board as of a date', async () => {
    const out = join(dir, 'board.xlsx');
    const result = await runCli(CLI, ['export', '--out', out, '--as-of', '2031-01-01'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^export: 1 tasks of 1 units and 1 programmes as of 2031-01-01T15:59:59.999Z/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('任务 Tasks')!.getRow(2).getCell(1).value).toBe(
      '组织林芝市职业技术学校管理干部培训',
    );
  });

  it('a usage mistake exits 2 with one line', async () => {
    const result = await runCli(CLI, ['import'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'import: give the plan file (npm run import -- plan.xlsx), or --template out.xlsx',
    );
  });
});
