import { strict as assert } from 'node:assert';
import { buildPlan, type Planner } from '../../addin/plans';
import { buildPlanKeeping, writeWorkbook } from '../../addin/workbooks';
import { importSource } from '../../connectors/index';
import { sourceFromBytes } from '../../connectors/source';
import type { Placed } from '../../core/plan/types';
import type { ImportResult } from '../../core/source';
import { excelPort } from '../../render/office/excel-adapter';
import { FakeWorkbook, installFakeExcel, parseArea, areaAddress } from '../fakes/excel';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A "Profit and Loss by Month" CSV as QuickBooks exports it, for the first `months` months of `year`. */
function plByMonth(year: number, months: number, rows: readonly [string, number][]): string {
  const heads = MONTHS.slice(0, months).map((m) => `${m} ${year}`);
  const money = (n: number) => `"${n.toFixed(2)}"`;
  const lines = ['Family Clinic', 'Profit and Loss by Month', `January - ${MONTHS[months - 1]} ${year}`, '', `,${heads.join(',')},Total`, 'Income,'];
  for (const [account, perMonth] of rows) {
    if (account.startsWith('5')) continue;
    lines.push(`${account},${heads.map(() => money(perMonth)).join(',')},${money(perMonth * months)}`);
  }
  lines.push('Expenses,');
  for (const [account, perMonth] of rows) {
    if (!account.startsWith('5')) continue;
    lines.push(`${account},${heads.map(() => money(perMonth)).join(',')},${money(perMonth * months)}`);
  }
  return lines.join('\r\n') + '\r\n';
}

const ACCOUNTS: [string, number][] = [
  ['4000 Patient fees', 100_000],
  ['5010 Physician salaries', 50_000],
  ['5110 Front desk wages', 8_000],
  ['5510 Rent', 9_000],
];

/** Plans over results held here, as the task pane's worker builds them over what it kept. */
const over = (results: readonly ImportResult[]): Planner => (kind, options) => Promise.resolve(buildPlan(kind, results, options));

const imported = (name: string, content: string) => importSource(sourceFromBytes(name, new TextEncoder().encode(content)));

/** The Variance sheet's table as rows of header → value, with each row's address of a column. */
function varianceRows(book: FakeWorkbook): { get: (account: string, month: string, column: string) => { value: unknown; address: string } | undefined } {
  const table = book.table('Variance');
  assert.ok(table, 'the Variance table was written');
  const area = parseArea(table.range);
  const at = (row: number, column: number) => areaAddress({ row, column, rows: 1, columns: 1 });
  const headers = new Map<string, number>();
  for (let c = area.column; c < area.column + area.columns; c++) headers.set(String(book.shown(table.sheet, at(area.row, c))), c);
  const col = (name: string) => {
    const c = headers.get(name);
    assert.ok(c !== undefined, `column ${name}`);
    return c;
  };
  return {
    get(account, month, column) {
      for (let r = area.row + 1; r < area.row + area.rows; r++) {
        if (String(book.shown(table.sheet, at(r, col('Account')))) !== account) continue;
        if (String(book.shown(table.sheet, at(r, col('Month')))) !== month) continue;
        return { value: book.shown(table.sheet, at(r, col(column))), address: at(r, col(column)) };
      }
      return undefined;
    },
  };
}

/** Types a value into the open workbook as the user would (through the Excel API of the fake host). */
async function typeInto(sheet: string, address: string, value: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
    await context.sync();
  });
}

