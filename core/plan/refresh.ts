/**
 * Refreshing a workbook keeps what the user owns. The values are collected with `collectUserValues`
 * (core/plan/user-values.ts: by the previous plan's geometry) or, when only the old file is at hand,
 * by render/xlsx `readUserValues` (by the names and tables in the file); then:
 *
 * - a builder whose numbers depend on a user value (a target drives a status, a driver drives a
 *   budget) takes the `UserValues` as input, so its `expected` values match what the user typed;
 * - `applyUserValues` puts every remaining user value back where its key lands in the new plan
 *   (keyed cells by `userKey`, user-owned table columns by the table's `rowKey`), and keeps the
 *   values whose key no longer exists (a comment on a row the new data no longer has) on an
 *   "Orphaned comments" sheet instead of dropping them. That sheet is user-owned itself: on the next
 *   refresh its values return to their rows if the rows are back, stay listed otherwise, and
 *   disappear once the user clears them.
 *
 * Note: `applyUserValues` only replaces values. It cannot fix the `expected` of formulas that read a
 * replaced value; that is why such builders take the values as input (then nothing changes here).
 */
import { cellRef, parseCellRef } from './address';
import { isFormulaCell, type CellValue, type Placed, type PlanSheet, type PlanTable, type WorkbookPlan } from './types';
import { userRowKey, type UserValues } from './user-values';

export const orphanSheetName = 'Orphaned comments';
export const orphanTableName = 'OrphanedComments';
const ROW_KEY_SEPARATOR = '\u241f';

const USER_NAME_PREFIX = '_pw.u.';

/**
 * The workbook-level defined name that marks a keyed user cell (`target:no_show_rate` →
 * `_pw.u.target.no_show_rate`). Renderers write it, so a later refresh finds the user's value even
 * without the previous plan, and Excel moves the name with the cell when rows are inserted.
 * Letters, digits and `_` stay, `:` becomes `.`, any other character is written `_xHHHH_` (the
 * escape OOXML itself uses).
 */
export function userCellName(userKey: string): string {
  return (
    USER_NAME_PREFIX +
    [...userKey].map((ch) => (/[A-Za-z0-9_]/.test(ch) ? ch : ch === ':' ? '.' : `_x${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}_`)).join('')
  );
}

/** The `userKey` a defined name marks, or undefined for any other name. */
export function userKeyOfName(name: string): string | undefined {
  if (!name.startsWith(USER_NAME_PREFIX)) return undefined;
  return name
    .slice(USER_NAME_PREFIX.length)
    .replace(/_x([0-9A-F]{4,6})_|\./g, (_all, hex: string | undefined) => (hex === undefined ? ':' : String.fromCodePoint(parseInt(hex, 16))));
}

/** A user value whose key the new plan no longer has. */
export interface OrphanedValue {
  /** The table the value belonged to, or `cell` for a keyed cell. */
  readonly where: string;
  /** The row's key values (table) or the `userKey` (cell). */
  readonly key: readonly string[];
  /** The user-owned column (table) or '' (cell). */
  readonly column: string;
  readonly value: CellValue;
}

export interface RefreshResult {
  readonly plan: WorkbookPlan;
  readonly orphans: readonly OrphanedValue[];
}

const isEmpty = (value: CellValue | undefined) => value === null || value === undefined || value === '';

/** A reader over the plan's own cell values (formula cells read as their expected value). */
export function planReader(plan: WorkbookPlan): (sheet: string, ref: string) => CellValue {
  const cells = new Map<string, CellValue>();
  for (const sheet of plan.sheets) {
    for (const cell of sheet.cells) {
      const { row, column } = parseCellRef(cell.at);
      cells.set(`${sheet.name}!${cellRef(row, column)}`, isFormulaCell(cell) ? (cell.expected as CellValue) : cell.value);
    }
    for (const { at, table } of sheet.tables) {
      const origin = parseCellRef(at);
      table.columns.forEach((column, c) => {
        cells.set(`${sheet.name}!${cellRef(origin.row, origin.column + c)}`, column.name);
        table.rows.forEach((values, r) => {
          const value = column.formula === undefined ? (values[c] ?? null) : ((column.expected?.[r] ?? null) as CellValue);
          cells.set(`${sheet.name}!${cellRef(origin.row + 1 + r, origin.column + c)}`, value);
        });
      });
    }
  }
  return (sheet, ref) => {
    const { row, column } = parseCellRef(ref);
    return cells.get(`${sheet}!${cellRef(row, column)}`) ?? null;
  };
}

/** The key of one row of a table, as `userRowKey` builds it. */
function rowKeyValues(table: PlanTable, row: readonly CellValue[]): CellValue[] {
  return (table.rowKey ?? []).map((name) => row[table.columns.findIndex((c) => c.name === name)] ?? null);
}

/** `Orphaned comments` rows carry the original key as JSON: ["cell", userKey] or [table, ...key, column]. */
function orphanKey(orphan: OrphanedValue): string {
  return JSON.stringify(orphan.where === 'cell' ? ['cell', ...orphan.key] : [orphan.where, ...orphan.key, orphan.column]);
}

