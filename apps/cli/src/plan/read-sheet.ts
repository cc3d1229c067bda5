import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fieldOfHeader, type PlanField } from './columns.js';
import { decodeCsv, parseCsv, type CsvEncoding } from './csv.js';

/** A cell as the importer sees it: text, a number, a date (from a date-formatted cell) or empty. */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number Excel shows (or the CSV line the record starts on). */
  readonly rowNumber: number;
  readonly values: readonly CellValue[];
}

export interface PlanSheet {
  readonly format: 'xlsx' | 'csv';
  readonly encoding: CsvEncoding | null;
  readonly sheetName: string | null;
  readonly headerRow: number;
  /** The header of each column as written in the file. */
  readonly headers: readonly string[];
  /** Column index → field, for the columns the importer knows. */
  readonly fields: ReadonlyMap<number, PlanField>;
  /** Headers of columns the importer ignores (序号, 备注, …). */
  readonly ignored: readonly string[];
  readonly rows: readonly SheetRow[];
}

/** A file the importer cannot use at all (not a problem of one row). */
export class PlanFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanFileError';
  }
}

/** How many rows above the header a sheet may have (a title such as 2023年对口支援任务清单). */
const HEADER_SEARCH_ROWS = 10;

export async function readPlanFile(path: string, options: { sheet?: string } = {}): Promise<PlanSheet> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsv(path);
  if (ext === '.xlsx' || ext === '.xlsm') return readWorkbook(path, options.sheet);
  if (ext === '.xls')
    throw new PlanFileError(`${path}: .xls (Excel 97-2003) is not supported; save it as .xlsx`);
  throw new PlanFileError(`${path}: expected a .xlsx or .csv file`);
}

async function readCsv(path: string): Promise<PlanSheet> {
  const { text, encoding } = decodeCsv(await readFile(path));
  const records = parseCsv(text);
  const rows = records.map((r) => ({ rowNumber: r.line, values: r.cells }));
  return { ...locateHeader(path, rows), format: 'csv', encoding, sheetName: null };
}

/**
 * Loads the workbook and takes the sheet asked for, else 任务清单, else the first visible
 * sheet with a header row. Not exceljs' streaming WorkbookReader, although it is faster: it
 * splits multi-byte UTF-8 characters at chunk boundaries (a 10,000-row Chinese plan came
 * back with a few "其他��建").
 */
async function readWorkbook(path: string, sheetName: string | undefined): Promise<PlanSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new PlanFileError(`${path}: not a readable .xlsx file (${(error as Error).message})`);
  }
  const visible = workbook.worksheets.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  const candidates = sheetName
    ? workbook.worksheets.filter((s) => s.name === sheetName)
    : [...visible.filter((s) => s.name.includes('任务清单')), ...visible];
  if (sheetName && candidates.length === 0) {
    const names = workbook.worksheets.map((s) => s.name).join(', ');
    throw new PlanFileError(`${path}: no sheet named "${sheetName}" (has ${names})`);
  }
  let firstError: PlanFileError | null = null;
  for (const sheet of candidates) {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        values[column - 1] = cellValue(cell.value);
      });
      rows.push({ rowNumber, values: Array.from(values, (v) => v ?? null) });
    });
    try {
      return {
        ...locateHeader(`${path} [${sheet.name}]`, rows),
        format: 'xlsx',
        encoding: null,
        sheetName: sheet.name,
      };
    } catch (error) {
      if (!(error instanceof PlanFileError)) throw error;
      firstError ??= error;
    }
  }
  throw firstError ?? new PlanFileError(`${path}: the workbook has no sheets`);
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) as plain values. */
export function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined || (typeof result === 'object' && !(result instanceof Date))
        ? null
        : (result as CellValue);
    }
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? value.hyperlink);
    if ('error' in value) return null;
  }
  return String(value);
}

const cellText = (value: CellValue | undefined): string =>
  value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);

/** The header is the first row (of the first few) naming a title column and two more known ones. */
function locateHeader(
  where: string,
  rows: readonly SheetRow[],
): Omit<PlanSheet, 'format' | 'encoding' | 'sheetName'> {
  for (const [index, row] of rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const headers = row.values.map(cellText);
    const fields = new Map<number, PlanField>();
    const seen = new Map<PlanField, string>();
    const ignored: string[] = [];
    headers.forEach((header, column) => {
      const field = fieldOfHeader(header);
      if (!field) {
        if (header.trim() !== '') ignored.push(header.trim());
        return;
      }
      const earlier = seen.get(field);
      if (earlier !== undefined) {
        throw new PlanFileError(`${where}: columns "${earlier}" and "${header}" both mean ${field}`);
      }
      seen.set(field, header);
      fields.set(column, field);
    });
    if (!seen.has('title') || fields.size < 3) continue;
    const missing = (['title', 'programme', 'unit', 'deadline'] as const).filter((f) => !seen.has(f));
    if (missing.length > 0) {
      throw new PlanFileError(
        `${where}: row ${row.rowNumber} has no column for ${missing.join(', ')} (headers: ${headers.filter(Boolean).join(', ')})`,
      );
    }
    return { headerRow: row.rowNumber, headers, fields, ignored, rows: rows.slice(index + 1) };
  }
  throw new PlanFileError(
    `${where}: no header row found; the first row should name the columns 任务/title, 项目/programme, 责任单位/unit, 截止日期/deadline`,
  );
}
