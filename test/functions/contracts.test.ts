import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { buildPlan } from '../../addin/plans';
import { importSource } from '../../connectors/index';
import { sourceFromBytes } from '../../connectors/source';
import { expected, medicare, useWorkbookReader } from '../../functions/contracts';
import { renderToWorkbook } from '../../render/office';
import { excelPort } from '../../render/office/excel-adapter';
import { FakeCustomFunctionError, installFakeCustomFunctions } from '../fakes/custom-functions';
import { fakeWorkbookReader, FakeWorkbook, installFakeExcel } from '../fakes/excel';
import { fixture } from '../support/paths';
import { northwind835 } from '../support/northwind-835';


const text = (name: string, content: string) => importSource(sourceFromBytes(name, new TextEncoder().encode(content)));

/**
 * The CMS formula by hand, in integers: RVUs have 2 decimals, GPCIs 3, the conversion factor 4, so
 * the product has 9; one rounding to the cent (half up) at the end. Values from PPRRVU25_JAN1.csv
 * and GPCI2025.csv (locality 01112-54, Bakersfield: work 1.017, PE 1.093, MP 0.662; CF 32.3465).
 */
function cmsCents(work: number, pe: number, mp: number, g: [number, number, number] = [1017, 1093, 662]): number {
  const rvuGpci = BigInt(work) * BigInt(g[0]) + BigInt(pe) * BigInt(g[1]) + BigInt(mp) * BigInt(g[2]);
  const product = rvuGpci * 323465n; // scale 1e9 dollars = 1e7 cents
  return Number((product + 5_000_000n) / 10_000_000n);
}
// 99213: work 1.30, non-facility PE 1.35, facility PE 0.57, MP 0.10. 71046-26: 0.22, 0.08, 0.01.
const M99213 = cmsCents(130, 135, 10);
const M99213_FACILITY = cmsCents(130, 57, 10);
const M71046_26 = cmsCents(22, 8, 1);

