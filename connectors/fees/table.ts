/**
 * Small tabular files (fee schedules, CMS files: the national RVU file is 2 MB, GL reports) are
 * read whole into rows of text: CSV/TSV through the shared streaming reader (connectors/csv/stream:
 * decoding and the CSV tokenizer), XLSX through exceljs (the first sheet with data). Every cell is text
 * exactly as written, so codes keep leading zeros. `rows[i]` is physical line (or sheet row) i + 1.
 */
import ExcelJS from 'exceljs';
import { issue, type Issue } from '../../core/issues';
import { messages } from '../../core/messages';
import { streamDelimited } from '../csv/stream';
import { readAll, readHead, type SourceFile } from '../source';
import { cellText } from '../xlsx';

export interface TextTable {
  readonly rows: readonly (readonly string[])[];
  readonly issues: readonly Issue[];
  readonly format: 'csv' | 'tsv' | 'xlsx';
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Reads a CSV, TSV or XLSX source into rows of text. Never throws for bad input. */
export async function readTextTable(source: SourceFile): Promise<TextTable> {
  if (isZip(await readHead(source, 4))) return readWorkbook(source.name, await readAll(source));
  const rows: (readonly string[])[] = [];
  const streamed = await streamDelimited(source, (cells, line) => {
    while (rows.length < line - 1) rows.push([]);
    rows[line - 1] = cells;
  });
  return { rows, issues: streamed.issues, format: streamed.delimiter === '\t' ? 'tsv' : 'csv' };
}

async function readWorkbook(file: string, bytes: Uint8Array): Promise<TextTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return { rows: [], issues: [issue('file-unreadable', 'error', messages.workbookUnreadable(e instanceof Error ? e.message : String(e)), { file })], format: 'xlsx' };
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (sheet === undefined) return { rows: [], issues: [issue('file-empty', 'error', messages.fileEmpty(), { file })], format: 'xlsx' };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value, row.getCell(c).numFmt));
    rows[rowNumber - 1] = cells;
  });
  return { rows: Array.from(rows, (r) => r ?? []), issues: [], format: 'xlsx' };
}
