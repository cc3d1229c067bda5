import type ExcelJS from 'exceljs';
import type { TaskHealth } from '#domain';

/** Traffic-light fills (督办): the colours follow-up offices know from their own sheets. */
export const HEALTH_FILL: Record<TaskHealth, string> = {
  GREEN: 'FFC6EFCE',
  YELLOW: 'FFFFEB9C',
  RED: 'FFFFC7CE',
};
export const HEALTH_FONT: Record<TaskHealth, string> = {
  GREEN: 'FF006100',
  YELLOW: 'FF9C5700',
  RED: 'FF9C0006',
};
export const HEALTH_LABEL: Record<TaskHealth, string> = {
  GREEN: '绿 正常',
  YELLOW: '黄 临期',
  RED: '红 逾期',
};

const HEADER_FILL = 'FF1F4E78';

export function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Bold white on dark blue, frozen, filterable: the header row every sheet here starts with. */
export function styleHeader(sheet: ExcelJS.Worksheet, row: number, columns: number, freezeColumns = 0): void {
  const header = sheet.getRow(row);
  header.height = 22;
  for (let c = 1; c <= columns; c++) {
    const cell = header.getCell(c);
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = fill(HEADER_FILL);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF808080' } } };
  }
  sheet.views = [
    {
      state: 'frozen',
      xSplit: freezeColumns,
      ySplit: row,
      topLeftCell: cellAddress(row + 1, freezeColumns + 1),
      activeCell: cellAddress(row + 1, 1),
    },
  ];
}

export function paintHealth(cell: ExcelJS.Cell, health: TaskHealth): void {
  cell.fill = fill(HEALTH_FILL[health]);
  cell.font = { ...(cell.font ?? {}), color: { argb: HEALTH_FONT[health] } };
}

/** A1-style address of (row, column), both 1-based. */
export function cellAddress(row: number, column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** Data validation over a range (exceljs supports it; its typings only know per-cell validation). */
export function validateRange(
  sheet: ExcelJS.Worksheet,
  range: string,
  validation: ExcelJS.DataValidation,
): void {
  (
    sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations.add(range, validation);
}
