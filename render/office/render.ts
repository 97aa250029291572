/**
 * WorkbookPlan → the open workbook through a `WorkbookPort`. The same plan render/xlsx writes to a
 * file lands in Excel: sheets, values, formulas, number formats, tables, conditional formats,
 * frozen panes, named ranges and native charts. Nothing here decides a number.
 *
 * Excel on the web refuses requests over 5 MB, and Office restarts an add-in that blocks for about
 * 5 s, so the plan becomes a list of small operations, grouped into requests of at most
 * `MAX_SYNC_BYTES` of serialized payload (one `context.sync()` each). Order (DESIGN.md section 6):
 * sheets → text formats (`@` before any value, so no imported text is parsed) → values → tables
 * (with calculated columns and totals) → names → formulas → formats → conditional formats →
 * charts. Calculation is suspended for the requests that write values and formulas.
 */
import { absoluteRef, cellRef, columnLetter, parseCellRef } from '../../core/plan/address';
import { userCellName, orphanSheetName } from '../../core/plan/refresh';
import { assertValidPlan } from '../../core/plan/validate';
import {
  isFormulaCell,
  numberFormats,
  type CellValue,
  type ColumnType,
  type PlanSheet,
  type PlanTable,
  type PlacedTable,
  type TableColumn,
  type WorkbookPlan,
} from '../../core/plan/types';
import type { Operation, WorkbookPort, WrittenCell } from './port';

/** The most serialized payload one request may carry (Excel on the web refuses more than 5 MB). */
export const MAX_SYNC_BYTES = 4 * 1024 * 1024;
/**
 * Requests are filled to this estimate: the estimate counts the operations' data, and Office.js
 * adds a little per call (object paths, ids), so 1/8 is kept in reserve below MAX_SYNC_BYTES.
 */
export const BATCH_BYTES = MAX_SYNC_BYTES - MAX_SYNC_BYTES / 8;
/** Rows of a big table are written in slices of about this size, so requests fill evenly. */
const SLICE_BYTES = 512 * 1024;
/** A sheet added while the old ones are replaced, when every sheet of the workbook is being replaced. */
const PLACEHOLDER_SHEET = 'Practice Workbench (building)';

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function dateSerial(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - EXCEL_EPOCH_MS) / DAY_MS;
}

/** A plan value as Office.js takes it. Quote-prefixed text keeps its `'`: Excel's own text marker. */
function written(value: CellValue): WrittenCell {
  if (value === null) return '';
  if (typeof value === 'object') return dateSerial(value.date);
  return value;
}

/** A plan format name or raw code as an Excel format code. */
function formatCode(format: string | undefined): string | undefined {
  if (format === undefined) return undefined;
  return format in numberFormats ? numberFormats[format as keyof typeof numberFormats] : format;
}

const columnTypeFormat: Record<ColumnType, string | undefined> = {
  text: 'text',
  number: undefined,
  integer: 'integer',
  money: 'money',
  percent: 'percent',
  date: 'date',
  days: 'days',
  minutes: 'minutes',
  boolean: undefined,
};

function columnFormat(column: TableColumn): string | undefined {
  return formatCode(column.format ?? columnTypeFormat[column.type]);
}

const TEXT = numberFormats.text;

function range(row: number, column: number, rows: number, columns: number): string {
  return rows === 1 && columns === 1 ? cellRef(row, column) : `${cellRef(row, column)}:${cellRef(row + rows - 1, column + columns - 1)}`;
}

/** Rows and columns of an A1 range (`B3`, `A1:C9`). */
export function rangeSize(address: string): { rows: number; columns: number } {
  const [from = '', to = from] = address.split(':');
  const a = parseCellRef(from);
  const b = parseCellRef(to);
  return { rows: b.row - a.row + 1, columns: b.column - a.column + 1 };
}

/**
 * Serialized size of an operation: what the request carries for it. A number format is sent as
 * one code per cell (the documented 2-D form), so it counts as such.
 */
export function operationBytes(operation: Operation): number {
  if (operation.kind === 'numberFormat') {
    const { rows, columns } = rangeSize(operation.range);
    return JSON.stringify({ ...operation, format: '' }).length + rows * (columns * (JSON.stringify(operation.format).length + 1) + 2);
  }
  return JSON.stringify(operation).length;
}

