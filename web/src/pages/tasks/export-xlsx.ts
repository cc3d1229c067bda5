import type { TaskRowFragment } from '../../gql/graphql';
import type { Translate } from '../../lib/prefs';

/**
 * The current view as an .xlsx file. exceljs (~900 kB) is loaded only when someone exports,
 * so the board itself stays small.
 */
export async function exportTasksXlsx(
  rows: TaskRowFragment[],
  t: Translate,
  instant: (iso: string | null | undefined) => string,
): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chessboard';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(t('tasksTitle'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: t('colTitle'), key: 'title', width: 44 },
    { header: t('colUnit'), key: 'unit', width: 16 },
    { header: t('colProgram'), key: 'program', width: 18 },
    { header: t('colPartner'), key: 'partner', width: 24 },
    { header: t('colStatus'), key: 'status', width: 10 },
    { header: t('colProgress'), key: 'progress', width: 8 },
    { header: t('colDeadline'), key: 'deadline', width: 18 },
    { header: t('colOverdue'), key: 'overdue', width: 8 },
    { header: t('colHealth'), key: 'health', width: 16 },
    { header: t('colAcknowledged'), key: 'acknowledged', width: 18 },
    { header: t('colUpdated'), key: 'updated', width: 18 },
    { header: 'ID', key: 'id', width: 38 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({
      title: row.title,
      unit: row.unit.name,
      program: row.program.name,
      partner: row.partner ?? '',
      status: t(`status${row.status}`),
      progress: row.progress / 100,
      deadline: instant(row.deadline),
      overdue: row.overdue ? t('yes') : t('no'),
      health: t(`health${row.health}`),
      acknowledged: row.acknowledgedAt ? instant(row.acknowledgedAt) : '',
      updated: instant(row.updatedAt),
      id: row.id,
    });
  }
  sheet.getColumn('progress').numFmt = '0%';
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `chessboard-tasks-${instant(new Date().toISOString()).replace(/[ :]/g, '').replace(/-/g, '')}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
