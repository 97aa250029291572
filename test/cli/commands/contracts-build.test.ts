import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../../cli/main';
import { fixture } from '../../support/paths';

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd }, out, err };
}

/** A two-line 835 from Northwind: 99213 allowed $105.00 (contract $111.17: underpaid) and 36415 at its $3.50 carve-out. */
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

describe('cli/commands/contracts-build', () => {
  describe('buildContractsFile (practice build --workbook contracts)', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'pw-contracts-'));
      writeFileSync(join(dir, 'terms.csv'), 'Payer,Payer ID,Percent of Medicare,Medicare Year,Locality,Effective From\nNorthwind,00905,120,2025,01112-54,2025-01-01\n');
      writeFileSync(join(dir, 'rates.csv'), 'Payer,Payer ID,Code,Rate,Effective From\nNorthwind,00905,36415,3.50,2025-01-01\n');
      writeFileSync(join(dir, 'era.835'), remit835);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('prices the 835 against the contracts, writes the workbook, and keeps a what-if percent the user typed', async () => {
      const args = ['build', '--workbook', 'contracts', '--out', join(dir, 'contracts.xlsx'), '--in', dir, fixture('cms_pfs', 'PPRRVU25_JAN1.csv'), fixture('cms_pfs', 'GPCI2025.csv')];
      const first = fakeIo(dir);
      assert.equal(await main(args, first.io), 0, first.err.join('\n'));
      assert.match(first.out.join('\n'), /Remittance lines priced 2, flagged 1, not priced 0\nBelow contract by finding: underpaid-contractual \$6\.17/);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(join(dir, 'contracts.xlsx')) as unknown as ArrayBuffer);
      const whatIf = wb.getWorksheet('What-if');
      assert.equal(whatIf?.getCell('A6').value, 'Northwind');
      assert.equal(whatIf?.getCell('E6').value, 1.2);
      whatIf!.getCell('E6').value = 1.255;
      await wb.xlsx.writeFile(join(dir, 'contracts.xlsx'));

      const second = fakeIo(dir);
      assert.equal(await main(args, second.io), 0);
      assert.match(second.out.join('\n'), /Kept 2 what-if value\(s\)/);
      const again = new ExcelJS.Workbook();
      await again.xlsx.load(readFileSync(join(dir, 'contracts.xlsx')) as unknown as ArrayBuffer);
      assert.equal(again.getWorksheet('What-if')?.getCell('E6').value, 1.255);
    });
  });
});
