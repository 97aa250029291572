import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { renderXlsx, excelDateSerial, workbookCreator } from '../../../render/xlsx';
import { hostilePayer, hostileProvider, samplePlan } from './sample-plan';

async function rendered(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(samplePlan(), { created: new Date(Date.UTC(2024, 2, 1)) })) as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
}

describe('render/xlsx/workbook', () => {
  let wb: ExcelJS.Workbook;
  before(async () => {
    wb = await rendered();
  });

  describe('excelDateSerial', () => {
    it('counts days from 1899-12-30 in pure calendar arithmetic', () => {
      assert.equal(excelDateSerial('1900-03-01'), 61);
      assert.equal(excelDateSerial('2024-01-01'), 45292);
      assert.equal(excelDateSerial('2024-02-29'), 45351);
    });

    it('refuses text that is not YYYY-MM-DD', () => {
      assert.throws(() => excelDateSerial('03/04/2024'), RangeError);
    });
  });

  describe('renderXlsx', () => {
    it('writes the sheets in plan order with workbook properties', () => {
      assert.deepEqual(
        wb.worksheets.map((ws) => ws.name),
        ['Dashboard', 'Data tables'],
      );
      assert.equal(wb.creator, workbookCreator);
      assert.equal(wb.title, 'Sample practice — KPI');
    });

    it('caches each formula with the plan expected value, including zero, false and text', () => {
      const dashboard = sheet(wb, 'Dashboard');
      assert.equal(dashboard.getCell('B4').formula, 'SUM(Charges[Charges])');
      assert.equal(dashboard.getCell('B4').result, 1650.5);
      assert.equal(dashboard.getCell('B10').result, 'On target');
      assert.equal(dashboard.getCell('B15').result, true);
      assert.equal(sheet(wb, 'Data tables').getCell('F4').result, 0);
    });

    it('writes a this-row reference in the long form files hold', () => {
      assert.equal(sheet(wb, 'Data tables').getCell('F2').formula, 'IFERROR(Charges[[#This Row],[Payments]]/Charges[[#This Row],[Charges]],"")');
    });

    it('writes quote-prefixed text as the literal string, never as a formula', () => {
      const provider = sheet(wb, 'Data tables').getCell('B3');
      assert.equal(provider.value, hostileProvider);
      assert.equal(provider.type, ExcelJS.ValueType.String);
      assert.equal(sheet(wb, 'Data tables').getCell('C3').value, hostilePayer);
      assert.equal(sheet(wb, 'Dashboard').getCell('A7').type, ExcelJS.ValueType.String);
    });

    it('writes dates as real dates with a date format', () => {
      const asOf = sheet(wb, 'Dashboard').getCell('B2');
      assert.equal(asOf.numFmt, 'yyyy-mm-dd');
      assert.equal((asOf.value as Date).toISOString(), '2024-02-29T00:00:00.000Z');
    });

    it('renders an Excel table with its columns, totals and styles', () => {
      const ws = sheet(wb, 'Data tables');
      const model = (ws.getTable('Charges') as unknown as { table: { tableRef: string; totalsRow: boolean; columns: { name: string; totalsRowFunction?: string }[] } }).table;
      assert.equal(model.tableRef, 'A1:G6');
      assert.equal(model.totalsRow, true);
      assert.equal(model.columns[3]?.totalsRowFunction, 'sum');
      assert.deepEqual(
        model.columns.map((c) => c.name),
        ['Month', 'Provider', 'Payer', 'Charges', 'Payments', 'Collection rate', 'Comment'],
      );
      assert.equal(ws.getCell('D6').formula, 'SUBTOTAL(109,Charges[Charges])');
      assert.equal(ws.getCell('D6').result, 1650.5);
      assert.equal(ws.getCell('D2').numFmt, '"$"#,##0.00;[Red]-"$"#,##0.00');
      assert.equal(ws.getCell('F2').numFmt, '0.0%');
      // A user-owned column looks like an input: light yellow fill, blue text.
      assert.equal((ws.getCell('G4').fill as ExcelJS.FillPattern).fgColor?.argb, 'FFFFF2CC');
      assert.equal(ws.getCell('G4').font.color?.argb, 'FF0000FF');
    });

    it('styles inputs, keeps notes, and freezes panes', () => {
      const ws = sheet(wb, 'Dashboard');
      assert.equal((ws.getCell('B9').fill as ExcelJS.FillPattern).fgColor?.argb, 'FFFFF2CC');
      assert.equal(ws.getCell('B9').font.color?.argb, 'FF0000FF');
      const note = ws.getCell('B9').note;
      assert.equal(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join(''), 'Your target: change it.');
      assert.deepEqual(
        ws.views.map((v) => [v.state, (v as ExcelJS.WorksheetViewFrozen).xSplit, (v as ExcelJS.WorksheetViewFrozen).ySplit]),
        [['frozen', 1, 2]],
      );
      assert.equal(ws.getColumn('A').width, 30);
      assert.equal(ws.getCell('A1').isMerged, true);
      assert.equal(ws.pageSetup.orientation, 'landscape');
      assert.equal(ws.properties.tabColor?.argb, 'FF1F4E78');
    });

    it('writes named ranges and conditional formats', () => {
      // The plan's name, and the name that marks the user-owned target for refreshes.
      assert.deepEqual(wb.definedNames.getNames('Dashboard!B9').sort(), ['Target_collection_rate', '_pw.u.target.collection_rate']);
      const ws = sheet(wb, 'Dashboard');
      // exceljs reads conditional formats back but does not declare the property in its types.
      const read = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings;
      const formats = read.map((f) => [f.ref, f.rules.map((r) => r.formulae?.[0])]);
      assert.deepEqual(formats, [
        ['B10', ['B10="On target"', 'B10="Below target"']],
        ['B8', ['Target_collection_rate']],
      ]);
    });

    it('gives an empty table one blank data row (Excel refuses a table without one) and hides hidden sheets', async () => {
      const plan = samplePlan();
      const empty = {
        name: 'Import log',
        hidden: true,
        cells: [],
        tables: [{ at: 'A1', table: { name: 'Issues', columns: [{ name: 'Code', type: 'text' as const }, { name: 'Message', type: 'text' as const }], rows: [] } }],
      };
      const loaded = new ExcelJS.Workbook();
      await loaded.xlsx.load((await renderXlsx({ ...plan, sheets: [...plan.sheets, empty] })) as unknown as ArrayBuffer);
      const ws = sheet(loaded, 'Import log');
      assert.equal(ws.state, 'hidden');
      const model = (ws.getTable('Issues') as unknown as { table: { tableRef: string } }).table;
      assert.equal(model.tableRef, 'A1:B2');
      assert.equal(ws.getCell('A2').value, null);
    });

    it('refuses an invalid plan instead of writing a broken file', async () => {
      const plan = samplePlan();
      await assert.rejects(renderXlsx({ ...plan, sheets: [...plan.sheets, { name: 'Bad:name', cells: [], tables: [] }] }), /sheet-name-invalid/);
    });

    it('leaves a note where a chart would be, saying the add-in draws it', () => {
      const text = String(sheet(wb, 'Dashboard').getCell('E2').value);
      assert.match(text, /Payments by month/);
      assert.match(text, /add-in/);
    });
  });
});