/** A number format over a block, in row slices small enough to share requests. */
function numberFormatOps(sheet: string, row: number, column: number, rows: number, columns: number, format: string): Operation[] {
  const perRow = columns * (JSON.stringify(format).length + 1) + 2;
  const step = Math.max(1, Math.floor(SLICE_BYTES / perRow));
  const ops: Operation[] = [];
  for (let r = 0; r < rows; r += step) ops.push({ kind: 'numberFormat', sheet, range: range(row + r, column, Math.min(step, rows - r), columns), format });
  return ops;
}

/** Slices rows so each slice serializes to about `SLICE_BYTES`. */
function sliceRows<T>(rows: readonly T[], bytesOf: (row: T) => number): { start: number; rows: T[] }[] {
  const slices: { start: number; rows: T[] }[] = [];
  let current: T[] = [];
  let start = 0;
  let size = 0;
  rows.forEach((row, i) => {
    const bytes = bytesOf(row);
    if (current.length > 0 && size + bytes > SLICE_BYTES) {
      slices.push({ start, rows: current });
      current = [];
      start = i;
      size = 0;
    }
    current.push(row);
    size += bytes;
  });
  if (current.length > 0) slices.push({ start, rows: current });
  return slices;
}

const rowBytes = (row: readonly WrittenCell[]) => JSON.stringify(row).length + 1;

const totalsCode = { sum: 109, average: 101, count: 103, countNums: 102, min: 105, max: 104 } as const;

/** Width in characters of a table column: as planned, else fitted to the header and the first rows (as render/xlsx). */
function tableColumnWidth(table: PlanTable, index: number): number {
  const column = table.columns[index];
  if (column?.width !== undefined) return column.width;
  let widest = (column?.name.length ?? 8) + 3;
  for (const row of table.rows.slice(0, 200)) {
    const value = row[index];
    const shown = value === null || value === undefined ? '' : typeof value === 'object' ? '2024-01-01' : typeof value === 'number' ? value.toFixed(2) : String(value);
    widest = Math.max(widest, shown.length + 2);
  }
  return Math.min(Math.max(widest, 8), 50);
}

export interface PlanPhases {
  readonly sheets: Operation[];
  readonly textFormats: Operation[];
  readonly values: Operation[];
  readonly tables: Operation[];
  readonly names: Operation[];
  readonly formulas: Operation[];
  readonly formats: Operation[];
  readonly charts: Operation[];
}

function tableOperations(sheet: PlanSheet, placed: PlacedTable, phases: PlanPhases): void {
  const { table } = placed;
  const origin = parseCellRef(placed.at);
  const width = table.columns.length;
  // Excel refuses a table without a data row: an empty table gets one blank row.
  const dataRows = Math.max(table.rows.length, 1);
  const firstData = origin.row + 1;
  const lastData = origin.row + dataRows;
  const columnRange = (c: number) => range(firstData, origin.column + c, dataRows, 1);

  phases.textFormats.push({ kind: 'numberFormat', sheet: sheet.name, range: range(origin.row, origin.column, 1, width), format: TEXT });
  table.columns.forEach((column, c) => {
    if (column.formula === undefined && column.type === 'text' && (column.format === undefined || formatCode(column.format) === TEXT)) {
      phases.textFormats.push(...numberFormatOps(sheet.name, firstData, origin.column + c, dataRows, 1, TEXT));
    }
  });

  const header = table.columns.map((column) => column.name);
  const body: WrittenCell[][] = table.rows.length === 0 ? [table.columns.map(() => '')] : table.rows.map((row) => table.columns.map((column, c) => (column.formula === undefined ? written(row[c] ?? null) : '')));
  phases.values.push({ kind: 'values', sheet: sheet.name, range: range(origin.row, origin.column, 1, width), values: [header] });
  for (const slice of sliceRows(body, rowBytes)) {
    phases.values.push({ kind: 'values', sheet: sheet.name, range: range(firstData + slice.start, origin.column, slice.rows.length, width), values: slice.rows });
  }

  phases.tables.push({
    kind: 'table',
    sheet: sheet.name,
    range: range(origin.row, origin.column, dataRows + 1, width),
    name: table.name,
    style: table.theme ?? 'TableStyleMedium2',
    showTotals: table.showTotals === true,
  });
  table.columns.forEach((column, c) => {
    if (column.formula === undefined || table.rows.length === 0) return;
    const formulaRows = table.rows.map((): WrittenCell[] => [`=${column.formula}`]);
    for (const slice of sliceRows(formulaRows, rowBytes)) {
      phases.tables.push({ kind: 'formulas', sheet: sheet.name, range: range(firstData + slice.start, origin.column + c, slice.rows.length, 1), formulas: slice.rows });
    }
  });
  if (table.showTotals === true) {
    const totals = table.columns.map((column, c): WrittenCell => {
      if (column.total !== undefined) return `=SUBTOTAL(${totalsCode[column.total.function]},${table.name}[${column.name.replace(/([[\]#'])/g, "'$1")}])`;
      return c === 0 ? 'Total' : '';
    });
    phases.tables.push({ kind: 'formulas', sheet: sheet.name, range: range(lastData + 1, origin.column, 1, width), formulas: [totals] });
    phases.formats.push({ kind: 'style', sheet: sheet.name, range: range(lastData + 1, origin.column, 1, width), style: 'total' });
  }

  phases.formats.push({ kind: 'style', sheet: sheet.name, range: range(origin.row, origin.column, 1, width), style: 'header' });
  table.columns.forEach((column, c) => {
    const format = columnFormat(column);
    if (format !== undefined && format !== TEXT) {
      phases.formats.push(...numberFormatOps(sheet.name, firstData, origin.column + c, dataRows + (table.showTotals === true ? 1 : 0), 1, format));
    }
    if (column.userOwned === true) phases.formats.push({ kind: 'style', sheet: sheet.name, range: columnRange(c), style: 'input' });
    if (column.note !== undefined) phases.formats.push({ kind: 'note', sheet: sheet.name, cell: cellRef(origin.row, origin.column + c), text: column.note });
    phases.formats.push({ kind: 'columnWidth', sheet: sheet.name, column: columnLetter(origin.column + c), characters: tableColumnWidth(table, c) });
  });
}

