import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main';
import { fixture } from '../../support/paths';

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd }, out, err };
}

describe('cli/commands/price', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pw-price-'));
    writeFileSync(
      join(dir, 'terms.csv'),
      ['Payer,Payer ID,Percent of Medicare,Medicare Year,Locality,Effective From,Effective To', 'Northwind,00905,120,2025,01112-54,2025-01-01,2025-12-31'].join('\n'),
    );
    writeFileSync(join(dir, 'rates.csv'), ['Payer,Code,Modifier,Rate,Effective From', 'Northwind,36415,,3.50,2025-01-01'].join('\n'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const inputs = () => ['--in', join(dir, 'terms.csv'), join(dir, 'rates.csv'), fixture('cms_pfs', 'PPRRVU25_JAN1.csv'), fixture('cms_pfs', 'GPCI2025.csv')];

  describe('command.run', () => {
    it('prints the expected amount in cents with its steps: 99213-50 × 2 units, 120% of $92.64 = $111.17', async () => {
      const { io, out } = fakeIo(dir);
      const code = await main(['price', '--json', '--payer', '00905', '--code', '99213', '--modifiers', '25', '--units', '2', '--dos', '2025-06-15', ...inputs()], io);
      assert.equal(code, 0);
      const result = JSON.parse(out.join('\n'));
      assert.equal(result.ok, true);
      assert.equal(result.medicareCents, 9264); // (1.3 × 1.017 + 1.35 × 1.093 + 0.1 × 0.662) × 32.3465 = 92.635524025
      assert.equal(result.rateCents, 11117); // 120% × $92.64 = $111.168
      assert.equal(result.expectedCents, 22234);
      assert.equal(result.basis, 'percent-of-medicare');
      assert.ok(result.steps.some((s: { text: string }) => s.text === '× 2 units = $222.34'));
    });

    it('applies lesser of billed, and prices a carve-out at its fixed rate', async () => {
      const lesser = fakeIo(dir);
      await main(['price', '--json', '--payer', 'Northwind', '--code', '99213', '--billed', '100.00', '--dos', '2025-06-15', ...inputs()], lesser.io);
      assert.equal(JSON.parse(lesser.out.join('\n')).expectedCents, 10000);
      const carve = fakeIo(dir);
      await main(['price', '--json', '--payer', 'Northwind', '--code', '36415', '--dos', '2025-06-15', ...inputs()], carve.io);
      const r = JSON.parse(carve.out.join('\n'));
      assert.deepEqual([r.expectedCents, r.basis], [350, 'carve-out']);
    });

    it('says why a service outside the contract dates is not priced, and refuses bad arguments', async () => {
      const none = fakeIo(dir);
      await main(['price', '--json', '--payer', 'Northwind', '--code', '99213', '--dos', '2026-01-02', ...inputs()], none.io);
      assert.deepEqual(JSON.parse(none.out.join('\n')).problem, 'no-contract');
      const bad = fakeIo(dir);
      assert.equal(await main(['price', '--code', '99213', ...inputs()], bad.io), 1);
      assert.match(bad.err.join('\n'), /--payer is required/);
    });
  });
});
