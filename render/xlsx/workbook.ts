/**
 * WorkbookPlan → .xlsx bytes through exceljs. Runs in Node and in the browser (no node: imports).
 * Nothing here decides a number: values and cached formula results come from the plan.
 */
import ExcelJS from 'exceljs';
import type { CellValue as ExcelCellValue, ConditionalFormattingRule, Worksheet } from 'exceljs';
import { absoluteRef, cellRef, columnIndex, parseCellRef } from '../../core/plan/address';
import { fileFormula } from '../../core/plan/formula';
import { assertValidPlan } from '../../core/plan/validate';
import { userCellName } from '../../core/plan/refresh';
import { literalText } from '../../core/plan/sanitize';
import {
  isFormulaCell,
  type CellValue,
  type ColumnType,
  type ConditionalFormat,
  type DateValue,
  type FormulaCell,
  type PlanChart,
  type PlanSheet,
  type PlanTable,
  type PlacedTable,
  type TableColumn,
  type WorkbookPlan,
} from '../../core/plan/types';
import { excelDateSerial } from './dates';
import { conditionalStyle, StyleBook } from './styles';
import { withDeferredRows, type DeferredRows } from './table-rows';

export { excelDateSerial } from './dates';

export interface RenderXlsxOptions {
  /** Stamped as the workbook's created/modified time; defaults to now. Fixed in tests for stable bytes. */
  readonly created?: Date | undefined;
  /**
   * Who writes a table's data rows after the first: `direct` (default) writes them as sheet XML
   * (table-rows.ts), `exceljs` through exceljs's cell model, about 5× slower and many times the
   * memory on large tables. `exceljs` is the reference the tests hold the direct rows to.
   */
  readonly tableRows?: 'direct' | 'exceljs' | undefined;
}

/**
 * Deflate level of the package: jszip's default, as exceljs wrote it. Measured on the KPI workbook
 * of a 1M-charge-line practice: level 6 gives 23.1 MB in 16.7 s of rendering, level 1 30.4 MB in
 * 11.8 s; the smaller file is worth the seconds for a workbook that gets mailed around.
 */
const DEFLATE_LEVEL = 6;

/** Who the workbook properties name as author. */
export const workbookCreator = 'Practice Workbench';

/** The default number format of a table column type. */
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

function isDateValue(value: CellValue): value is DateValue {
  return typeof value === 'object' && value !== null;
}

/** A plan value as exceljs stores it: text stays text (quote prefix removed), dates become serials. */
function excelValue(value: CellValue): ExcelCellValue {
  if (value === null) return null;
  if (typeof value === 'string') return literalText(value).text;
  if (isDateValue(value)) return excelDateSerial(value.date);
  return value;
}

/** A formula in file form with the plan's expected value cached as its result (none for a blank result). */
function cachedFormula(formula: string, expected: FormulaCell['expected']): ExcelCellValue {
  return expected === null ? ({ formula } as ExcelCellValue) : { formula, result: expected };
}