/**
 * The operations that render `plan` into a workbook whose sheets are `existingSheets`, by phase.
 * Sheets of the plan that already exist are replaced (their user-owned values were read first, see
 * user-values.ts); other sheets of the workbook are left alone.
 */
export function planOperations(plan: WorkbookPlan, existingSheets: readonly string[], existingNames: readonly string[] = []): PlanPhases {
  assertValidPlan(plan);
  const phases: PlanPhases = { sheets: [], textFormats: [], values: [], tables: [], names: [], formulas: [], formats: [], charts: [] };
  const planNames = new Set(plan.sheets.map((s) => s.name.toLowerCase()));
  const replaced = existingSheets.filter((name) => planNames.has(name.toLowerCase()) || name === orphanSheetName);
  const keepsOne = existingSheets.length > replaced.length;
  if (!keepsOne && replaced.length > 0) phases.sheets.push({ kind: 'addSheet', sheet: PLACEHOLDER_SHEET });
  for (const name of replaced) phases.sheets.push({ kind: 'deleteSheet', sheet: name });
  for (const sheet of plan.sheets) phases.sheets.push({ kind: 'addSheet', sheet: sheet.name, tabColor: sheet.tabColor, hidden: sheet.hidden });
  if (!keepsOne && replaced.length > 0) phases.sheets.push({ kind: 'deleteSheet', sheet: PLACEHOLDER_SHEET });

  for (const sheet of plan.sheets) {
    for (const placed of sheet.tables) tableOperations(sheet, placed, phases);
    for (const cell of sheet.cells) {
      const format = formatCode(cell.format ?? (!isFormulaCell(cell) && cell.value !== null && typeof cell.value === 'object' ? 'date' : undefined));
      if (isFormulaCell(cell)) {
        phases.formulas.push({ kind: 'formulas', sheet: sheet.name, range: cell.at, formulas: [[`=${cell.formula}`]] });
      } else {
        if (typeof cell.value === 'string' && format === undefined) phases.textFormats.push({ kind: 'numberFormat', sheet: sheet.name, range: cell.at, format: TEXT });
        phases.values.push({ kind: 'values', sheet: sheet.name, range: cell.at, values: [[written(cell.value)]] });
      }
      if (format !== undefined) phases.formats.push({ kind: 'numberFormat', sheet: sheet.name, range: cell.at, format });
      if (cell.style !== undefined) phases.formats.push({ kind: 'style', sheet: sheet.name, range: cell.at, style: cell.style });
      if (cell.note !== undefined) phases.formats.push({ kind: 'note', sheet: sheet.name, cell: cell.at, text: cell.note });
      if (cell.userKey !== undefined) phases.names.push({ kind: 'name', name: userCellName(cell.userKey), reference: `=${absoluteRef(sheet.name, cell.at)}` });
    }
    if (sheet.landscape === true || sheet.printTitleRows !== undefined) {
      phases.formats.push({ kind: 'pageLayout', sheet: sheet.name, landscape: sheet.landscape === true, printTitleRows: sheet.printTitleRows });
    }
    for (const [letter, characters] of Object.entries(sheet.columnWidths ?? {})) phases.formats.push({ kind: 'columnWidth', sheet: sheet.name, column: letter, characters });
    for (const merged of sheet.merges ?? []) phases.formats.push({ kind: 'merge', sheet: sheet.name, range: merged });
    if (sheet.frozen !== undefined && (sheet.frozen.rows > 0 || sheet.frozen.columns > 0)) {
      phases.formats.push({ kind: 'freeze', sheet: sheet.name, rows: sheet.frozen.rows, columns: sheet.frozen.columns });
    }
    for (const format of sheet.conditionalFormats ?? []) {
      // Excel evaluates the rules added first with the highest priority: the plan's order.
      for (const rule of format.rules) phases.formats.push({ kind: 'conditionalFormat', sheet: sheet.name, range: format.range, rule });
    }
    for (const chart of sheet.charts ?? []) phases.charts.push({ kind: 'chart', sheet: sheet.name, chart });
  }
  for (const named of plan.namedRanges) phases.names.push({ kind: 'name', name: named.name, reference: `=${named.ref}`, comment: named.comment });
  // Names the workbook already has (an earlier build) are removed first: Excel refuses duplicates.
  const existing = new Set(existingNames.map((n) => n.toLowerCase()));
  const again = phases.names.flatMap((op): Operation[] => (op.kind === 'name' && existing.has(op.name.toLowerCase()) ? [{ kind: 'deleteName', name: op.name }] : []));
  phases.names.unshift(...again);
  return phases;
}

