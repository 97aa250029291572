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

/**
 * Reads the user-owned values of a workbook built from `plan`. `read(sheet, ref)` returns a cell's
 * value (dates as `{ date }`); row keys are read from the workbook too, so re-sorted rows keep their values.
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
      const owned = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.userOwned === true);
      if (owned.length === 0 || table.rowKey === undefined) continue;
      const keyIdx = table.rowKey.map((k) => table.columns.findIndex((c) => c.name === k));
      const origin = parseCellRef(at);
      for (let r = 0; r < table.rows.length; r++) {
        const row = origin.row + 1 + r;
        const keyValues = keyIdx.map((i) => read(sheet.name, cellRef(row, origin.column + i)));
        for (const { c, i } of owned) {
          const v = read(sheet.name, cellRef(row, origin.column + i));
          if (!isEmpty(v)) rows.set(userRowKey(table.name, keyValues, c.name), v);
        }
      }
    }
  }
  return { cells, rows };
}