function argb(color: string): string {
  const hex = color.replace(/^#/, '').toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

/** Width (characters) of a table column: as planned, else fitted to the header and the first rows. */
function tableColumnWidth(table: PlanTable, index: number): number {
  const column = table.columns[index];
  if (column?.width !== undefined) return column.width;
  let widest = (column?.name.length ?? 8) + 3; // room for the filter button
  for (const row of table.rows.slice(0, 200)) {
    const value = row[index];
    const shown = value === null || value === undefined ? '' : typeof value === 'object' ? '2024-01-01' : typeof value === 'number' ? value.toFixed(2) : String(value);
    widest = Math.max(widest, shown.length + 2);
  }
  return Math.min(Math.max(widest, 8), 50);
}

function columnFormat(column: TableColumn): string | undefined {
  return column.format ?? columnTypeFormat[column.type];
}

/** Row ranges [first, last] a sheet's cells, merges, chart notes and other tables occupy. */
function occupiedRows(sheet: PlanSheet, except: PlacedTable): [number, number][] {
  const rowOf = (ref: string) => parseCellRef(ref).row;
  const ranges: [number, number][] = [];
  for (const cell of sheet.cells) ranges.push([rowOf(cell.at), rowOf(cell.at)]);
  for (const chart of sheet.charts ?? []) ranges.push([rowOf(chart.anchor), rowOf(chart.anchor)]);
  for (const merge of sheet.merges ?? []) {
    const [from = '', to = from] = merge.split(':');
    ranges.push([rowOf(from), rowOf(to)]);
  }
  for (const other of sheet.tables) {
    if (other === except) continue;
    const header = rowOf(other.at);
    ranges.push([header, header + Math.max(other.table.rows.length, 1) + (other.table.showTotals === true ? 1 : 0)]);
  }
  return ranges;
}

/**
 * Whether a table's rows after the first can be written directly (table-rows.ts): they are spliced
 * in after the first data row, so nothing else on the sheet may share their rows, and a totals row
 * (which exceljs places right after the rows it wrote) keeps the table on exceljs.
 */
function canDeferRows(sheet: PlanSheet, placed: PlacedTable): boolean {
  const { table } = placed;
  if (table.rows.length < 2 || table.showTotals === true) return false;
  const header = parseCellRef(placed.at).row;
  const [first, last] = [header + 2, header + table.rows.length];
  return occupiedRows(sheet, placed).every(([from, to]) => to < first || from > last);
}

function renderTable(ws: Worksheet, placed: PlacedTable, styles: StyleBook, defer: boolean): DeferredRows | undefined {
  const { table } = placed;
  const origin = parseCellRef(placed.at);
  const calculated = table.columns.map((column) => (column.formula === undefined ? undefined : fileFormula(column.formula, table.name)));
  // Excel refuses a table without a data row: an empty table gets one blank row.
  const planRows: readonly (readonly CellValue[])[] = table.rows.length > 0 ? table.rows : [table.columns.map(() => null)];
  const toExcel = (row: readonly CellValue[], r: number) =>
    table.columns.map((column, c): ExcelCellValue => {
      const formula = calculated[c];
      if (formula !== undefined && table.rows.length > 0) return cachedFormula(formula, column.expected?.[r] ?? null);
      return excelValue(row[c] ?? null);
    });
  // Deferred: exceljs gets the first row and holes for the rest, so the table's range still spans
  // every row while exceljs builds cells for one (its forEach skips holes).
  const rows: ExcelCellValue[][] = defer ? new Array<ExcelCellValue[]>(planRows.length) : planRows.map(toExcel);
  if (defer) rows[0] = toExcel(planRows[0] ?? [], 0);
  const written = defer ? 1 : rows.length;
  const hasTotals = table.showTotals === true;
  ws.addTable({
    name: table.name,
    displayName: table.name,
    ref: placed.at,
    headerRow: true,
    totalsRow: hasTotals,
    style: { theme: table.theme ?? 'TableStyleMedium2', showRowStripes: true },
    columns: table.columns.map((column, c) => {
      if (!hasTotals) return { name: column.name, filterButton: true };
      if (column.total === undefined) return c === 0 ? { name: column.name, filterButton: true, totalsRowLabel: 'Total' } : { name: column.name, filterButton: true };
      // A built-in totals function: exceljs writes SUBTOTAL(…, Table[Column]) and Excel keeps it a totals row.
      return {
        name: column.name,
        filterButton: true,
        totalsRowFunction: column.total.function,
        ...(column.total.expected === null ? {} : { totalsRowResult: column.total.expected }),
      };
    }) as ExcelJS.TableColumnProperties[],
    rows: rows as unknown[][],
  });
  // Styles after the values: one shared style object per column keeps large tables fast. Header and
  // totals rows also get explicit cell styles, so readers without table styles (LibreOffice) show them.
  const headerStyle = styles.get('header', undefined) ?? {};
  table.columns.forEach((column, c) => {
    const col = origin.column + c;
    ws.getCell(origin.row, col).style = headerStyle;
    if (hasTotals) ws.getCell(origin.row + 1 + rows.length, col).style = styles.get('total', column.total === undefined ? undefined : columnFormat(column)) ?? {};
    // A user-owned column looks like any input: the user may type there.
    const style = styles.get(column.userOwned === true ? 'input' : undefined, columnFormat(column));
    if (style !== undefined) {
      for (let r = 0; r < written; r += 1) ws.getCell(origin.row + 1 + r, col).style = style;
    }
    if (column.note !== undefined) ws.getCell(origin.row, col).note = column.note;
    ws.getColumn(col).width = Math.max(ws.getColumn(col).width ?? 0, tableColumnWidth(table, c));
  });
  return defer ? { worksheetId: ws.id, firstRow: origin.row + 1, firstColumn: origin.column, table, formulas: calculated } : undefined;
}

function conditionalRule(rule: ConditionalFormat['rules'][number], priority: number): ConditionalFormattingRule {
  if (rule.kind === 'expression') {
    return { type: 'expression', priority, formulae: [fileFormula(rule.formula)], style: conditionalStyle(rule.style) };
  }
  return {
    type: 'cellIs',
    priority,
    operator: rule.operator as 'equal',
    formulae: rule.formulae.map((f) => fileFormula(f)),
    style: conditionalStyle(rule.style),
  };
}

/** exceljs cannot write charts: a note at the anchor says where the chart comes from. */
function chartNote(chart: PlanChart): string {
  return `Chart "${chart.title}" (${chart.kind}) is drawn when this workbook is built in Excel by the Practice Workbench add-in.`;
}

function renderSheet(wb: ExcelJS.Workbook, sheet: PlanSheet, styles: StyleBook, tableRows: 'direct' | 'exceljs'): DeferredRows[] {
  const ws = wb.addWorksheet(sheet.name, {
    ...(sheet.tabColor === undefined ? {} : { properties: { tabColor: { argb: argb(sheet.tabColor) } } }),
    state: sheet.hidden === true ? 'hidden' : 'visible',
    views: sheet.frozen
      ? [
          {
            state: 'frozen',
            xSplit: sheet.frozen.columns,
            ySplit: sheet.frozen.rows,
            topLeftCell: cellRef(sheet.frozen.rows + 1, sheet.frozen.columns + 1),
          },
        ]
      : [{ state: 'normal' }],
    pageSetup: {
      orientation: sheet.landscape === true ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(sheet.printTitleRows === undefined ? {} : { printTitlesRow: sheet.printTitleRows }),
    },
  });

  const deferred: DeferredRows[] = [];
  for (const placed of sheet.tables) {
    const rows = renderTable(ws, placed, styles, tableRows === 'direct' && canDeferRows(sheet, placed));
    if (rows !== undefined) deferred.push(rows);
  }

  for (const cell of sheet.cells) {
    const target = ws.getCell(cell.at);
    if (isFormulaCell(cell)) {
      target.value = cachedFormula(fileFormula(cell.formula), cell.expected);
    } else {
      target.value = excelValue(cell.value);
    }
    const defaultFormat = !isFormulaCell(cell) && isDateValue(cell.value) ? 'date' : undefined;
    const style = styles.get(cell.style, cell.format ?? defaultFormat);
    if (style !== undefined) target.style = style;
    if (cell.note !== undefined) target.note = cell.note;
  }

  for (const chart of sheet.charts ?? []) {
    const anchor = ws.getCell(chart.anchor);
    if (anchor.value === null || anchor.value === undefined) {
      anchor.value = chartNote(chart);
      anchor.style = styles.get('subtitle', undefined) ?? {};
    }
  }

  for (const [letter, width] of Object.entries(sheet.columnWidths ?? {})) ws.getColumn(columnIndex(letter)).width = width;
  for (const range of sheet.merges ?? []) ws.mergeCells(range);

  let priority = 1;
  for (const format of sheet.conditionalFormats ?? []) {
    ws.addConditionalFormatting({ ref: format.range, rules: format.rules.map((rule) => conditionalRule(rule, priority++)) });
  }
  return deferred;
}

/**
 * Renders a plan to .xlsx bytes. Formulas carry the plan's `expected` as their cached result, so
 * Excel (and any reader that does not recalculate) shows the core's numbers before recalculation.
 * Charts are not written (exceljs cannot): a note cell at each chart's anchor says so.
 * Throws when the plan is not valid (core/plan/validate.ts): that is a builder's mistake.
 */
export async function renderXlsx(plan: WorkbookPlan, options: RenderXlsxOptions = {}): Promise<Uint8Array> {
  assertValidPlan(plan);
  const wb = new ExcelJS.Workbook();
  const created = options.created ?? new Date();
  wb.creator = workbookCreator;
  wb.lastModifiedBy = workbookCreator;
  wb.title = plan.title;
  wb.created = created;
  wb.modified = created;
  // Excel recomputes every formula when the file opens, so a cached value can never linger (the price:
  // Excel asks to save on close).
  wb.calcProperties = { fullCalcOnLoad: true };

  const styles = new StyleBook();
  const deferred = plan.sheets.flatMap((sheet) => renderSheet(wb, sheet, styles, options.tableRows ?? 'direct'));
  // Excel opens on the first visible sheet (an active hidden sheet makes it repair the file).
  const firstVisible = Math.max(0, plan.sheets.findIndex((sheet) => sheet.hidden !== true));
  wb.views = [{ x: 0, y: 0, width: 28000, height: 16000, firstSheet: firstVisible, activeTab: firstVisible, visibility: 'visible' }];
  for (const named of plan.namedRanges) wb.definedNames.add(named.ref, named.name);
  // Keyed user cells carry a name, so a refresh finds the user's value wherever Excel moved it.
  for (const sheet of plan.sheets) {
    for (const cell of sheet.cells) if (cell.userKey !== undefined) wb.definedNames.add(absoluteRef(sheet.name, cell.at), userCellName(cell.userKey));
  }

  // With deferred rows exceljs writes its package uncompressed and it is deflated once, rows included.
  const zip = { compression: deferred.length > 0 ? 'STORE' : 'DEFLATE', compressionOptions: { level: DEFLATE_LEVEL } };
  const buffer = await wb.xlsx.writeBuffer({ zip } as ExcelJS.XlsxWriteOptions);
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  return deferred.length > 0 ? withDeferredRows(bytes, deferred, DEFLATE_LEVEL) : bytes;
}
