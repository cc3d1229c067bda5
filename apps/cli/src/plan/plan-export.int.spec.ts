import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SqliteEventStore } from '#event-store';
import { loadDemo } from '../demo.js';
import { DEMO_PROGRAMS, DEMO_TASKS, DEMO_UNITS } from '../demo-plan.js';
import { exportBoard } from './export-plan.js';
import { importPlan } from './import-plan.js';
import { readPlanFile } from './read-sheet.js';
import { HEALTH_FILL } from './sheet-style.js';
import { TEMPLATE_ROWS, writeTemplate } from './template.js';

const NOW = '2026-11-29T00:00:00.000Z';

describe('the template and the export', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-xlsx-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (path: string) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    return workbook;
  };
  const argb = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

  it('writes a template with headers, the 2023 sample row, drop-down lists and a date check', async () => {
    const path = join(dir, 'template.xlsx');
    await writeTemplate(path);
    const workbook = await open(path);
    const sheet = workbook.getWorksheet('任务清单')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '任务',
      '项目',
      '对口单位',
      '责任单位',
      '负责人',
      '截止日期',
      '指标',
      '描述',
      '编号',
      '状态',
    ]);
    expect(sheet.getCell('A1').note).toBeDefined();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const sample = sheet.getRow(2);
    expect(sample.getCell(1).value).toBe(DEMO_TASKS[0].title);
    expect(sample.getCell(2).value).toBe('援藏');
    expect(sample.getCell(4).value).toBe('管理学院');
    expect(sample.getCell(6).value).toEqual(new Date(Date.UTC(2023, 5, 30)));
    expect(sample.getCell(7).value).toBe('培训人数=92人');

    const lists = workbook.getWorksheet('选项')!;
    expect(lists.state).toBe('hidden');
    expect(lists.getColumn(1).values.slice(2)).toEqual(DEMO_PROGRAMS.map((p) => p.name));
    expect(lists.getColumn(2).values.slice(2)).toEqual(DEMO_UNITS.map((u) => u.name));
    // exceljs reads range validations back per cell.
    expect(sheet.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['选项!$A$2:$A$8'] });
    expect(sheet.getCell(`B${TEMPLATE_ROWS + 1}`).dataValidation).toMatchObject({ type: 'list' });
    expect(sheet.getCell('D500').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['选项!$B$2:$B$7'],
    });
    expect(sheet.getCell('J2').dataValidation).toMatchObject({ type: 'list', errorStyle: 'stop' });
    expect(sheet.getCell('F2').dataValidation).toMatchObject({ type: 'date', operator: 'between' });
  });

  it('a filled-in template imports (its sample row is a valid task)', async () => {
    const path = join(dir, 'template.xlsx');
    await writeTemplate(path);
    const summary = await importPlan(store, await readPlanFile(path), {
      timeZone: 'Asia/Shanghai',
      createMissing: true,
    });
    expect(summary.check.problems).toEqual([]);
    expect(summary.created.map((e) => e.name).sort()).toEqual(['援藏', '管理学院'].sort());
    expect(summary.tasksCreated).toBe(1);
  });

  it('exports the board and the task list: frozen headers, widths, traffic-light fills, as of a date', async () => {
    await loadDemo(store, NOW);
    const path = join(dir, 'board.xlsx');
    const summary = await exportBoard(store, path, { asOf: NOW, timeZone: 'Asia/Shanghai' });
    expect(summary).toMatchObject({
      tasks: DEMO_TASKS.length,
      units: DEMO_UNITS.length,
      programmes: DEMO_PROGRAMS.length,
    });

    const workbook = await open(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['看板 Board', '任务 Tasks', '说明 About']);
    const board = workbook.getWorksheet('看板 Board')!;
    expect(board.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    // 管理学院 × 援藏: two tasks, one completed, the 3+3 programme still open and on time.
    const management = board.getColumn(1).values.indexOf('管理学院');
    const tibet = (board.getRow(1).values as unknown[]).indexOf('援藏');
    expect(board.getRow(management).getCell(tibet).value).toBe('1/2');

    const tasks = workbook.getWorksheet('任务 Tasks')!;
    expect(tasks.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(tasks.autoFilter).toBeDefined();
    expect(tasks.getColumn(1).width).toBe(40);
    expect(tasks.rowCount).toBe(DEMO_TASKS.length + 1);
    const header = tasks.getRow(1).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    const rows = Array.from({ length: DEMO_TASKS.length }, (_, i) => tasks.getRow(i + 2));
    const byTitle = (title: string) => rows.find((r) => r.getCell(col('任务')).value === title)!;
    // Overdue and open (deadline 10 days ago, 70 % done): red, in the sheet and on the board.
    const overdue = byTitle('举办共同体高质量发展研讨会并促成校企合作签约');
    expect(overdue.getCell(col('逾期')).value).toBe('是');
    expect(argb(overdue.getCell(col('督办灯 health')))).toBe(HEALTH_FILL.RED);
    // Completed on time: green.
    const done = byTitle('组织林芝市职业技术学校管理干部培训');
    expect(done.getCell(col('进展状态')).value).toBe('已完成');
    expect(argb(done.getCell(col('督办灯 health')))).toBe(HEALTH_FILL.GREEN);
    expect(done.getCell(col('完成情况')).value).toBe('培训人数 92/92人');
    // Due in 6 days of a 206-day window: yellow.
    const soon = byTitle('组织边远地区职教师资培训');
    expect(argb(soon.getCell(col('督办灯 health')))).toBe(HEALTH_FILL.YELLOW);
    expect(soon.getCell(col('截止日期')).value).toBeInstanceOf(Date);

    // A year earlier, fewer tasks existed.
    const earlier = await exportBoard(store, join(dir, 'earlier.xlsx'), {
      asOf: new Date(Date.parse(NOW) - 250 * 86_400_000).toISOString(),
      timeZone: 'Asia/Shanghai',
    });
    expect(earlier.tasks).toBeLessThan(DEMO_TASKS.length);
    expect(earlier.tasks).toBeGreaterThan(0);
  });

  it('an export read back as a plan creates nothing: its 任务ID column finds the tasks', async () => {
    await loadDemo(store, NOW);
    const path = join(dir, 'board.xlsx');
    await exportBoard(store, path, { asOf: NOW, timeZone: 'Asia/Shanghai' });
    const head = await store.headPosition();
    const summary = await importPlan(store, await readPlanFile(path, { sheet: '任务 Tasks' }), {
      timeZone: 'Asia/Shanghai',
    });
    expect(summary.check.problems).toEqual([]);
    expect(summary.alreadyImported).toBe(DEMO_TASKS.length);
    expect(await store.headPosition()).toBe(head);
  });
});