async function sheetError(call: () => Promise<unknown>, code: string): Promise<FakeCustomFunctionError> {
  try {
    await call();
  } catch (e) {
    assert.ok(e instanceof FakeCustomFunctionError, `expected a CustomFunctions.Error, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail('expected an error');
}

describe('functions/contracts', () => {
  let book: FakeWorkbook;
  let reader: ReturnType<typeof fakeWorkbookReader>;

  before(async function () {
    this.timeout(60_000);
    installFakeCustomFunctions();
    const results = [
      await text('terms.csv', 'Payer,Payer ID,Percent of Medicare,Medicare Year,Locality,Effective From\nNorthwind,00905,120,2025,01112-54,2025-01-01\n'),
      await text('rates.csv', 'Payer,Payer ID,Code,Modifier,Rate,Effective From\nNorthwind,00905,36415,,3.50,2025-01-01\nContoso,C1,99213,,88.00,2025-01-01\nContoso,C1,71046,26,12.00,2025-01-01\n'),
      await text('era.835', northwind835),
      await importSource(sourceFromBytes('PPRRVU25_JAN1.csv', readFileSync(fixture('cms_pfs', 'PPRRVU25_JAN1.csv')))),
      await importSource(sourceFromBytes('GPCI2025.csv', readFileSync(fixture('cms_pfs', 'GPCI2025.csv')))),
    ];
    const planned = buildPlan('contracts', results, { practiceName: 'Test Clinic' });
    assert.ok(planned.ok, planned.ok ? '' : planned.error);
    book = installFakeExcel(new FakeWorkbook());
    await renderToWorkbook(planned.value, excelPort());
    reader = fakeWorkbookReader(book);
    useWorkbookReader(reader);
  });

  describe('MEDICARE', () => {
    it('prices 99213 in the office from RVUs × GPCIs × CF, rounded once to the cent', async () => {
      assert.equal(M99213, 9264); // (1.3 × 1.017 + 1.35 × 1.093 + 0.1 × 0.662) × 32.3465 = 92.6349…
      assert.equal(await medicare('99213'), M99213 / 100);
    });
    it('prices the facility setting with the facility PE RVU', async () => {
      assert.equal(await medicare('99213', '', '', true), M99213_FACILITY / 100);
      assert.equal(await medicare('99213', undefined, '01112-54', 'facility' as unknown as boolean), M99213_FACILITY / 100);
    });
    it('prices the professional component from the file own 26 row', async () => {
      assert.equal(await medicare('71046', '26'), M71046_26 / 100);
    });
    it('reads the tables once for many calls', async () => {
      useWorkbookReader(reader); // forget what earlier tests read
      const before = reader.reads;
      await Promise.all([medicare('99213'), medicare('71046', '26'), expected('Northwind', '99213', '', 1, undefined, '2025-03-03')]);
      await medicare('99213', '', '', true);
      assert.equal(reader.reads - before, 1);
    });
    it('says a code is not in the RVU table as #N/A', async () => {
      const e = await sheetError(() => medicare('99999'), '#N/A');
      assert.match(e.message, /Code 99999 is not in the CMS RVU table/);
    });
    it('refuses a locality whose GPCIs the workbook does not hold', async () => {
      const e = await sheetError(() => medicare('99213', '', '05102-99'), '#N/A');
      assert.match(e.message, /locality 01112-54 only, not 05102-99/);
    });
    it('refuses a facility flag it cannot read', async () => {
      await sheetError(() => medicare('99213', '', '', 'hospital-ish' as unknown as boolean), '#VALUE!');
    });
  });

  describe('EXPECTED', () => {
    it('prices a percent-of-Medicare contract: 120 % of the Medicare allowed, rounded to the cent', async () => {
      const hand = Math.round((M99213 * 120) / 100); // 9264 × 1.2 = 11116.8 → 11117
      assert.equal(await expected('Northwind', '99213', '', 1, undefined, '2025-03-03'), hand / 100);
      assert.equal(await expected('NORTHWIND', '99213', undefined, undefined, undefined, 45719 /* 2025-03-03 */), hand / 100);
    });
    it('prices a fee-schedule rate, a carve-out times units, and the lesser of billed', async () => {
      assert.equal(await expected('Contoso', '99213', '', 1, undefined, '03/03/2025'), 88);
      assert.equal(await expected('Northwind', '36415', '', 2, undefined, '2025-03-03'), 7);
      assert.equal(await expected('Northwind', '36415', '', 2, 5, '2025-03-03'), 5);
    });
    it('says there is no contract for an unknown payer as #N/A, and a date before every contract too', async () => {
      await sheetError(() => expected('Acme Health', '99213', '', 1, undefined, '2025-03-03'), '#N/A');
      await sheetError(() => expected('Contoso', '99213', '', 1, undefined, '2024-03-03'), '#N/A');
    });
    it('refuses zero units and a date it cannot read as #VALUE!', async () => {
      assert.match((await sheetError(() => expected('Contoso', '99213', '', 0), '#VALUE!')).message, /units/);
      assert.match((await sheetError(() => expected('Contoso', '99213', '', 1, undefined, 'soon'), '#VALUE!')).message, /date of service/);
    });
  });

  describe('the cached contract book', () => {
    it('is read again after the Medicare sheet changes (a new work GPCI changes the price)', async () => {
      const before = reader.reads;
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Medicare').getRange('B6').values = [[1.1]];
        await context.sync();
      });
      assert.equal(await medicare('99213'), cmsCents(130, 135, 10, [1100, 1093, 662]) / 100);
      assert.equal(reader.reads - before, 1);
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Medicare').getRange('B6').values = [[1.017]];
        await context.sync();
      });
      assert.equal(await medicare('99213'), M99213 / 100);
    });
    it('says when the file has no contract workbook', async () => {
      const empty = new FakeWorkbook();
      useWorkbookReader(fakeWorkbookReader(empty));
      try {
        const e = await sheetError(() => medicare('99213'), '#N/A');
        assert.match(e.message, /No contract workbook in this file: build the Contracts workbook first/);
      } finally {
        useWorkbookReader(reader);
      }
    });
  });
});
