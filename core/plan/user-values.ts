/**
 * User-owned values (targets, inputs, comments, owners) survive a rebuild: before rebuilding, the
 * values are collected from the workbook by the previous plan's geometry (keyed cells by `userKey`,
 * user-owned table columns by the table's `rowKey`), and the builder puts each back where the same
 * key lands in the new plan. The cell reading is a function, so the same code serves exceljs
 * (the CLI and tests) and Office.js (the add-in).
 */
import { parseCellRef, cellRef } from './address';
import type { CellValue, WorkbookPlan } from './types';

export interface UserValues {
  /** `userKey` → value. */
  readonly cells: ReadonlyMap<string, CellValue>;
  /** `userRowKey(table, key values, column)` → value. */
  readonly rows: ReadonlyMap<string, CellValue>;
}

export const noUserValues: UserValues = { cells: new Map(), rows: new Map() };

/** The key of one user-owned table cell: table, row key values and column, joined. */
export function userRowKey(table: string, keyValues: readonly CellValue[], column: string): string {
  const text = keyValues.map((v) => (v !== null && typeof v === 'object' ? v.date : String(v ?? '')));
  return [table, ...text, column].join('\u241f');
}

/** Empty cells do not override a builder's default. */
const isEmpty = (v: CellValue) => v === null || v === '';

/** Tables hold at most this many rows (Excel's limit is a million; our tables are far smaller). */
const MAX_SCAN_ROWS = 200_000;

/**
 * Reads the user-owned values of a workbook of the same kind as `plan`. `read(sheet, ref)` returns
 * a cell's value (dates as `{ date }`). Keyed cells are read at their address; a table is read from
 * its header row at the plan's anchor, finding columns by header name and reading rows until the
 * key cells are empty, so a workbook with more or fewer rows than `plan` (an older build) reads too.
 */
export function collectUserValues(plan: WorkbookPlan, read: (sheet: string, ref: string) => CellValue): UserValues {
  const cells = new Map<string, CellValue>();
  const rows = new Map<string, CellValue>();
  for (const sheet of plan.sheets) {
    for (const cell of sheet.cells) {
      if (cell.userKey === undefined) continue;
      const v = read(sheet.name, cell.at);
      if (!isEmpty(v)) cells.set(cell.userKey, v);
    }
    for (const { at, table } of sheet.tables) {
      const owned = table.columns.filter((c) => c.userOwned === true).map((c) => c.name);
      if (owned.length === 0 || table.rowKey === undefined) continue;
      const origin = parseCellRef(at);
      const columnOf = new Map<string, number>();
      // The header row runs until its first empty cell: another table may sit further right.
      for (let c = 0; c < table.columns.length + 50; c++) {
        const header = read(sheet.name, cellRef(origin.row, origin.column + c));
        if (typeof header !== 'string' || header === '') break;
        if (!columnOf.has(header)) columnOf.set(header, origin.column + c);
      }
      const keyCols = table.rowKey.map((k) => columnOf.get(k));
      if (keyCols.some((c) => c === undefined)) continue;
      for (let r = origin.row + 1; r <= origin.row + MAX_SCAN_ROWS; r++) {
        const keyValues = keyCols.map((c) => read(sheet.name, cellRef(r, c ?? 1)));
        if (keyValues.every(isEmpty)) break;
        for (const name of owned) {
          const c = columnOf.get(name);
          if (c === undefined) continue;
          const v = read(sheet.name, cellRef(r, c));
          if (!isEmpty(v)) rows.set(userRowKey(table.name, keyValues, name), v);
        }
      }
    }
  }
  return { cells, rows };
}
