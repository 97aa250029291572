import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { detectFeeFile, importFeeFile, recognizeFeeTable } from '../../../connectors/fees/index';
import { importSource } from '../../../connectors/index';
import { sourceFromBytes } from '../../../connectors/source';
import type { ContractTerm, FeeScheduleRate } from '../../../core/model';

const csv = (name: string, text: string) => importFeeFile(sourceFromBytes(name, new TextEncoder().encode(text)));

describe('connectors/fees/schedule', () => {
  describe('readFeeScheduleRows', () => {
    it('reads rates in cents, modifiers, settings, effective dates and excluded carve-outs', async () => {
      const result = await csv(
        'acme.csv',
        [
          'Acme Health fee schedule 2025',
          'Payer,Payer ID,Plan,CPT/HCPCS,Modifier,Rate,Setting,Effective From,Effective To',
          'Acme Health,00904,PPO,99213,,"$120.15",,01/01/2025,06/30/2025',
          'Acme Health,00904,PPO,99213,,125.00,,2025-07-01,',
          'Acme Health,00904,PPO,71046,26,14.88,facility,2025-01-01,',
          'Acme Health,00904,PPO,J3301,,excluded,,2025-01-01,',
          'Acme Health,00904,PPO,99214,,abc,,2025-01-01,',
        ].join('\r\n'),
      );
      assert.equal(result.profile, 'fee-schedule');
      assert.deepEqual([result.rowsRead, result.recordsImported, result.rowsRejected], [5, 4, 1]);
      const rows = result.records as FeeScheduleRate[];
      assert.deepEqual(rows.map((r) => [r.procedureCode, r.modifier, r.rateCents, r.excluded, r.setting, r.effectiveFrom, r.effectiveTo]), [
        ['99213', '', 12015, false, undefined, '2025-01-01', '2025-06-30'],
        ['99213', '', 12500, false, undefined, '2025-07-01', undefined],
        ['71046', '26', 1488, false, 'facility', '2025-01-01', undefined],
        ['J3301', '', undefined, true, undefined, '2025-01-01', undefined],
      ]);
      assert.equal(rows[0]?.payerId, '00904');
      const bad = result.issues.find((i) => i.location.line === 7);
      assert.match(bad?.message ?? '', /"abc" is neither an amount nor "excluded"/);
    });
  });

  describe('readContractTermRows', () => {
    it('reads percent of Medicare, year, locality, setting and payment rules', async () => {
      const result = await csv(
        'terms.csv',
        [
          'Payer,Percent of Medicare,Medicare Year,Locality,Setting,Effective From,Effective To,Multiple Procedure,Bilateral %,Lesser of billed',
          'Northwind,115%,2025,1112-54,non-facility,2025-01-01,2025-12-31,100/50/25,150,yes',
          'Northwind,120,2025,01112-54,,2026-01-01,,,,no',
        ].join('\n'),
      );
      assert.equal(result.profile, 'contract-terms');
      const rows = result.records as ContractTerm[];
      assert.deepEqual(rows.map((r) => [r.percentOfMedicare, r.medicareYear, r.locality, r.setting, r.multipleProcedurePercents, r.bilateralPercent, r.lesserOfBilled, r.effectiveTo]), [
        [115, 2025, '01112-54', 'non-facility', [100, 50, 25], 150, true, '2025-12-31'],
        [120, 2025, '01112-54', undefined, [100, 50], 150, false, undefined],
      ]);
    });
  });

  describe('importFeeFile', () => {
    it('reads the same fee schedule from an XLSX sheet (dates and numbers as cells)', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Rates');
      ws.addRow(['Payer', 'Code', 'Modifier', 'Rate', 'Effective From']);
      ws.addRow(['Acme Health', '99213', '', 120.15, new Date(Date.UTC(2025, 0, 1))]);
      ws.addRow(['Acme Health', '02000', 'TC', 7, new Date(Date.UTC(2025, 0, 1))]);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      assert.equal(await detectFeeFile(sourceFromBytes('acme.xlsx', bytes)), 'fee-schedule');
      const result = await importFeeFile(sourceFromBytes('acme.xlsx', bytes));
      assert.equal(result.format, 'xlsx');
      const rows = result.records as FeeScheduleRate[];
      assert.deepEqual(rows.map((r) => [r.procedureCode, r.modifier, r.rateCents, r.effectiveFrom]), [['99213', '', 12015, '2025-01-01'], ['02000', 'TC', 700, '2025-01-01']]);
    });

    it('says so when the columns are neither a fee schedule nor contract terms', async () => {
      const result = await csv('other.csv', 'Date,Amount\n2025-01-01,5\n');
      assert.equal(recognizeFeeTable([['Date', 'Amount']]), undefined);
      assert.equal(result.issues[0]?.code, 'layout-unknown');
    });
  });

  describe('importSource', () => {
    it('routes fee schedules and the CMS files to this connector and other CSVs to the CSV importer', async () => {
      const fees = await importSource(sourceFromBytes('rates.csv', new TextEncoder().encode('Payer,Code,Rate,Effective date\nAcme,99213,120.15,2025-01-01\n')));
      assert.deepEqual([fees.profile, fees.recordsImported], ['fee-schedule', 1]);
      const other = await importSource(sourceFromBytes('things.csv', new TextEncoder().encode('Colour,Shape\nred,round\n')));
      assert.notEqual(other.profile, 'fee-schedule');
      assert.equal(other.records.length, 0);
    });
  });
});
