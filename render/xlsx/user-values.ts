/**
 * Reading what the user owns out of an existing .xlsx (the CLI's refresh of a workbook it built
 * before). Keyed cells are found by the `_pw.u.*` names renderXlsx writes (they follow the cell when
 * rows are inserted in Excel); user-owned table columns by the NEW plan's tables: same table name,
 * columns matched by header, rows by the table's `rowKey`, so re-sorted rows keep their values.
 * The result has the same keys as core/plan/user-values.ts `collectUserValues`.
 */
import ExcelJS from 'exceljs';
import { cellRef, parseCellRef } from '../../core/plan/address';
import { userKeyOfName, orphanSheetName } from '../../core/plan/refresh';
import { sanitizeText } from '../../core/plan/sanitize';
import type { CellValue, WorkbookPlan } from '../../core/plan/types';
import { userRowKey, type UserValues } from '../../core/plan/user-values';

/** A cell reader over a loaded workbook: what a person sees, as a plan value. */
export type CellReader = (sheet: string, ref: string) => CellValue;

function planValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { date: value.toISOString().slice(0, 10) };
  // Text the user typed re-enters a plan: sanitised like any imported text, so it stays literal.
  if (typeof value === 'string') return sanitizeText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if ('richText' in value) return sanitizeText(value.richText.map((part) => part.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    // A user who typed a formula into an input owns its result, not the formula.
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined || (typeof result === 'object' && result !== null && 'error' in result) ? null : planValue(result);
  }
  if ('text' in value) return sanitizeText(String((value as { text: unknown }).text));
  return null;
}

/** A reader over a loaded exceljs workbook (dates as `{ date }`, text sanitised). */
export function workbookReader(workbook: ExcelJS.Workbook): CellReader {
  return (sheet, ref) => {
    const cell = workbook.getWorksheet(sheet)?.getCell(ref);
    if (cell === undefined) return null;
    // exceljs's `cell.value` drops falsy formula results; `cell.result` keeps them.
    return cell.type === ExcelJS.ValueType.Formula ? planValue({ formula: cell.formula, result: cell.result } as ExcelJS.CellValue) : planValue(cell.value);
  };
}

export async function loadWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) as unknown as ArrayBuffer);
  return workbook;
}

const isEmpty = (value: CellValue) => value === null || value === '';

interface LoadedTable {
  readonly sheet: string;
  readonly ref: string;
  readonly totalsRow: boolean;
}

function findTable(workbook: ExcelJS.Workbook, name: string): LoadedTable | undefined {
  for (const ws of workbook.worksheets) {
    const table = ws.getTable(name) as unknown as { table?: { tableRef?: string; ref?: string; totalsRow?: boolean } } | undefined;
    const model = table?.table;
    const ref = model?.tableRef ?? model?.ref;
    if (ref !== undefined && ref.includes(':')) return { sheet: ws.name, ref, totalsRow: model?.totalsRow === true };
  }
  return undefined;
}

/**
 * The user's values in an existing workbook (bytes or loaded), keyed for the new plan `plan`:
 * keyed cells by the `_pw.u.*` names in the file, user-owned columns of the plan's tables by rowKey
 * (including the "Orphaned comments" table of the file, so orphans carry over).
 */
export async function readUserValues(existing: Uint8Array | ArrayBuffer | ExcelJS.Workbook, plan: WorkbookPlan): Promise<UserValues> {
  const workbook = existing instanceof ExcelJS.Workbook ? existing : await loadWorkbook(existing);
  const read = workbookReader(workbook);
  const cells = new Map<string, CellValue>();
  const rows = new Map<string, CellValue>();

  // Only the sheets of the workbook being built (and orphans): another kind's inputs are not its orphans.
  const planSheets = new Set([...plan.sheets.map((s) => s.name), orphanSheetName]);
  const names = workbook.definedNames.model as { name: string; ranges: string[] }[];
  for (const { name, ranges } of names) {
    const key = userKeyOfName(name);
    const range = ranges[0];
    if (key === undefined || range === undefined) continue;
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)/.exec(range);
    if (!m) continue;
    const sheet = (m[1] ?? m[2] ?? '').replace(/''/g, "'");
    if (!planSheets.has(sheet)) continue;
    const value = read(sheet, `${m[3]}${m[4]}`);
    if (!isEmpty(value)) cells.set(key, value);
  }

  const tables = plan.sheets.flatMap((sheet) => sheet.tables.map((placed) => placed.table));
  const orphanTable = { name: 'OrphanedComments', rowKey: ['Key'], columns: [{ name: 'Value', userOwned: true }] };
  for (const table of [...tables, orphanTable]) {
    const owned = table.columns.filter((c) => c.userOwned === true).map((c) => c.name);
    if (owned.length === 0 || table.rowKey === undefined) continue;
    const found = findTable(workbook, table.name);
    if (found === undefined) continue;
    const [from, to] = found.ref.split(':') as [string, string];
    const start = parseCellRef(from);
    const end = parseCellRef(to);
    const header = new Map<string, number>();
    for (let c = start.column; c <= end.column; c += 1) {
      const text = read(found.sheet, cellRef(start.row, c));
      if (typeof text === 'string') header.set(text.replace(/^'/, ''), c);
    }
    const keyColumns = table.rowKey.map((name) => header.get(name));
    if (keyColumns.some((c) => c === undefined)) continue; // the old table has no such key: nothing to carry
    const last = end.row - (found.totalsRow ? 1 : 0);
    for (let r = start.row + 1; r <= last; r += 1) {
      const keyValues = keyColumns.map((c) => read(found.sheet, cellRef(r, c ?? 0)));
      for (const column of owned) {
        const c = header.get(column);
        if (c === undefined) continue;
        const value = read(found.sheet, cellRef(r, c));
        if (!isEmpty(value)) rows.set(userRowKey(table.name, keyValues, column), value);
      }
    }
  }
  return { cells, rows };
}
