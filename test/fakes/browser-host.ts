/**
 * The fake Office host for the end-to-end test, bundled into one script that the page runs before
 * its own scripts (playwright addInitScript): defines window.Office, window.Excel and
 * window.CustomFunctions, and window.__practiceHost for the test to inspect what landed.
 */
import { installFakeCustomFunctions } from './custom-functions';
import { areaAddress, fakeExcel, FakeWorkbook, parseArea } from './excel';
import { fakeOffice } from './office';

const book = new FakeWorkbook(['Sheet1']);
const office = fakeOffice();
const w = window as unknown as Record<string, unknown>;
w.Office = office.office;
w.Excel = fakeExcel(book);
const customFunctions = installFakeCustomFunctions();

/** Whether a cell lies inside one of the workbook's tables (header, data or totals row). */
function inTable(sheet: string, row: number, column: number): boolean {
  return book.tables.some((t) => {
    if (t.sheet !== sheet) return false;
    const a = parseArea(t.range);
    return row >= a.row && row <= a.row + a.rows && column >= a.column && column < a.column + a.columns;
  });
}

/**
 * A plain-data view of the workbook (cells by address), for `page.evaluate`. Cells inside tables
 * are left out unless asked for: they are most of the workbook and the tables are listed anyway.
 */
function snapshot(options: { tableCells?: boolean } = {}) {
  return {
    sheets: book.sheets.map((s) => ({
      name: s.name,
      tabColor: s.tabColor,
      frozen: s.frozen,
      charts: s.charts,
      conditionalFormats: s.conditionalFormats.length,
      cells: Object.fromEntries(
        [...s.cells]
          .filter(([k, c]) => (c.value !== null || c.formula !== undefined) && (options.tableCells === true || !inTable(s.name, Math.floor(k / 16_384), k % 16_384)))
          .map(([k, c]) => [areaAddress({ row: Math.floor(k / 16_384), column: k % 16_384, rows: 1, columns: 1 }), c]),
      ),
    })),
    tables: book.tables,
    names: Object.fromEntries(book.names),
    syncs: book.syncs,
    createdWorkbooks: book.createdWorkbooks.map((b) => b.length),
    settings: office.settings,
    customFunctions: [...customFunctions.associated.keys()],
  };
}

w.__practiceHost = {
  snapshot,
  /** A table's cells (header row first) as Excel holds them: formulas as `=…`. */
  tableValues(name: string) {
    const table = book.table(name);
    if (table === undefined) return undefined;
    const a = parseArea(table.range);
    const rows: unknown[][] = [];
    for (let r = a.row; r < a.row + a.rows; r++) {
      const row: unknown[] = [];
      for (let c = a.column; c < a.column + a.columns; c++) row.push(book.shown(table.sheet, areaAddress({ row: r, column: c, rows: 1, columns: 1 })));
      rows.push(row);
    }
    return rows;
  },
  setCell(sheet: string, address: string, value: string | number) {
    const s = book.sheet(sheet);
    if (s === undefined) throw new Error(`no sheet ${sheet}`);
    const a = book.cell(sheet, address);
    if (a === undefined) throw new Error(`no cell ${sheet}!${address}`);
    a.value = value;
    a.formula = undefined;
  },
};
