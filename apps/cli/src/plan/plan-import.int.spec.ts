import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import {
  evolveTask,
  initialTaskState,
  taskStream,
  type Recorded,
  type TaskEvent,
  type TaskState,
} from '#domain';
import { SqliteEventStore } from '#event-store';
import { DEMO_PROGRAMS, DEMO_TASKS, DEMO_UNITS } from '../demo-plan.js';
import { importPlan, PLAN_IMPORTER, type ImportOptions } from './import-plan.js';
import { readPlanFile } from './read-sheet.js';
import { formatTargets } from './targets.js';
import { registerDirectory } from './testing/plan-fixtures.js';

const FIXTURES = resolve(__dirname, '../../../../test/fixtures/plan');
const fixture = (name: string) => join(FIXTURES, name);
const SHANGHAI = 'Asia/Shanghai';

describe('plan import', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-plan-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    await registerDirectory(store);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (file: string, options: Partial<ImportOptions> = {}) =>
    importPlan(store, await readPlanFile(file), { timeZone: SHANGHAI, ...options });

  async function taskOf(taskId: string): Promise<TaskState> {
    const events = await store.readStream(taskStream(taskId));
    return events.reduce((s, e) => evolveTask(s, e as unknown as Recorded<TaskEvent>), initialTaskState());
  }

  it('imports a hand-written UTF-8 CSV: a title row above the header, names or ids, dates as typed in China', async () => {
    const summary = await run(fixture('plan-2023-utf8.csv'));
    expect(summary.check.problems).toEqual([]);
    expect(summary.tasksCreated).toBe(6);
    const tasks = await Promise.all(summary.check.tasks.map((t) => taskOf(t.taskId)));
    const [linzhi, campus, kashgar, peili, remote, shanwei] = tasks;
    expect(linzhi).toMatchObject({
      title: '组织林芝市职业技术学校管理干部培训',
      programId: 'tibet',
      unitId: 'management',
      partner: '林芝市职业技术学校',
      assignee: '宋炜',
      status: 'ASSIGNED',
      // Due by the end of 30 June in Asia/Shanghai.
      deadline: '2023-06-30T16:00:00.000Z',
      targets: [{ key: 'trainees', label: '培训人数', target: 92, unit: '人' }],
    });
    expect(campus).toMatchObject({ unitId: 'info-center', deadline: '2023-10-31T16:00:00.000Z' });
    expect(campus.targets).toEqual([{ key: 'value', label: '捐赠价值', target: 25_000_000, unit: '元' }]);
    expect(kashgar).toMatchObject({
      programId: 'xinjiang',
      unitId: 'textile-food',
      deadline: '2023-12-20T16:00:00.000Z',
    });
    expect(peili.title).toBe('培黎职业学院六个方面帮扶（专业, 课程, 实训基地, 师资, 学生培养, 党建）');
    expect(remote.deadline).toBe('2023-11-30T09:30:00.000Z');
    expect(remote.targets).toEqual([
      { key: 'teachers', label: '培训师资', target: 313, unit: '人' },
      { key: 'satisfaction', label: '满意度', target: 95, unit: '%' },
    ]);
    expect(shanwei.assignee).toBeNull();
    // Every event of the run shares one correlation id, and the importer is the office.
    const [assigned] = await store.readStream(taskStream(summary.check.tasks[0].taskId));
    expect(assigned.metadata.correlationId).toBe(summary.correlationId);
    expect(assigned.metadata.actor).toEqual(PLAN_IMPORTER);
    expect(assigned.metadata.idempotencyKey).toMatch(/^plan:row:[0-9a-f]{32}$/);
  });

  it('reads the same plan saved as UTF-8 with a BOM and CRLF, and GB18030 as Chinese Excel writes CSV', async () => {
    const plain = await readPlanFile(fixture('plan-2023-utf8.csv'));
    const bom = await readPlanFile(fixture('plan-2023-utf8-bom.csv'));
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.rows.map((r) => r.values)).toEqual(plain.rows.map((r) => r.values));

    const gb = await readPlanFile(fixture('plan-gb18030.csv'));
    expect(gb.encoding).toBe('gb18030');
    const summary = await run(fixture('plan-gb18030.csv'));
    expect(summary.check.problems).toEqual([]);
    expect(summary.tasksCreated).toBe(2);
    const camp = await taskOf(summary.check.tasks[1].taskId);
    expect(camp.title).toBe('组织“助力惠来”志愿服务夏令营');
    expect(camp.description).toContain('四字节字符 䶮');
    expect(camp.targets).toEqual([{ key: 'pupils', label: '参加中小学生', target: 270, unit: '人' }]);
  });

  it('reads English headers, instants with offsets, multi-line cells and keys of your own', async () => {
    const summary = await run(fixture('plan-en.csv'));
    expect(summary.check.problems).toEqual([]);
    const [dean, bijie] = await Promise.all(summary.check.tasks.map((t) => taskOf(t.taskId)));
    expect(dean.deadline).toBe('2023-12-31T15:59:00.000Z');
    expect(dean.description).toBe(
      'A one-year placement at the Teacher Development Centre.\nSecond line of the description.',
    );
    expect(dean.targets).toEqual([{ key: 'months', label: 'months', target: 12, unit: '月' }]);
    expect(bijie.targets).toEqual([{ key: 'teachers', label: '培训教师', target: 7, unit: '人' }]);
  });

  it('reports every bad row and cell of a file with 5 bad rows, and writes nothing', async () => {
    const head = await store.headPosition();
    const summary = await run(fixture('plan-5-bad-rows.csv'));
    expect(summary.check.invalidRows).toEqual([3, 4, 6, 7, 8]);
    expect(summary.check.problems.map((p) => p.text)).toEqual([
      'row 3, 截止日期: "2023-13-01" is not a date',
      'row 4, 责任单位: no unit "外语学院" (by id or name); --create-missing registers it',
      'row 6, 任务: must not be empty',
      'row 7, 截止日期: "2023-02-30" is not a date',
      'row 8, 指标: "培训人数=一百人" is not label=number (e.g. 培训人数=92人)',
    ]);
    expect(summary.wrote).toBe(false);
    expect(await store.headPosition()).toBe(head);
  });

  it('--partial writes the valid rows; --dry-run writes nothing', async () => {
    const head = await store.headPosition();
    const dry = await run(fixture('plan-5-bad-rows.csv'), { dryRun: true, partial: true });
    expect(dry.wrote).toBe(false);
    expect(await store.headPosition()).toBe(head);

    const partial = await run(fixture('plan-5-bad-rows.csv'), { partial: true });
    expect(partial.tasksCreated).toBe(3);
    expect(await store.headPosition()).toBe(head + 3n);
  });

  it('--create-missing registers unknown units under a stable id; a second import creates nothing new', async () => {
    const first = await run(fixture('plan-5-bad-rows.csv'), { createMissing: true, partial: true });
    expect(first.created).toEqual([
      { kind: 'unit', id: expect.stringMatching(/^unit-[0-9a-f]{10}$/), name: '外语学院' },
    ]);
    expect(first.tasksCreated).toBe(4);
    const head = await store.headPosition();

    const again = await run(fixture('plan-5-bad-rows.csv'), { createMissing: true, partial: true });
    expect(again.created).toEqual([]);
    expect(again.check.toCreate).toEqual([]); // 外语学院 is known by name now
    expect(again.tasksCreated).toBe(0);
    expect(again.alreadyImported).toBe(4);
    expect(await store.headPosition()).toBe(head);
  });

  it('re-importing the same file writes nothing, also as another importer', async () => {
    await run(fixture('plan-2023-utf8.csv'));
    const head = await store.headPosition();
    const again = await run(fixture('plan-2023-utf8.csv'));
    expect(again).toMatchObject({ tasksCreated: 0, alreadyImported: 6, eventsWritten: 0 });
    const other = await run(fixture('plan-2023-utf8.csv'), { actor: { id: 'office-2', role: 'office' } });
    expect(other).toMatchObject({ tasksCreated: 0, alreadyImported: 6 });
    expect(await store.headPosition()).toBe(head);
  });

  it('names duplicate rows, and tells when a row imported before was edited since', async () => {
    const path = join(dir, 'dupes.csv');
    const header = '任务,项目,责任单位,截止日期\n';
    await writeFile(path, `${header}培训教师,援藏,管理学院,2023-06-30\n培训教师,援藏,管理学院,2023-07-30\n`);
    const dupes = await run(path);
    expect(dupes.check.problems.map((p) => p.text)).toEqual([
      'row 3: the same task as row 2 (same 任务, 项目, 责任单位 and 对口单位); give each an 编号 to import both',
    ]);
    await writeFile(path, `${header}培训教师,援藏,管理学院,2023-06-30\n`);
    await run(path);
    await writeFile(path, `${header}培训教师,援藏,管理学院,2023-08-31\n`);
    const edited = await run(path);
    expect(edited.tasksCreated).toBe(0);
    expect(edited.drifted).toEqual([expect.stringMatching(/^row 2: imported before as task .*截止日期/)]);
  });

  it('imports the demo plan of the 2023 report from a workbook written by exceljs', async () => {
    const path = join(dir, 'demo-plan.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务清单');
    sheet.addRow(['2023年对口支援任务清单']);
    sheet.addRow([
      '任务 title',
      '项目 programme',
      '对口单位 partner',
      '责任单位 unit',
      '负责人 assignee',
      '截止日期 deadline',
      '指标 targets',
      '描述 description',
    ]);
    for (const [i, task] of DEMO_TASKS.entries()) {
      sheet.addRow([
        // Rich text and a formula result, as real workbooks have them.
        i === 0
          ? {
              richText: [
                { text: task.title.slice(0, 4), font: { bold: true } },
                { text: task.title.slice(4) },
              ],
            }
          : task.title,
        DEMO_PROGRAMS.find((p) => p.id === task.programId)!.name,
        task.partner,
        i === 1
          ? { formula: '"info"&"-center"', result: task.unitId }
          : DEMO_UNITS.find((u) => u.id === task.unitId)!.name,
        task.assignee,
        new Date(Date.UTC(2023, 6 + (i % 6), 10)),
        formatTargets(task.targets),
        task.description,
      ]);
    }
    sheet.getColumn(6).numFmt = 'yyyy-mm-dd';
    await workbook.xlsx.writeFile(path);

    const summary = await run(path);
    expect(summary.check.problems).toEqual([]);
    expect(summary.tasksCreated).toBe(DEMO_TASKS.length);
    const imported = await Promise.all(summary.check.tasks.map((t) => taskOf(t.taskId)));
    expect(imported.map((t) => t.targets)).toEqual(DEMO_TASKS.map((t) => t.targets));
    expect(imported[0].title).toBe(DEMO_TASKS[0].title);
    expect(imported[1].unitId).toBe('info-center');
    expect(imported[0].deadline).toBe('2023-07-10T16:00:00.000Z');
  });
});

async function writeFile(path: string, text: string): Promise<void> {
  const { writeFile: write } = await import('node:fs/promises');
  await write(path, text, 'utf8');
}
