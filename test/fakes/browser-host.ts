/**
 * The fake Office host for the end-to-end test, bundled into one script that the page runs before
 * its own scripts (playwright addInitScript): defines window.Office, window.Excel and
 * window.CustomFunctions, and window.__practiceHost for the test to inspect what landed.
 */
import { installFakeCustomFunctions } from './custom-functions';
import { areaAddress, fakeExcel, FakeWorkbook } from './excel';
import { fakeOffice } from './office';

const book = new FakeWorkbook(['Sheet1']);
const office = fakeOffice();
const w = window as unknown as Record<string, unknown>;
w.Office = office.office;
w.Excel = fakeExcel(book);
const customFunctions = installFakeCustomFunctions();

/** A plain-data view of the workbook (cells by address), for `page.evaluate`. */
function snapshot() {
  return {
    sheets: book.sheets.map((s) => ({
      name: s.name,
      tabColor: s.tabColor,
      frozen: s.frozen,
      charts: s.charts,
      conditionalFormats: s.conditionalFormats.length,
      cells: Object.fromEntries(
        [...s.cells].filter(([, c]) => c.value !== null || c.formula !== undefined).map(([k, c]) => [areaAddress({ row: Math.floor(k / 16_384), column: k % 16_384, rows: 1, columns: 1 }), c]),
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
  setCell(sheet: string, address: string, value: string | number) {
    const s = book.sheet(sheet);
    if (s === undefined) throw new Error(`no sheet ${sheet}`);
    const a = book.cell(sheet, address);
    if (a === undefined) throw new Error(`no cell ${sheet}!${address}`);
    a.value = value;
    a.formula = undefined;
  },
};
