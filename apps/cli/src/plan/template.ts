import ExcelJS from 'exceljs';
import { DEMO_PROGRAMS, DEMO_TASKS, DEMO_UNITS } from '../demo-plan.js';
import { PLAN_COLUMNS, type PlanField } from './columns.js';
import { cellAddress, styleHeader, validateRange } from './sheet-style.js';
import { formatTargets } from './targets.js';

/** Rows the template's drop-downs and date checks cover. */
export const TEMPLATE_ROWS = 1000;
export const TEMPLATE_SHEET = '任务清单';
export const LISTS_SHEET = '选项';
export const STATUS_CHOICES = ['待签收'];

/** The order of the template's columns (and of a plan sheet as the docs show it). */
const TEMPLATE_FIELDS: readonly PlanField[] = [
  'title',
  'programme',
  'partner',
  'unit',
  'assignee',
  'deadline',
  'targets',
  'description',
  'key',
  'status',
];

export interface TemplateLists {
  /** Programme names for the 项目 drop-down. */
  readonly programmes: readonly string[];
  /** Unit names for the 责任单位 drop-down. */
  readonly units: readonly string[];
}

/** Without a store to read, the drop-downs offer the 2023 report's programmes and units. */
export const DEMO_LISTS: TemplateLists = {
  programmes: DEMO_PROGRAMS.map((p) => p.name),
  units: DEMO_UNITS.map((u) => u.name),
};

/**
 * An empty 任务清单 to fill in: the headers (with an English note on each), one sample row
 * from the 2023 report, drop-downs of programmes, units and statuses (kept on a hidden
 * sheet, so long lists work), a date check on 截止日期, and a help sheet.
 */
export async function writeTemplate(path: string, lists: TemplateLists = DEMO_LISTS): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chessboard';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { properties: { tabColor: { argb: 'FF1F4E78' } } });
  const columns = TEMPLATE_FIELDS.map((field) => PLAN_COLUMNS.find((c) => c.field === field)!);
  sheet.columns = columns.map((c) => ({ header: c.zh, key: c.field, width: c.width }));
  columns.forEach((column, index) => {
    const cell = sheet.getRow(1).getCell(index + 1);
    cell.note = `${column.en}${column.required ? ' (required)' : ''}: ${column.help}`;
  });
  styleHeader(sheet, 1, columns.length);
  sheet.autoFilter = { from: cellAddress(1, 1), to: cellAddress(1, columns.length) };

  const sample = DEMO_TASKS[0];
  sheet.addRow({
    title: sample.title,
    programme: DEMO_PROGRAMS.find((p) => p.id === sample.programId)?.name ?? sample.programId,
    partner: sample.partner,
    unit: DEMO_UNITS.find((u) => u.id === sample.unitId)?.name ?? sample.unitId,
    assignee: sample.assignee,
    // A date cell, as Excel stores a typed date (wall clock in UTC fields).
    deadline: new Date(Date.UTC(2023, 5, 30)),
    targets: formatTargets(sample.targets),
    description: sample.description,
    key: '2023-援藏-01',
    status: STATUS_CHOICES[0],
  });
  sheet.getColumn('deadline').numFmt = 'yyyy-mm-dd';
  sheet.getColumn('targets').alignment = { wrapText: true };
  sheet.getColumn('description').alignment = { wrapText: true };

  const listSheet = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  listSheet.columns = [
    { header: '项目', key: 'programme', width: 24 },
    { header: '责任单位', key: 'unit', width: 24 },
    { header: '状态', key: 'status', width: 10 },
  ];
  const longest = Math.max(lists.programmes.length, lists.units.length, STATUS_CHOICES.length, 1);
  for (let i = 0; i < longest; i++) {
    listSheet.addRow({ programme: lists.programmes[i], unit: lists.units[i], status: STATUS_CHOICES[i] });
  }
  const column = (field: PlanField) => TEMPLATE_FIELDS.indexOf(field) + 1;
  const range = (field: PlanField) =>
    `${cellAddress(2, column(field))}:${cellAddress(TEMPLATE_ROWS + 1, column(field))}`;
  const listOf = (letter: string, count: number) =>
    `${LISTS_SHEET}!$${letter}$2:$${letter}$${Math.max(count, 1) + 1}`;
  const pick = (title: string, list: string, known: string): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [list],
    showErrorMessage: true,
    // A warning, not a stop: a new name is fine with `npm run import -- --create-missing`.
    errorStyle: 'warning',
    errorTitle: title,
    error: `不在${known}列表中 (not a known one): import with --create-missing to register it`,
  });
  validateRange(
    sheet,
    range('programme'),
    pick('项目 programme', listOf('A', lists.programmes.length), '项目'),
  );
  validateRange(sheet, range('unit'), pick('责任单位 unit', listOf('B', lists.units.length), '责任单位'));
  validateRange(sheet, range('status'), {
    type: 'list',
    allowBlank: true,
    formulae: [listOf('C', STATUS_CHOICES.length)],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '状态 status',
    error: '只导入新任务：留空或填 待签收 (only new tasks are imported)',
  });
  validateRange(sheet, range('deadline'), {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '截止日期 deadline',
    error: '请填写日期，如 2023-06-30 (a date, e.g. 2023-06-30)',
    showInputMessage: true,
    promptTitle: '截止日期',
    prompt: '当天结束前完成 (due by the end of that day)',
  });

  const help = workbook.addWorksheet('说明 Help');
  help.columns = [
    { header: '列 column', key: 'zh', width: 14 },
    { header: 'English', key: 'en', width: 14 },
    { header: '必填 required', key: 'required', width: 14 },
    { header: '说明 what goes in it', key: 'help', width: 90 },
  ];
  for (const c of columns)
    help.addRow({ zh: c.zh, en: c.en, required: c.required ? '是 yes' : '', help: c.help });
  help.addRow({});
  help.addRow({
    zh: '导入',
    help: 'npm run import -- 任务清单.xlsx [--dry-run] [--create-missing] [--partial]',
  });
  styleHeader(help, 1, 4);
  await workbook.xlsx.writeFile(path);
}
