import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../../cli/main';
import { fixture } from '../../support/paths';
import { northwind835 } from '../../support/northwind-835';

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd }, out, err };
}


describe('cli/commands/contracts-build', () => {
  describe('buildContractsFile (practice build --workbook contracts)', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'pw-contracts-'));
      writeFileSync(join(dir, 'terms.csv'), 'Payer,Payer ID,Percent of Medicare,Medicare Year,Locality,Effective From\nNorthwind,00905,120,2025,01112-54,2025-01-01\n');
      writeFileSync(join(dir, 'rates.csv'), 'Payer,Payer ID,Code,Rate,Effective From\nNorthwind,00905,36415,3.50,2025-01-01\n');
      writeFileSync(join(dir, 'era.835'), northwind835);
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
