/**
 * The WorkbookPort over Office.js: each `apply` is one `Excel.run` with one `context.sync()`.
 * Typed with the Excel.* types of @types/office-js, so every call used here exists in the API.
 * Needs ExcelApi 1.9 (suspendApiCalculationUntilNextSync, freezeAt, chart series setValues).
 */
import { parseCellRef, cellRef } from '../../core/plan/address';
import type { ConditionalRule, PlanChart } from '../../core/plan/types';
import type { Operation, SheetContents, WorkbookPort } from './port';
import { rangeSize } from './render';
import { columnWidthPoints, conditionalLooks, officeStyles } from './styles';

// Built on first use: the Excel enums exist only once Office.js (or the test host) is loaded.
const chartTypes = (): Record<PlanChart['kind'], Excel.ChartType> => ({
  line: Excel.ChartType.line,
  column: Excel.ChartType.columnClustered,
  bar: Excel.ChartType.barClustered,
  pie: Excel.ChartType.pie,
});

const cellValueOperators = (): Record<Extract<ConditionalRule, { kind: 'cellIs' }>['operator'], Excel.ConditionalCellValueOperator> => ({
  greaterThan: Excel.ConditionalCellValueOperator.greaterThan,
  lessThan: Excel.ConditionalCellValueOperator.lessThan,
  between: Excel.ConditionalCellValueOperator.between,
  equal: Excel.ConditionalCellValueOperator.equalTo,
  greaterThanOrEqual: Excel.ConditionalCellValueOperator.greaterThanOrEqual,
  lessThanOrEqual: Excel.ConditionalCellValueOperator.lessThanOrEqual,
});

/** `'Data'!A2:A25` or `A2:A25` (on `sheet`) as a Range. */
function rangeOf(context: Excel.RequestContext, sheet: string, reference: string): Excel.Range {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(reference);
  if (m === null) return context.workbook.worksheets.getItem(sheet).getRange(reference);
  return context.workbook.worksheets.getItem((m[1] ?? m[2] ?? '').replace(/''/g, "'")).getRange(m[3] ?? '');
}

