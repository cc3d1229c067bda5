import ExcelJS from 'exceljs';
import {
  isOverdue,
  taskHealth,
  wasOverdueAt,
  type TaskHealth,
  type TaskState,
  type TaskStatus,
} from '#domain';
import type { EventStore } from '#event-store';
import { foldStore, tallyTasks } from '#projections';
import { wallClockIn } from '../shared/instants.js';
import { formatTargets } from './targets.js';
import { cellAddress, HEALTH_LABEL, paintHealth, styleHeader } from './sheet-style.js';

export const STATUS_LABEL: Record<TaskStatus, string> = {
  ASSIGNED: '待签收',
  IN_PROGRESS: '进行中',
  BLOCKED: '受阻',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
};

export interface ExportOptions {
  /** The instant the board shows (default now): the log folded up to it. */
  readonly asOf?: string;
  readonly timeZone: string;
}

export interface ExportSummary {
  readonly asOf: string;
  readonly tasks: number;
  readonly units: number;
  readonly programmes: number;
}

const WORST: readonly TaskHealth[] = ['RED', 'YELLOW', 'GREEN'];

/**
 * The board and the task list as a workbook, as they stood at `asOf`, folded from the
 * event store with the domain's evolve (no read model, no server needed):
 * - 看板 Board: units × programmes, "completed/total" per cell, filled with the worst light
 *   of its open tasks (red: something overdue; yellow: ≤ 30 % of a window left);
 * - 任务 Tasks: one row per task, the traffic light filled in, filterable;
 * - 说明 About: when, and what the colours mean.
 * Frozen headers, column widths, dates in the school's time zone.
 */
