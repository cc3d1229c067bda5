/**
 * CSV as spreadsheets write it: UTF-8 with or without a byte-order mark, or GB18030 (what
 * Excel saves as "CSV" on a Chinese Windows). Records per RFC 4180: quoted fields may hold
 * commas, quotes ("") and line breaks; CRLF or LF.
 */

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030' | 'utf-16le';

/** Decodes the bytes of a CSV file, guessing the encoding: BOM first, then strict UTF-8, else GB18030. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  // "Unicode text" from Excel is UTF-16LE with a BOM (and tab-separated).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Node with full ICU (the default build) decodes GB18030, a superset of GBK and GB2312.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The delimiter of the header line: a tab or semicolon when there are more of those than commas. */
export function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates = [',', '\t', ';'].map((c) => [c, count(c)] as const);
  return candidates.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** One record per row: its cells and the line it starts on (1-based), for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

export function parseCsv(text: string, delimiter = guessDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
    cells = [];
    recordLine = line;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      line++;
      i++;
      endRecord();
    } else if (c === '\n' || c === '\r') {
      line++;
      endRecord();
    } else cell += c;
    i++;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
