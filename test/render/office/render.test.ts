import { strict as assert } from 'node:assert';
import { loadInputs } from '../../../cli/commands/build';
import { cellRef, parseCellRef } from '../../../core/plan/address';
import { buildKpiWorkbook } from '../../../core/plan/kpi-workbook';
import { literalText, sanitizeText } from '../../../core/plan/sanitize';
import { isFormulaCell, numberFormats, type CellValue, type PlanTable, type WorkbookPlan } from '../../../core/plan/types';
import { applyUserValues } from '../../../core/plan/refresh';
import { excelPort } from '../../../render/office/excel-adapter';
import { batchOperations, BATCH_BYTES, MAX_SYNC_BYTES, renderToWorkbook, type RenderStats } from '../../../render/office/render';
import { readUserValuesFromWorkbook } from '../../../render/office/user-values';
import { FakeWorkbook, installFakeExcel } from '../../fakes/excel';
import { fixture } from '../../support/paths';

/** Days since 1899-12-30, computed here independently of the renderer. */
const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse('1899-12-30T00:00:00Z')) / 86_400_000);

const code = (format: string | undefined) => (format === undefined ? undefined : format in numberFormats ? numberFormats[format as keyof typeof numberFormats] : format);

/** What Excel should hold for a plan value: text without its quote, dates as serials, null as empty. */
function expectedValue(value: CellValue): string | number | boolean | null {
  if (value === null || value === '') return null;
  if (typeof value === 'object') return serial(value.date);
  if (typeof value === 'string') return literalText(value).text;
  return value;
}

const defaultFormat: Record<string, string | undefined> = { text: '@', integer: numberFormats.integer, money: numberFormats.money, percent: numberFormats.percent, date: numberFormats.date, days: numberFormats.days, minutes: numberFormats.minutes };

