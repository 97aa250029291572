/**
 * What the user owns, read back from the open workbook before a rebuild (the add-in's Refresh):
 * keyed cells by the `_pw.u.*` names the renderer wrote (they follow a cell Excel moved), then the
 * user-owned table columns by the new plan's geometry and row keys (core/plan/user-values.ts).
 * The result feeds core/plan/refresh.ts `applyUserValues`, exactly as the CLI's refresh does.
 */
import { cellRef, parseCellRef } from '../../core/plan/address';
import { userKeyOfName } from '../../core/plan/refresh';
import { sanitizeText } from '../../core/plan/sanitize';
import type { CellValue, WorkbookPlan } from '../../core/plan/types';
import { collectUserValues, type UserValues } from '../../core/plan/user-values';
import type { SheetContents, WorkbookPort } from './port';

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A number format that shows a date (not a time of day, not elapsed time). */
const isDateFormat = (format: string) => /[dy]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]/g, '')) && !/^@$/.test(format);

function planValue(value: unknown, format: string): CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (isDateFormat(format) && Number.isInteger(value)) return { date: new Date(EXCEL_EPOCH_MS + value * DAY_MS).toISOString().slice(0, 10) };
    return value;
  }
  if (typeof value === 'boolean') return value;
  // Text the user typed re-enters a plan sanitised like any imported text, so it stays literal.
  return sanitizeText(String(value));
}

/** A synchronous cell reader over sheets read once through the port. */
function reader(contents: ReadonlyMap<string, SheetContents | undefined>): (sheet: string, ref: string) => CellValue {
  return (sheet, ref) => {
    const found = contents.get(sheet);
    if (found === undefined) return null;
    const origin = parseCellRef(found.topLeft);
    const { row, column } = parseCellRef(ref);
    const r = row - origin.row;
    const c = column - origin.column;
    if (r < 0 || c < 0) return null;
    return planValue(found.values[r]?.[c], found.numberFormats[r]?.[c] ?? 'General');
  };
}

/** The user's values in the open workbook, keyed for the new plan `plan`. */
export async function readUserValuesFromWorkbook(port: WorkbookPort, plan: WorkbookPlan): Promise<UserValues> {
  const existing = new Set(await port.sheetNames());
  const wanted = [...plan.sheets.map((s) => s.name), 'Orphaned comments'].filter((name) => existing.has(name));
  const contents = new Map<string, SheetContents | undefined>();
  for (const name of wanted) contents.set(name, await port.readSheet(name));
  const read = reader(contents);

  const fromGeometry = collectUserValues(plan, read);
  const cells = new Map(fromGeometry.cells);
  for (const { name, reference } of await port.names()) {
    const key = userKeyOfName(name);
    const m = /^=?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(reference);
    if (key === undefined || m === null) continue;
    const sheet = (m[1] ?? m[2] ?? '').replace(/''/g, "'");
    // Only the sheets of the workbook being built: a KPI target is not an orphan of a Contracts build.
    if (!contents.has(sheet)) continue;
    const value = read(sheet, cellRef(Number(m[4]), parseCellRef(`${m[3]}1`).column));
    if (value !== null && value !== '') cells.set(key, value);
  }
  return { cells, rows: fromGeometry.rows };
}