function applyOperation(context: Excel.RequestContext, op: Operation, notes: boolean): void {
  const sheets = context.workbook.worksheets;
  switch (op.kind) {
    case 'addSheet': {
      const ws = sheets.add(op.sheet);
      if (op.tabColor !== undefined) ws.tabColor = `#${op.tabColor.replace(/^#/, '')}`;
      if (op.hidden === true) ws.visibility = Excel.SheetVisibility.hidden;
      return;
    }
    case 'deleteSheet':
      sheets.getItem(op.sheet).delete();
      return;
    case 'numberFormat': {
      // One code per cell, the documented form (render.ts slices big ranges and counts them so).
      const { rows, columns } = rangeSize(op.range);
      sheets.getItem(op.sheet).getRange(op.range).numberFormat = Array.from({ length: rows }, () => Array.from({ length: columns }, () => op.format));
      return;
    }
    case 'values':
      sheets.getItem(op.sheet).getRange(op.range).values = op.values as (string | number | boolean)[][];
      return;
    case 'formulas':
      sheets.getItem(op.sheet).getRange(op.range).formulas = op.formulas as (string | number | boolean)[][];
      return;
    case 'table': {
      const ws = sheets.getItem(op.sheet);
      const table = ws.tables.add(ws.getRange(op.range), true);
      table.name = op.name;
      table.style = op.style;
      table.showTotals = op.showTotals;
      return;
    }
    case 'style': {
      const look = officeStyles[op.style];
      const format = sheets.getItem(op.sheet).getRange(op.range).format;
      if (look.bold !== undefined) format.font.bold = look.bold;
      if (look.italic !== undefined) format.font.italic = look.italic;
      if (look.size !== undefined) format.font.size = look.size;
      if (look.fontColor !== undefined) format.font.color = look.fontColor;
      if (look.fill !== undefined) format.fill.color = look.fill;
      if (look.wrap !== undefined) format.wrapText = look.wrap;
      if (look.topRule === true) format.borders.getItem(Excel.BorderIndex.edgeTop).style = Excel.BorderLineStyle.continuous;
      return;
    }
    case 'columnWidth':
      sheets.getItem(op.sheet).getRange(`${op.column}:${op.column}`).format.columnWidth = columnWidthPoints(op.characters);
      return;
    case 'merge':
      sheets.getItem(op.sheet).getRange(op.range).merge(false);
      return;
    case 'freeze': {
      const panes = sheets.getItem(op.sheet).freezePanes;
      if (op.columns === 0) panes.freezeRows(op.rows);
      else if (op.rows === 0) panes.freezeColumns(op.columns);
      else panes.freezeAt(`A1:${cellRef(op.rows, op.columns)}`);
      return;
    }
    case 'conditionalFormat': {
      const target = sheets.getItem(op.sheet).getRange(op.range);
      const look = conditionalLooks[op.rule.style];
      if (op.rule.kind === 'expression') {
        const cf = target.conditionalFormats.add(Excel.ConditionalFormatType.custom);
        cf.custom.rule.formula = `=${op.rule.formula}`;
        cf.custom.format.font.color = look.fontColor;
        cf.custom.format.fill.color = look.fill;
      } else {
        const cf = target.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
        const [formula1 = '', formula2] = op.rule.formulae.map((f) => `=${f}`);
        cf.cellValue.rule = formula2 === undefined ? { formula1, operator: cellValueOperators()[op.rule.operator] } : { formula1, formula2, operator: cellValueOperators()[op.rule.operator] };
        cf.cellValue.format.font.color = look.fontColor;
        cf.cellValue.format.fill.color = look.fill;
      }
      return;
    }
    case 'chart': {
      const { chart } = op;
      const ws = sheets.getItem(op.sheet);
      const [first, ...more] = chart.series;
      if (first === undefined) return;
      const added = ws.charts.add(chartTypes()[chart.kind], rangeOf(context, op.sheet, first.values), Excel.ChartSeriesBy.columns);
      added.title.text = chart.title;
      const firstSeries = added.series.getItemAt(0);
      firstSeries.name = first.name;
      firstSeries.setXAxisValues(rangeOf(context, op.sheet, chart.categories));
      for (const series of more) {
        const s = added.series.add(series.name);
        s.setValues(rangeOf(context, op.sheet, series.values));
        s.setXAxisValues(rangeOf(context, op.sheet, chart.categories));
      }
      const anchor = parseCellRef(chart.anchor);
      added.setPosition(chart.anchor, cellRef(anchor.row + chart.size.rows - 1, anchor.column + chart.size.columns - 1));
      return;
    }
    case 'name':
      context.workbook.names.add(op.name, op.reference, op.comment);
      return;
    case 'deleteName':
      context.workbook.names.getItem(op.name).delete();
      return;
    case 'note': {
      if (!notes) return;
      const ws = sheets.getItem(op.sheet);
      ws.notes.add(ws.getRange(op.cell), op.text);
      return;
    }
    case 'pageLayout': {
      const layout = sheets.getItem(op.sheet).pageLayout;
      layout.orientation = op.landscape ? Excel.PageOrientation.landscape : Excel.PageOrientation.portrait;
      if (op.printTitleRows !== undefined) layout.setPrintTitleRows(op.printTitleRows.replace(/(\d+)/g, '$$$1'));
      return;
    }
  }
}

/** Whether this Excel has cell notes (ExcelApi 1.18); without Office (tests) the host is asked by `notes`. */
function notesSupported(): boolean {
  return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', '1.18') === true;
}

/** The port over the workbook Excel has open. `notes`: write hover notes (default: when ExcelApi 1.18 is there). */
export function excelPort(options: { readonly notes?: boolean | undefined } = {}): WorkbookPort {
  const notes = options.notes ?? notesSupported();
  return {
    async apply(operations, { suspendCalculation }) {
      await Excel.run(async (context) => {
        if (suspendCalculation) context.workbook.application.suspendApiCalculationUntilNextSync();
        for (const op of operations) applyOperation(context, op, notes);
        await context.sync();
      });
    },
    async sheetNames() {
      return Excel.run(async (context) => {
        const sheets = context.workbook.worksheets.load('items/name');
        await context.sync();
        return sheets.items.map((s) => s.name);
      });
    },
    async readSheet(sheet): Promise<SheetContents | undefined> {
      return Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
        await context.sync();
        if (ws.isNullObject) return undefined;
        const used = ws.getUsedRangeOrNullObject(true).load(['address', 'values', 'numberFormat']);
        await context.sync();
        if (used.isNullObject) return undefined;
        const topLeft = (used.address.split('!')[1] ?? 'A1').split(':')[0] ?? 'A1';
        return { topLeft: topLeft.replace(/\$/g, ''), values: used.values, numberFormats: used.numberFormat as string[][] };
      });
    },
    async names() {
      return Excel.run(async (context) => {
        const names = context.workbook.names.load('items/name,items/formula');
        await context.sync();
        return names.items.map((n) => ({ name: n.name, reference: String(n.formula) }));
      });
    },
  };
}
