import { strict as assert } from 'node:assert';
import { depreciationDollars, sheetMonth, spreadDollars } from '../../../core/budget/sheet-functions';

describe('core/budget/sheet-functions', () => {
  describe('spreadDollars', () => {
    it('spreads $100,000.01 evenly to twelve amounts that add up to it', () => {
      const r = spreadDollars(100_000.01, 'even');
      assert.ok(r.ok);
      if (r.ok) {
        assert.deepEqual(r.value.slice(0, 6), [8333.34, 8333.34, 8333.34, 8333.34, 8333.34, 8333.33]);
        assert.equal(Math.round(r.value.reduce((s, v) => s + v, 0) * 100), 10_000_001);
      }
    });
    it('names an unknown method', () => {
      const r = spreadDollars(100, 'weekly');
      assert.equal(r.ok, false);
    });
  });
  describe('sheetMonth', () => {
    it('reads Excel date serials and YYYY-MM text', () => {
      // 46023 = 2026-01-01 in Excel's 1900 date system.
      assert.equal(sheetMonth(46023), '2026-01');
      assert.equal(sheetMonth('2026-04'), '2026-04');
      assert.equal(sheetMonth('2026-13'), undefined);
    });
  });
  describe('depreciationDollars', () => {
    it('charges $10,000 less $1,000 salvage over 7 months with the odd cents first', () => {
      assert.deepEqual(depreciationDollars(10_000, 1_000, 7, '2026-03', '2026-03'), { ok: true, value: 1285.72 });
      assert.deepEqual(depreciationDollars(10_000, 1_000, 7, 46082, '2026-09'), { ok: true, value: 1285.71 });
      assert.equal(depreciationDollars(10_000, 0, 0, '2026-03', '2026-03').ok, false);
    });
  });
});