export async function exportBoard(
  store: EventStore,
  path: string,
  options: ExportOptions,
): Promise<ExportSummary> {
  const asOf = options.asOf ?? new Date().toISOString();
  const { units, programs, tasks } = await foldStore(store, asOf);
  const liveUnits = [...units.values()].filter((u) => u.exists).sort(byText((u) => u.unitId));
  const livePrograms = [...programs.values()].filter((p) => p.exists).sort(byText((p) => p.programId));
  const liveTasks = [...tasks.values()]
    .filter((t) => t.exists)
    .sort(byText((t) => `${t.unitId}\u0000${t.programId}\u0000${t.deadline}\u0000${t.taskId}`));
  const unitName = new Map(liveUnits.map((u) => [u.unitId, u.name]));
  const programName = new Map(livePrograms.map((p) => [p.programId, p.name]));
  const local = localFormatter(options.timeZone);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chessboard';
  workbook.created = new Date();

  // 看板 Board
  const board = workbook.addWorksheet('看板 Board', { properties: { tabColor: { argb: 'FF1F4E78' } } });
  const programmeIds = livePrograms.map((p) => p.programId);
  for (const t of liveTasks) if (!programmeIds.includes(t.programId)) programmeIds.push(t.programId);
  const unitIds = liveUnits.map((u) => u.unitId);
  for (const t of liveTasks) if (!unitIds.includes(t.unitId)) unitIds.push(t.unitId);
  board.columns = [
    { header: '责任单位 \\ 项目', width: 18 },
    ...programmeIds.map((id) => ({ header: programName.get(id) ?? id, width: 14 })),
    { header: '合计 total', width: 14 },
  ];
  const cellsOf = new Map<string, TaskState[]>();
  for (const t of liveTasks) {
    const key = `${t.unitId}\u0000${t.programId}`;
    cellsOf.set(key, [...(cellsOf.get(key) ?? []), t]);
  }
  const summarise = (list: readonly TaskState[]) => {
    const open = list.filter((t) => t.status !== 'COMPLETED' && t.status !== 'CANCELLED');
    const { total, completed, overdue } = tallyTasks(list, asOf);
    const lights = open.map((t) => taskHealth(t, asOf));
    const health = WORST.find((h) => lights.includes(h)) ?? 'GREEN';
    const text = `${completed}/${total}${overdue > 0 ? ` (${overdue} 逾期)` : ''}`;
    return { text, health };
  };
  for (const unitId of unitIds) {
    const row = board.addRow([unitName.get(unitId) ?? unitId]);
    const all: TaskState[] = [];
    programmeIds.forEach((programId, index) => {
      const list = cellsOf.get(`${unitId}\u0000${programId}`) ?? [];
      all.push(...list);
      if (list.length === 0) return;
      const { text, health } = summarise(list);
      const cell = row.getCell(index + 2);
      cell.value = text;
      cell.alignment = { horizontal: 'center' };
      paintHealth(cell, health);
    });
    if (all.length > 0) {
      const { text, health } = summarise(all);
      const cell = row.getCell(programmeIds.length + 2);
      cell.value = text;
      cell.alignment = { horizontal: 'center' };
      cell.font = { bold: true };
      paintHealth(cell, health);
    }
    row.getCell(1).font = { bold: true };
  }
  styleHeader(board, 1, programmeIds.length + 2, 1);

  // 任务 Tasks
  const list = workbook.addWorksheet('任务 Tasks');
  list.columns = [
    { header: '任务', key: 'title', width: 40 },
    { header: '项目', key: 'programme', width: 16 },
    { header: '对口单位', key: 'partner', width: 24 },
    { header: '责任单位', key: 'unit', width: 16 },
    { header: '负责人', key: 'assignee', width: 14 },
    { header: '截止日期', key: 'deadline', width: 12 },
    { header: '进展状态', key: 'status', width: 10 },
    { header: '进度 %', key: 'progress', width: 8 },
    { header: '督办灯 health', key: 'health', width: 12 },
    { header: '逾期', key: 'overdue', width: 6 },
    { header: '曾逾期', key: 'wasOverdue', width: 8 },
    { header: '指标', key: 'targets', width: 30 },
    { header: '完成情况', key: 'metrics', width: 32 },
    { header: '签收时间', key: 'acknowledgedAt', width: 17 },
    { header: '办结时间', key: 'completedAt', width: 17 },
    { header: '更新时间', key: 'updatedAt', width: 17 },
    { header: '任务ID', key: 'taskId', width: 38 },
  ];
  for (const t of liveTasks) {
    const health = taskHealth(t, asOf);
    const row = list.addRow({
      title: t.title,
      programme: programName.get(t.programId) ?? t.programId,
      partner: t.partner ?? '',
      unit: unitName.get(t.unitId) ?? t.unitId,
      assignee: t.assignee ?? '',
      // The day it is due by: a deadline at local midnight belongs to the day before.
      deadline: local.day(new Date(Date.parse(t.deadline) - 1).toISOString()),
      status: STATUS_LABEL[t.status],
      progress: t.progress,
      health: HEALTH_LABEL[health],
      overdue: isOverdue(t, asOf) ? '是' : '',
      wasOverdue: wasOverdueAt(t, asOf) ? '是' : '',
      targets: formatTargets(t.targets),
      metrics: metricsText(t),
      acknowledgedAt: t.acknowledgedAt ? local.dateTime(t.acknowledgedAt) : null,
      completedAt: t.completedAt ? local.dateTime(t.completedAt) : null,
      updatedAt: local.dateTime(t.updatedAt),
      taskId: t.taskId,
    });
    paintHealth(row.getCell('health'), health);
    if (t.status === 'COMPLETED' || t.status === 'CANCELLED')
      row.getCell('status').font = { color: { argb: 'FF808080' } };
    row.getCell('metrics').alignment = { wrapText: true, vertical: 'top' };
    row.getCell('title').alignment = { wrapText: true, vertical: 'top' };
  }
  for (const key of ['deadline']) list.getColumn(key).numFmt = 'yyyy-mm-dd';
  for (const key of ['acknowledgedAt', 'completedAt', 'updatedAt'])
    list.getColumn(key).numFmt = 'yyyy-mm-dd hh:mm';
  list.getColumn('progress').alignment = { horizontal: 'right' };
  styleHeader(list, 1, list.columns.length, 1);
  list.autoFilter = { from: cellAddress(1, 1), to: cellAddress(1, list.columns.length) };

  // 说明 About
  const about = workbook.addWorksheet('说明 About');
  about.columns = [
    { header: '项', width: 22 },
    { header: '值', width: 70 },
  ];
  about.addRow(['截至 as of', `${local.dateTimeText(asOf)} (${options.timeZone}) = ${asOf}`]);
  about.addRow(['导出时间 exported', new Date().toISOString()]);
  about.addRow(['任务数 tasks', liveTasks.length]);
  about.addRow(['说明 note', '从事件日志回放得到 (replayed from the event log with the domain rules)']);
  for (const health of ['GREEN', 'YELLOW', 'RED'] as const) {
    const row = about.addRow([
      HEALTH_LABEL[health],
      {
        GREEN: '进度正常 on track',
        YELLOW: '剩余时间 ≤ 30% (≤ 30 % of the assignment-to-deadline window left)',
        RED: '已逾期未完成 overdue, not completed',
      }[health],
    ]);
    paintHealth(row.getCell(1), health);
  }
  styleHeader(about, 1, 2);

  await workbook.xlsx.writeFile(path);
  return { asOf, tasks: liveTasks.length, units: liveUnits.length, programmes: livePrograms.length };
}

function metricsText(task: TaskState): string {
  const reported = new Map(task.metrics.map((m) => [m.key, m.value]));
  return task.targets
    .map((t) => `${t.label} ${reported.get(t.key) ?? 0}/${t.target}${t.unit ?? ''}`)
    .join('\n');
}

const byText =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * Excel has no time zones: a date cell holds wall-clock fields. These are the school's
 * wall clock, written as UTC fields so Excel shows exactly them.
 */
function localFormatter(timeZone: string) {
  const clock = wallClockIn(timeZone);
  const wall = (iso: string) => {
    const w = clock(iso);
    return { y: w.year, m: w.month, d: w.day, h: w.hour, min: w.minute, s: w.second };
  };
  return {
    day: (iso: string): Date => {
      const w = wall(iso);
      return new Date(Date.UTC(w.y, w.m - 1, w.d));
    },
    dateTime: (iso: string): Date => {
      const w = wall(iso);
      return new Date(Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s));
    },
    dateTimeText: (iso: string): string => {
      const w = wall(iso);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${w.y}-${two(w.m)}-${two(w.d)} ${two(w.h)}:${two(w.min)}`;
    },
  };
}