/** Values on a previous "Orphaned comments" sheet go back to their original keys. */
function restoreOrphans(values: UserValues): { cells: Map<string, CellValue>; rows: Map<string, CellValue> } {
  const cells = new Map(values.cells);
  const rows = new Map<string, CellValue>();
  const prefix = `${orphanTableName}${ROW_KEY_SEPARATOR}`;
  const suffix = `${ROW_KEY_SEPARATOR}Value`;
  for (const [key, value] of values.rows) {
    if (!(key.startsWith(prefix) && key.endsWith(suffix))) {
      rows.set(key, value);
      continue;
    }
    let parts: unknown;
    try {
      parts = JSON.parse(key.slice(prefix.length, -suffix.length));
    } catch {
      continue; // a key the user edited by hand: nothing to restore it to
    }
    if (!Array.isArray(parts) || parts.length < 2 || !parts.every((p) => typeof p === 'string')) continue;
    const [where, ...rest] = parts as string[];
    if (where === 'cell') {
      if (!cells.has(rest.join(''))) cells.set(rest.join(''), value);
    } else {
      const column = rest.pop() ?? '';
      const original = userRowKey(where ?? '', rest, column);
      if (!rows.has(original)) rows.set(original, value);
    }
  }
  return { cells, rows };
}

function orphanFromRowKey(key: string, value: CellValue): OrphanedValue {
  const parts = key.split(ROW_KEY_SEPARATOR);
  const where = parts[0] ?? '';
  const column = parts.length > 1 ? (parts[parts.length - 1] ?? '') : '';
  return { where, key: parts.slice(1, -1), column, value };
}

function orphanSheet(orphans: readonly OrphanedValue[]): PlanSheet {
  const table: PlanTable = {
    name: orphanTableName,
    rowKey: ['Key'],
    theme: 'TableStyleLight9',
    columns: [
      { name: 'Where', type: 'text', width: 18 },
      { name: 'Row', type: 'text', width: 36 },
      { name: 'Column', type: 'text', width: 18 },
      { name: 'Value', type: 'text', format: 'General', width: 48, userOwned: true },
      { name: 'Key', type: 'text', width: 30, note: 'The original key, so the value returns to its row if the row comes back.' },
    ],
    rows: orphans.map((o) => [o.where, o.key.join(' · '), o.column, o.value, orphanKey(o)]),
  };
  const cells: Placed[] = [
    { at: 'A1', value: 'Orphaned comments and inputs', style: 'title' },
    {
      at: 'A2',
      value: 'Values you typed whose row or cell is not in the refreshed data. They come back to their row if it returns; clear a value to let it go.',
      style: 'subtitle',
    },
  ];
  return { name: orphanSheetName, cells, tables: [{ at: 'A4', table }], frozen: { rows: 4, columns: 0 }, tabColor: 'C00000' };
}

/**
 * Puts the user's values into a freshly built plan: keyed cells by `userKey`, user-owned table
 * columns by `rowKey`. Values whose key the plan no longer has are returned as `orphans` and listed
 * on an added "Orphaned comments" sheet (never silently dropped). Pure: returns a new plan.
 */
export function applyUserValues(plan: WorkbookPlan, values: UserValues): RefreshResult {
  const { cells: userCells, rows: userRows } = restoreOrphans(values);
  const usedCells = new Set<string>();
  const usedRows = new Set<string>();

  const sheets = plan.sheets
    .filter((sheet) => sheet.name !== orphanSheetName)
    .map((sheet): PlanSheet => {
      const cells = sheet.cells.map((cell): Placed => {
        if (cell.userKey === undefined || !userCells.has(cell.userKey)) return cell;
        usedCells.add(cell.userKey);
        const value = userCells.get(cell.userKey) ?? null;
        if (isFormulaCell(cell)) {
          const { formula: _formula, expected: _expected, ...rest } = cell;
          return { ...rest, value };
        }
        return { ...cell, value };
      });
      const tables = sheet.tables.map((placed) => {
        const { table } = placed;
        const owned = table.columns.map((column, index) => ({ column, index })).filter(({ column }) => column.userOwned === true && column.formula === undefined);
        if (owned.length === 0 || table.rowKey === undefined) return placed;
        const rows = table.rows.map((row) => {
          const keyValues = rowKeyValues(table, row);
          let next: CellValue[] | undefined;
          for (const { column, index } of owned) {
            const key = userRowKey(table.name, keyValues, column.name);
            if (!userRows.has(key)) continue;
            usedRows.add(key);
            next ??= [...row];
            next[index] = userRows.get(key) ?? null;
          }
          return next ?? row;
        });
        return { ...placed, table: { ...table, rows } };
      });
      return { ...sheet, cells, tables };
    });

  const orphans: OrphanedValue[] = [];
  for (const [key, value] of userCells) if (!usedCells.has(key) && !isEmpty(value)) orphans.push({ where: 'cell', key: [key], column: '', value });
  for (const [key, value] of userRows) if (!usedRows.has(key) && !isEmpty(value)) orphans.push(orphanFromRowKey(key, value));

  return { plan: { ...plan, sheets: orphans.length > 0 ? [...sheets, orphanSheet(orphans)] : sheets }, orphans };
}
