import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { buildPlan } from '../../addin/plans';
import { writeWorkbook } from '../../addin/workbooks';
import { importSource } from '../../connectors/index';
import { sourceFromBytes } from '../../connectors/source';
import { excelPort } from '../../render/office/excel-adapter';
import { FakeWorkbook, installFakeExcel } from '../fakes/excel';
import { fixture } from '../support/paths';
import { northwind835 } from '../support/northwind-835';


const text = (name: string, content: string) => importSource(sourceFromBytes(name, new TextEncoder().encode(content)));

describe('addin/workbooks', () => {
  describe('buildPlan', () => {
    it('says what to do when nothing was imported', () => {
      const planned = buildPlan('kpi', []);
      assert.equal(planned.ok, false);
      assert.match(planned.ok ? '' : planned.error, /import export files first/);
    });
  });

  describe('writeWorkbook', () => {
    it('builds the contracts workbook into the open workbook and keeps a what-if percent typed there', async function () {
      this.timeout(60_000);
      const results = [
        await text('terms.csv', 'Payer,Payer ID,Percent of Medicare,Medicare Year,Locality,Effective From\nNorthwind,00905,120,2025,01112-54,2025-01-01\n'),
        await text('rates.csv', 'Payer,Payer ID,Code,Rate,Effective From\nNorthwind,00905,36415,3.50,2025-01-01\n'),
        await text('era.835', northwind835),
        await importSource(sourceFromBytes('PPRRVU25_JAN1.csv', readFileSync(fixture('cms_pfs', 'PPRRVU25_JAN1.csv')))),
        await importSource(sourceFromBytes('GPCI2025.csv', readFileSync(fixture('cms_pfs', 'GPCI2025.csv')))),
      ];
      const planned = buildPlan('contracts', results, { practiceName: 'Test Clinic' });
      assert.ok(planned.ok, planned.ok ? '' : planned.error);
      const book = installFakeExcel(new FakeWorkbook());
      const first = await writeWorkbook(planned.value, excelPort());
      assert.ok(first.stats.syncs > 0);
      assert.equal(book.shown('What-if', 'A6'), 'Northwind');
      assert.equal(book.shown('What-if', 'E6'), 1.2);
      // The manager types a proposal in Excel; a rebuild keeps it.
      book.cell('What-if', 'E6')!.value = 1.255;
      const second = await writeWorkbook(planned.value, excelPort());
      assert.ok(second.keptValues >= 1);
      assert.equal(book.shown('What-if', 'E6'), 1.255);
    });
  });
});
