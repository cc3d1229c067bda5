import ExcelJS from 'exceljs';
import type { AnnualReport } from '#projections';
import { daysLate, localDateTime, type Provenance } from './render-markdown.js';
import { REPORT_TEXT, type Locale } from './report-text.js';

/**
 * The annual report as a workbook (exceljs): the same figures as the Markdown, one sheet
 * per table, numbers as numbers so the office can total and chart them.
 */
export function buildWorkbook(
  report: AnnualReport,
  provenance: Provenance,
  locale: Locale = 'zh',
): ExcelJS.Workbook {
  const t = REPORT_TEXT[locale];
  const tz = report.timeZone;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chessboard';
  workbook.title = t.title(report.year);

  const sheet = (name: string, header: readonly string[], rows: (string | number | null)[][]) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow([...header]).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((column, index) => {
      const widths = [header[index] ?? '', ...rows.map((r) => String(r[index] ?? ''))].map(
        (s) => [...s].length,
      );
      column.width = Math.min(60, Math.max(8, ...widths) + 2);
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };

  const totals = report.totals;
  const summary = sheet(
    t.sheets.summary,
    [t.title(report.year), ''],
    [
      [t.summaryRows[0], report.year],
      [t.summaryRows[1], totals.tasks],
      [t.summaryRows[2], totals.units],
      [t.summaryRows[3], totals.programs],
      [t.summaryRows[4], totals.partners],
      [t.summaryRows[5], totals.completed],
      [t.summaryRows[6], totals.completedOnTime],
      [t.summaryRows[7], totals.completedLate],
      [t.summaryRows[8], totals.open],
      [t.summaryRows[9], totals.overdue],
      [t.summaryRows[10], totals.evidence],
      [],
      [t.digest.replace(/[:：]\s*$/, ''), provenance.digest],
      ['asOf', provenance.asOf],
    ],
  );
  summary.getColumn(2).width = 70;

  sheet(
    t.sheets.programs,
    t.programHeader,
    report.programs.map((p) => [
      p.name,
      p.region,
      p.partners.join(locale === 'zh' ? '、' : ', '),
      p.counts.tasks,
      p.counts.completed,
      p.counts.completedOnTime,
      p.counts.open,
      p.counts.overdue,
      p.counts.evidence,
    ]),
  );

  sheet(
    t.sheets.targets,
    [t.programHeader[0], ...t.targetHeader.slice(0, 1), 'unit', ...t.targetHeader.slice(1, 3)],
    report.programs.flatMap((p) => p.targets.map((m) => [p.name, m.label, m.unit, m.target, m.achieved])),
  );

  sheet(
    t.sheets.tasks,
    t.allTasksHeader,
    report.programs.flatMap((p) =>
      p.tasks.map((task) => [
        p.name,
        task.title,
        task.unitName,
        task.partner,
        t.status[task.status],
        task.progress,
        localDateTime(task.deadline, tz),
        task.completedAt === null ? null : localDateTime(task.completedAt, tz),
        task.overdue ? 1 : 0,
        task.wasOverdue ? 1 : 0,
        task.evidence,
      ]),
    ),
  );

  sheet(
    t.sheets.ranking,
    t.rankingHeader,
    report.ranking.map((row, index) => [
      index + 1,
      row.unitName,
      row.total,
      row.completed,
      row.completedOnTime,
      row.overdue,
      row.wasOverdue,
      Math.round(row.onTimeRate * 10_000) / 10_000,
    ]),
  );

  const programName = new Map(report.programs.flatMap((p) => p.tasks.map((task) => [task.id, p.name])));
  sheet(
    t.sheets.late,
    t.lateHeader,
    report.completedLate.map((task) => [
      task.title,
      programName.get(task.id) ?? null,
      task.unitName,
      localDateTime(task.deadline, tz),
      localDateTime(task.completedAt, tz),
      daysLate(task),
    ]),
  );
  return workbook;
}