describe('addin/workbooks (budget and variance)', () => {
  describe('buildPlan', () => {
    it('asks for a general ledger when only practice-management exports were imported', async () => {
      const results = [await imported('charges.csv', 'Encounter ID,Date of Service,CPT,Charge\nE1,2025-03-03,99213,120.00\n')];
      for (const kind of ['budget', 'variance'] as const) {
        const planned = buildPlan(kind, results);
        assert.equal(planned.ok, false);
        assert.match(planned.ok ? '' : planned.error, /general ledger/);
      }
    });
    it('asks for the prior year when the ledger covers only the budget year', async () => {
      const planned = buildPlan('variance', [await imported('pl-2026.csv', plByMonth(2026, 3, ACCOUNTS))]);
      assert.equal(planned.ok, false);
      assert.match(planned.ok ? '' : planned.error, /import the 2025 general ledger/);
    });
    it('builds the 2026 budget from a 2025 P&L by month', async () => {
      const planned = buildPlan('budget', [await imported('pl-2025.csv', plByMonth(2025, 12, ACCOUNTS))], { practiceName: 'Family Clinic' });
      assert.ok(planned.ok, planned.ok ? '' : planned.error);
      assert.ok(planned.value.sheets.some((s) => s.name === 'Assumptions'));
      assert.match(planned.value.title, /2026/);
    });
  });

  describe('writeWorkbook', () => {
    it('builds the budget workbook and a rebuild keeps a driver the user changed, building with it', async function () {
      this.timeout(60_000);
      const results = [await imported('pl-2025.csv', plByMonth(2025, 12, ACCOUNTS))];
      const book = installFakeExcel(new FakeWorkbook());
      const first = await buildPlanKeeping('budget', over(results), excelPort());
      assert.ok(first.ok, first.ok ? '' : first.error);
      await writeWorkbook(first.value, excelPort());
      const assumptions = first.value.sheets.find((sh) => sh.name === 'Assumptions')!;
      const valueOf = (c: Placed | undefined) => (c !== undefined && 'value' in c ? c.value : undefined);
      const driver = assumptions.cells.find((c) => c.userKey?.startsWith('driver:') === true && c.userKey.endsWith(':base') && typeof valueOf(c) === 'number' && (valueOf(c) as number) > 0)!;
      assert.ok(driver, 'a base-scenario driver input');
      const typed = (valueOf(driver) as number) + 7;
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Assumptions').getRange(driver.at).values = [[typed]];
        await context.sync();
      });
      const second = await buildPlanKeeping('budget', over(results), excelPort());
      assert.ok(second.ok, second.ok ? '' : second.error);
      // The builder itself took the typed driver (so its expected totals follow it), and the cell keeps it.
      assert.equal(valueOf(second.value.sheets.find((sh) => sh.name === 'Assumptions')!.cells.find((c) => c.userKey === driver.userKey)), typed);
      await writeWorkbook(second.value, excelPort());
      assert.equal(book.shown('Assumptions', driver.at), typed);
    });
    it('building a second kind of workbook into the same file leaves the first one\'s inputs where they are', async function () {
      this.timeout(60_000);
      const prior = await imported('pl-2025.csv', plByMonth(2025, 12, ACCOUNTS));
      const results = [prior, await imported('pl-2026.csv', plByMonth(2026, 3, ACCOUNTS))];
      const book = installFakeExcel(new FakeWorkbook());
      const budget = await buildPlanKeeping('budget', over([prior]), excelPort());
      assert.ok(budget.ok, budget.ok ? '' : budget.error);
      await writeWorkbook(budget.value, excelPort());
      const driver = budget.value.sheets.find((sh) => sh.name === 'Assumptions')!.cells.find((c) => c.userKey?.startsWith('driver:') === true)!;
      await typeInto('Assumptions', driver.at, '42');
      const variance = await buildPlanKeeping('variance', over(results), excelPort());
      assert.ok(variance.ok, variance.ok ? '' : variance.error);
      const written = await writeWorkbook(variance.value, excelPort());
      assert.deepEqual(written.orphans, []);
      assert.equal(book.shown('Assumptions', driver.at), 42);
    });
    it('builds the variance workbook, and a refresh with new actuals keeps a comment on its account and month', async function () {
      this.timeout(60_000);
      const prior = await imported('pl-2025.csv', plByMonth(2025, 12, ACCOUNTS));
      const march = [prior, await imported('pl-2026.csv', plByMonth(2026, 3, ACCOUNTS))];
      const book = installFakeExcel(new FakeWorkbook());
      const planned = await buildPlanKeeping('variance', over(march), excelPort(), { practiceName: 'Family Clinic' });
      assert.ok(planned.ok, planned.ok ? '' : planned.error);
      await writeWorkbook(planned.value, excelPort());
      const before = varianceRows(book);
      const rent = before.get('5500', '2026-02', 'Comment');
      assert.ok(rent, 'a building and occupancy row for February');
      assert.equal(rent.value, null);
      await typeInto('Variance', rent.address, 'Landlord billed CAM twice; credit due');
      await typeInto('Variance', before.get('5500', '2026-02', 'Owner')!.address, 'Office manager');

      // April's actuals arrive: rows are added for April, February's comment moves with its row.
      const april = [prior, await imported('pl-2026.csv', plByMonth(2026, 4, [['4000 Patient fees', 100_000], ['5010 Physician salaries', 50_000], ['5110 Front desk wages', 8_000], ['5510 Rent', 9_500]]))];
      const again = await buildPlanKeeping('variance', over(april), excelPort(), { practiceName: 'Family Clinic' });
      assert.ok(again.ok, again.ok ? '' : again.error);
      const written = await writeWorkbook(again.value, excelPort());
      assert.ok(written.keptValues >= 2);
      assert.equal(written.orphans.length, 0);
      const after = varianceRows(book);
      assert.equal(after.get('5500', '2026-02', 'Comment')?.value, 'Landlord billed CAM twice; credit due');
      assert.equal(after.get('5500', '2026-02', 'Owner')?.value, 'Office manager');
      assert.equal(after.get('5500', '2026-04', 'Comment')?.value, null);
      assert.equal(after.get('5500', '2026-03', 'Comment')?.value, null);
      // The rows moved (April's rows came in above), and April's rent is the new export's $9,500.
      assert.notEqual(after.get('5500', '2026-02', 'Comment')?.address, rent.address);
      const table = again.value.sheets.flatMap((sh) => sh.tables).find((t) => t.table.name === 'Variance')!.table;
      const names = table.columns.map((c) => c.name);
      const row = table.rows.findIndex((r) => r[names.indexOf('Account')] === '5500' && r[names.indexOf('Month')] === '2026-04');
      assert.equal(table.columns[names.indexOf('Actual')]?.expected?.[row], 9_500);
      assert.match(String(after.get('5500', '2026-04', 'Actual')?.value), /^=SUMIFS\(Actuals\[Amount\]/);
    });
  });
});
