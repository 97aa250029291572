import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { buildPlan, writeWorkbook } from '../../addin/workbooks';
import { importSource } from '../../connectors/index';
import { sourceFromBytes } from '../../connectors/source';
import { excelPort } from '../../render/office/excel-adapter';
import { FakeWorkbook, installFakeExcel } from '../fakes/excel';
import { fixture } from '../support/paths';

/** A one-claim 835 from Northwind: 99213 allowed $105.00, 36415 at its $3.50 carve-out. */
const remit835 = [
  'ST*835*0001~',
  'BPR*I*108.50*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*123456*20250320~',
  'TRN*1*EFT0001*1512345678~',
  'N1*PR*Northwind*XV*00905~',
  'N1*PE*Test Clinic*XX*1234567893~',
  'LX*1~',
  'CLP*CLM1*1*420*108.5**12*PAYERCTL1~',
  'SVC*HC:99213*400*105**1~',
  'DTM*472*20250303~',
  'CAS*CO*45*295~',
  'AMT*B6*105~',
  'SVC*HC:36415*20*3.5**1~',
  'DTM*472*20250303~',
  'CAS*CO*45*16.5~',
  'AMT*B6*3.5~',
  'SE*15*0001~',
].join('\n');

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
        await text('era.835', remit835),
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