/** Compares every cell of the plan with the fake workbook; returns the mismatches (empty when equal). */
function differences(plan: WorkbookPlan, book: FakeWorkbook): string[] {
  const out: string[] = [];
  const check = (sheet: string, at: string, what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected && out.length < 20) out.push(`${sheet}!${at} ${what}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  };
  for (const sheet of plan.sheets) {
    if (book.sheet(sheet.name) === undefined) out.push(`sheet ${sheet.name} missing`);
    for (const { at, table } of sheet.tables) {
      const origin = parseCellRef(at);
      const found = book.table(table.name);
      const last = cellRef(origin.row + Math.max(table.rows.length, 1), origin.column + table.columns.length - 1);
      check(sheet.name, at, 'table range', found?.range, `${at}:${last}`);
      check(sheet.name, at, 'table sheet', found?.sheet, sheet.name);
      check(sheet.name, at, 'totals', found?.showTotals, table.showTotals === true);
      table.columns.forEach((column, c) => {
        const header = cellRef(origin.row, origin.column + c);
        check(sheet.name, header, 'header', book.shown(sheet.name, header), column.name);
        const format = code(column.format) ?? defaultFormat[column.type] ?? 'General';
        table.rows.forEach((row, r) => {
          const ref = cellRef(origin.row + 1 + r, origin.column + c);
          const cell = book.cell(sheet.name, ref);
          if (column.formula !== undefined) check(sheet.name, ref, 'formula', cell?.formula, `=${column.formula}`);
          else check(sheet.name, ref, 'value', cell?.value ?? null, expectedValue(row[c] ?? null));
          check(sheet.name, ref, 'format', cell?.numberFormat, format);
        });
      });
    }
    for (const cell of sheet.cells) {
      const found = book.cell(sheet.name, cell.at);
      if (isFormulaCell(cell)) check(sheet.name, cell.at, 'formula', found?.formula, `=${cell.formula}`);
      else check(sheet.name, cell.at, 'value', found?.value ?? null, expectedValue(cell.value));
      const format = code(cell.format) ?? (!isFormulaCell(cell) && typeof cell.value === 'object' && cell.value !== null ? numberFormats.date : !isFormulaCell(cell) && typeof cell.value === 'string' ? '@' : 'General');
      check(sheet.name, cell.at, 'format', found?.numberFormat, format);
      if (cell.note !== undefined) check(sheet.name, cell.at, 'note', book.sheet(sheet.name)?.notes.get(cell.at), cell.note);
    }
    const frozen = book.sheet(sheet.name)?.frozen;
    if (sheet.frozen !== undefined && (sheet.frozen.rows > 0 || sheet.frozen.columns > 0)) check(sheet.name, 'A1', 'frozen', JSON.stringify(frozen), JSON.stringify(sheet.frozen));
    check(sheet.name, 'A1', 'conditional formats', book.sheet(sheet.name)?.conditionalFormats.length ?? 0, (sheet.conditionalFormats ?? []).reduce((n, f) => n + f.rules.length, 0));
    check(sheet.name, 'A1', 'charts', book.sheet(sheet.name)?.charts.length ?? 0, (sheet.charts ?? []).length);
  }
  for (const named of plan.namedRanges) check('(names)', named.name, 'reference', book.names.get(named.name.toLowerCase())?.reference, `=${named.ref}`);
  return out;
}

const claims: PlanTable = {
  name: 'Claims',
  rowKey: ['Claim'],
  showTotals: true,
  columns: [
    { name: 'Claim', type: 'text' },
    { name: 'Payer', type: 'text' },
    { name: 'Date', type: 'date' },
    { name: 'Charge', type: 'money', total: { function: 'sum', expected: 350.5 } },
    { name: 'Paid', type: 'money', total: { function: 'sum', expected: 200 } },
    { name: 'Rate', type: 'percent', formula: 'IFERROR([@Paid]/[@Charge],0)', expected: [0.8, 0, 0] },
    { name: 'Comment', type: 'text', userOwned: true, note: 'Yours: kept through refreshes' },
  ],
  rows: [
    ['00123', sanitizeText('=HYPERLINK("http://evil","click")'), { date: '2024-01-31' }, 250.5, 200.4, null, null],
    ['C-2', sanitizeText('+1+1'), { date: '2024-02-29' }, 100, 0, null, 'follow up'],
    ['C-3', sanitizeText('@SUM(A1)'), { date: '2024-03-01' }, 0, -0.4, null, null],
  ],
};

const handPlan: WorkbookPlan = {
  kind: 'kpi',
  title: 'Office renderer test',
  shareSafe: true,
  namedRanges: [{ name: 'Target', ref: "'Summary'!$B$3" }],
  sheets: [
    {
      name: 'Summary',
      frozen: { rows: 4, columns: 1 },
      landscape: true,
      printTitleRows: '1:4',
      merges: ['A1:D1'],
      columnWidths: { A: 30 },
      cells: [
        { at: 'A1', value: 'Practice summary', style: 'title' },
        { at: 'A2', value: { date: '2024-03-31' } },
        { at: 'A3', value: 'No-show target', style: 'label' },
        { at: 'B3', value: 0.05, format: 'percent', style: 'input', userKey: 'target:no_show_rate', note: 'Enter your target' },
        { at: 'B4', formula: "SUM(Claims[Paid])", expected: 200, format: 'money' },
        { at: 'C4', value: sanitizeText('-5 written off'), style: 'note' },
      ],
      tables: [],
      conditionalFormats: [
        { range: 'B4', rules: [{ kind: 'cellIs', operator: 'greaterThan', formulae: ['100'], style: 'good' }, { kind: 'expression', formula: 'B4<0', style: 'bad' }] },
      ],
      charts: [{ kind: 'column', title: 'Paid by claim', anchor: 'E2', size: { columns: 6, rows: 12 }, categories: "'Data'!A3:A5", series: [{ name: 'Paid', values: "'Data'!E3:E5" }, { name: 'Charge', values: "'Data'!D3:D5" }] }],
    },
    { name: 'Data', cells: [{ at: 'A1', value: 'Claims', style: 'subtitle' }], tables: [{ at: 'A2', table: claims }], frozen: { rows: 2, columns: 0 } },
  ],
};

/** A plan with one table of `rows` rows (text, money, date and integer columns). */
function bigPlan(rows: number): WorkbookPlan {
  const table: PlanTable = {
    name: 'Big',
    columns: [
      { name: 'Claim', type: 'text' },
      { name: 'Provider', type: 'text' },
      { name: 'Date', type: 'date' },
      { name: 'Charge', type: 'money' },
      { name: 'Units', type: 'integer' },
      { name: 'Payer', type: 'text' },
    ],
    rows: Array.from({ length: rows }, (_, i) => [`CLM${String(i).padStart(8, '0')}`, `Provider ${i % 37}`, { date: `2024-${String((i % 12) + 1).padStart(2, '0')}-15` }, (i % 9973) + 0.25, i % 7, i % 3 === 0 ? 'Medicare' : 'Commercial']),
  };
  return { kind: 'kpi', title: 'Big', shareSafe: true, namedRanges: [], sheets: [{ name: 'Data', cells: [], tables: [{ at: 'A1', table }] }] };
}

describe('render/office/render', () => {
  describe('renderToWorkbook', () => {
    it('puts every value, formula, number format, table, name, chart and frozen pane of the plan into the workbook', async () => {
      const book = installFakeExcel(new FakeWorkbook(['Sheet1']));
      await renderToWorkbook(handPlan, excelPort({ notes: true }));
      assert.deepEqual(differences(handPlan, book), []);
      assert.deepEqual(book.sheets.map((s) => s.name), ['Sheet1', 'Summary', 'Data']);
      // Independent spot checks, by hand:
      assert.equal(book.shown('Data', 'A3'), '00123');
      assert.equal(book.shown('Data', 'C3'), 45322); // 2024-01-31
      assert.equal(book.shown('Data', 'D6'), '=SUBTOTAL(109,Claims[Charge])');
      assert.equal(book.shown('Data', 'A6'), 'Total');
      assert.equal(book.names.get('_pw.u.target.no_show_rate')?.reference, "=Summary!$B$3");
      const chart = book.sheet('Summary')?.charts[0];
      assert.deepEqual(chart?.series.map((s) => [s.name, s.values, s.categories]), [
        ['Paid', 'Data!E3:E5', 'Data!A3:A5'],
        ['Charge', 'Data!D3:D5', 'Data!A3:A5'],
      ]);
      assert.deepEqual(chart?.position, { from: 'E2', to: 'J13' });
      assert.deepEqual(book.sheet('Summary')?.merges, ['A1:D1']);
      assert.equal(book.sheet('Data')?.notes.get('G2'), 'Yours: kept through refreshes');
      assert.deepEqual(book.sheet('Summary')?.pageLayout, { orientation: 'Landscape', printTitleRows: '$1:$4' });
    });

    it('keeps formula-like imported text as text, never a formula', async () => {
      const book = installFakeExcel(new FakeWorkbook());
      await renderToWorkbook(handPlan, excelPort({ notes: true }));
      for (const [ref, text] of [['B3', '=HYPERLINK("http://evil","click")'], ['B4', '+1+1'], ['B5', '@SUM(A1)']] as const) {
        const cell = book.cell('Data', ref);
        assert.equal(cell?.formula, undefined, `${ref} became a formula`);
        assert.equal(cell?.value, text);
      }
      assert.equal(book.cell('Summary', 'C4')?.value, '-5 written off');
      assert.equal(book.cell('Summary', 'C4')?.formula, undefined);
    });

    it('writes values first, then tables, then formats, with calculation suspended for the writes', async () => {
      const book = installFakeExcel(new FakeWorkbook());
      const stats = await renderToWorkbook(handPlan, excelPort({ notes: true }));
      const writes = book.syncs.filter((s) => s.calls > 0);
      assert.equal(writes.length, stats.syncs);
      assert.ok(writes.some((s) => s.calculationSuspended));
      assert.equal(writes[0]?.calculationSuspended, false); // sheets and text formats
    });

    it('replaces its own sheets on a rebuild and leaves the user\'s other sheets alone', async () => {
      const book = installFakeExcel(new FakeWorkbook(['My notes']));
      await renderToWorkbook(handPlan, excelPort({ notes: true }));
      await renderToWorkbook(handPlan, excelPort({ notes: true }));
      assert.deepEqual(book.sheets.map((s) => s.name), ['My notes', 'Summary', 'Data']);
      assert.equal(book.tables.length, 1);
    });

    it('replaces every sheet when the workbook holds only its own sheets', async () => {
      const book = installFakeExcel(new FakeWorkbook(['Summary', 'Data']));
      await renderToWorkbook(handPlan, excelPort({ notes: true }));
      assert.deepEqual(book.sheets.map((s) => s.name), ['Summary', 'Data']);
    });

    it('keeps user-owned cells through a refresh (read back, applied with core/plan/refresh)', async () => {
      const book = installFakeExcel(new FakeWorkbook());
      await renderToWorkbook(handPlan, excelPort({ notes: true }));
      // The user types a target and a comment in Excel.
      book.cell('Summary', 'B3')!.value = 0.08;
      book.cell('Data', 'G5')!.value = 'appealed';
      const values = await readUserValuesFromWorkbook(excelPort({ notes: true }), handPlan);
      assert.equal(values.cells.get('target:no_show_rate'), 0.08);
      const refreshed = applyUserValues(handPlan, values).plan;
      await renderToWorkbook(refreshed, excelPort({ notes: true }));
      assert.equal(book.shown('Summary', 'B3'), 0.08);
      assert.equal(book.shown('Data', 'G5'), 'appealed');
      assert.equal(book.shown('Data', 'G4'), 'follow up');
    });

    it('renders the KPI workbook of the Synthea export cell for cell', async function () {
      this.timeout(60_000);
      const loaded = await loadInputs([fixture('synthea_csv')], process.cwd());
      const plan = buildKpiWorkbook(loaded.dataset, { practiceName: 'Synthea' });
      const book = installFakeExcel(new FakeWorkbook());
      const stats = await renderToWorkbook(plan, excelPort({ notes: true }));
      assert.deepEqual(differences(plan, book), []);
      assert.ok(stats.syncs >= 6);
    });
  });

  describe('batching', () => {
    let stats: RenderStats;
    let book: FakeWorkbook;
    before(async function () {
      this.timeout(60_000);
      book = installFakeExcel(new FakeWorkbook());
      stats = await renderToWorkbook(bigPlan(100_000), excelPort({ notes: true }));
    });

    it('keeps every request of a 100,000-row plan under 4 MB', () => {
      const largest = Math.max(...book.syncs.map((s) => s.bytes));
      assert.ok(largest <= MAX_SYNC_BYTES, `largest request ${largest} bytes`);
      assert.ok(stats.bytesPerSync.every((b) => b <= MAX_SYNC_BYTES));
      console.log(`      100,000 rows × 6 columns: ${stats.syncs} syncs, ${(stats.totalBytes / 1e6).toFixed(1)} MB planned, fake host measured ${(book.syncs.reduce((a, s) => a + s.bytes, 0) / 1e6).toFixed(1)} MB, largest request ${(largest / 1e6).toFixed(2)} MB`);
    });

    it('uses a number of requests proportional to the payload (full requests, few partial ones)', () => {
      const measured = book.syncs.reduce((a, s) => a + s.bytes, 0);
      // At most one partly filled request per phase (6 phases) beyond the minimum the payload needs.
      assert.ok(stats.syncs <= Math.ceil(stats.totalBytes / BATCH_BYTES) + 6, `${stats.syncs} syncs for ${measured} bytes`);
      // The renderer's estimate of a request is within 15 % (or 1 KB) of what the host measured.
      const writes = book.syncs.filter((s) => s.calls > 0);
      writes.forEach((s, i) => assert.ok(Math.abs(s.bytes - (stats.bytesPerSync[i] ?? 0)) <= Math.max(0.15 * s.bytes, 1024), `request ${i}: ${s.bytes} measured, ${stats.bytesPerSync[i]} estimated`));
      assert.equal(book.cell('Data', 'A100001')?.value, 'CLM00099999');
      assert.equal(book.cell('Data', 'A100001')?.numberFormat, '@');
    });

    it('refuses an operation bigger than a request (a programmer mistake)', () => {
      assert.throws(() => batchOperations([{ kind: 'values', sheet: 'S', range: 'A1', values: [['x'.repeat(100)]] }], 50), /more than a request may carry/);
    });
  });
});
