/**
 * The workbook importer (.xlsx, through exceljs). A zip cannot stream, so the file is read whole;
 * each sheet's rows are turned into text cells and mapped by the same profiles as CSV
 * (connectors/csv/table.ts). Every sheet whose header a profile recognises is imported; when none
 * is, the first non-empty sheet is reported like an unknown CSV layout.
 */
import ExcelJS from 'exceljs';
import { issue } from '../../core/issues';
import { messages } from '../../core/messages';
import type { ImportResult } from '../../core/source';
import { TableImport } from '../csv/table';
import type { ImportContext } from '../importer';
import { builtInProfiles, genericProfile, resolveProfile } from '../profiles';
import { readAll, type SourceFile } from '../source';
import { unreadable } from '../unreadable';

type CellValue = ExcelJS.CellValue;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** exceljs gives date cells as UTC Dates: the UTC fields are the calendar day as typed. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day}T${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** A number as text: 12345 not "12345.0", float noise trimmed, zero-padded formats ("00000") kept. */
function numberText(n: number, numFmt: string | undefined): string {
  const text = Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
  if (numFmt !== undefined && /^0+$/.test(numFmt) && Number.isInteger(n) && n >= 0) return text.padStart(numFmt.length, '0');
  return text;
}

/** Any cell value as the text an export would have written. */
export function cellText(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: CellValue }).result;
      return result === undefined ? '' : cellText(result, numFmt);
    }
    if ('hyperlink' in value) return cellText((value as { text?: CellValue }).text ?? '', numFmt);
    if ('error' in value) return '';
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return String(value);
}

/** Imports an .xlsx source. `context` is optional so tests can call it directly. */
export async function importWorkbook(source: SourceFile, context?: Partial<ImportContext>): Promise<ImportResult> {
  const resolved = resolveProfile(context?.options?.profile);
  if (!resolved.ok) return unreadable(source.name, 'xlsx', resolved.error);
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = await readAll(source);
    // exceljs accepts an ArrayBuffer as well as a Node Buffer (its type says Buffer only).
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    return unreadable(source.name, 'xlsx', messages.workbookUnreadable(e instanceof Error ? e.message : String(e)));
  }
  const tables: TableImport[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.actualRowCount === 0) continue;
    const table = new TableImport({
      file: source.name,
      format: 'xlsx',
      profile: resolved.profile,
      candidates: builtInProfiles,
      fallbackReport: genericProfile,
      sheet: sheet.name,
    });
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as CellValue[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c], row.getCell(c).numFmt));
      table.row(cells, rowNumber);
    });
    tables.push(table);
  }
  const recognised = tables.filter((t) => t.profile !== undefined);
  if (recognised.length === 0) {
    const first = tables[0];
    if (first === undefined) {
      return { file: source.name, format: 'xlsx', rowsRead: 0, recordsImported: 0, rowsRejected: 0, records: [], issues: [issue('file-empty', 'warning', messages.fileEmpty(), { file: source.name })] };
    }
    return first.finish();
  }
  const results = recognised.map((t) => t.finish());
  if (results.length === 1) return results[0] as ImportResult;
  const skipped = tables.length - recognised.length;
  return {
    file: source.name,
    format: 'xlsx',
    profile: [...new Set(results.map((r) => r.profile))].join(', '),
    rowsRead: results.reduce((n, r) => n + r.rowsRead, 0),
    recordsImported: results.reduce((n, r) => n + r.recordsImported, 0),
    rowsRejected: results.reduce((n, r) => n + r.rowsRejected, 0),
    records: results.flatMap((r) => r.records),
    issues: [
      ...results.flatMap((r) => r.issues),
      ...(skipped > 0 ? [issue('sheet-skipped', 'info', messages.workbookSheetsSkipped(skipped), { file: source.name })] : []),
    ],
    mapping: results[0]?.mapping,
  };
}
