import { strict as assert } from 'node:assert';
import { flexBudgetDollars, isMaterial, varianceRow } from '../../../core/variance/sheet-functions';

describe('core/variance/sheet-functions', () => {
  describe('varianceRow', () => {
    it('spills dollars, percent and F/U', () => {
      assert.deepEqual(varianceRow(1100, 1000, 'expense'), { ok: true, value: [100, 0.1, 'U'] });
      assert.deepEqual(varianceRow(1100, 1000, 'Revenue'), { ok: true, value: [100, 0.1, 'F'] });
      assert.deepEqual(varianceRow(50, 0, 'expense'), { ok: true, value: [50, '', 'U'] });
      assert.equal(varianceRow(1, 1, 'asset').ok, false);
    });
  });
  describe('isMaterial', () => {
    it('combines the thresholds as asked', () => {
      assert.deepEqual(isMaterial(1050, 1000, 100, 0.05, 'AND'), { ok: true, value: false });
      assert.deepEqual(isMaterial(1050, 1000, 100, 0.05, 'OR'), { ok: true, value: true });
      assert.equal(isMaterial(1, 1, 1, 1, 'XOR').ok, false);
    });
  });
  describe('flexBudgetDollars', () => {
    it('restates the variable share at actual volume', () => {
      assert.deepEqual(flexBudgetDollars(10_000, 1_000, 1_100, 0.6), { ok: true, value: 10_600 });
      assert.equal(flexBudgetDollars(10_000, 1_000, 1_100, 1.5).ok, false);
    });
  });
});