/** Groups operations, in order, into requests of at most `maxBytes` serialized payload. */
export function batchOperations(operations: readonly Operation[], maxBytes: number = BATCH_BYTES): Operation[][] {
  const batches: Operation[][] = [];
  let current: Operation[] = [];
  let size = 0;
  for (const operation of operations) {
    const bytes = operationBytes(operation) + 1;
    if (bytes > maxBytes) throw new Error(`one operation is ${bytes} bytes, more than a request may carry (${maxBytes})`);
    if (current.length > 0 && size + bytes > maxBytes) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(operation);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export interface RenderStats {
  /** Requests sent (one `context.sync()` each). */
  readonly syncs: number;
  /** Serialized payload of each request, in order. */
  readonly bytesPerSync: readonly number[];
  readonly totalBytes: number;
  readonly operations: number;
}

export interface RenderOfficeOptions {
  /** The estimate each request is filled to (default BATCH_BYTES). */
  readonly maxSyncBytes?: number | undefined;
  /** Called after each request with how many of the requests are done (the task pane's progress bar). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Renders `plan` into the workbook behind `port`. Throws when the plan is not valid (a builder's
 * mistake) or when Excel refuses a request (the caller shows the message).
 */
export async function renderToWorkbook(plan: WorkbookPlan, port: WorkbookPort, options: RenderOfficeOptions = {}): Promise<RenderStats> {
  const maxBytes = options.maxSyncBytes ?? BATCH_BYTES;
  const phases = planOperations(plan, await port.sheetNames(), (await port.names()).map((n) => n.name));
  const requests: { operations: Operation[]; suspendCalculation: boolean }[] = [];
  const add = (operations: readonly Operation[], suspendCalculation: boolean) => {
    for (const batch of batchOperations(operations, maxBytes)) requests.push({ operations: batch, suspendCalculation });
  };
  add([...phases.sheets, ...phases.textFormats], false);
  add(phases.values, true);
  add(phases.tables, true);
  add([...phases.names, ...phases.formulas], true);
  add(phases.formats, false);
  add(phases.charts, false);

  const bytesPerSync: number[] = [];
  let done = 0;
  for (const request of requests) {
    await port.apply(request.operations, { suspendCalculation: request.suspendCalculation });
    bytesPerSync.push(request.operations.reduce((sum, op) => sum + operationBytes(op) + 1, 0));
    done += 1;
    options.onProgress?.(done, requests.length);
  }
  return {
    syncs: requests.length,
    bytesPerSync,
    totalBytes: bytesPerSync.reduce((a, b) => a + b, 0),
    operations: requests.reduce((n, r) => n + r.operations.length, 0),
  };
}
