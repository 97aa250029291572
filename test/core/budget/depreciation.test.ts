import { strict as assert } from 'node:assert';
import { depreciation } from '../../../core/budget/depreciation';

describe('core/budget/depreciation', () => {
  describe('depreciation', () => {
    it('charges (cost − salvage) / life from the in-service month, with the odd cents in the first months', () => {
      // $10,000.00 cost, $1,000.00 salvage, 7 months: 900,000 / 7 = 128,571 r 3.
      const months = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
      const charges = months.map((m) => depreciation(1_000_000, 100_000, 7, '2026-03', m));
      assert.deepEqual(charges, [128572, 128572, 128572, 128571, 128571, 128571, 128571]);
      assert.equal(charges.reduce((a, b) => a + b, 0), 900_000);
    });
    it('is zero before the asset is in service and after its life', () => {
      assert.equal(depreciation(1_000_000, 0, 12, '2026-03', '2026-02'), 0);
      assert.equal(depreciation(1_000_000, 0, 12, '2026-03', '2027-03'), 0);
      assert.equal(depreciation(1_200_000, 0, 12, '2026-03', '2027-02'), 100_000);
    });
    it('counts across year ends (60-month life in service Nov 2025, month 14 is Dec 2026)', () => {
      assert.equal(depreciation(6_000_000, 0, 60, '2025-11', '2026-12'), 100_000);
    });
  });
});
