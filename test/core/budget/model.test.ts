import { strict as assert } from 'node:assert';
import { BudgetLine } from '../../../core/model';
import { budgetLineRecords, computeBudget, variableShare, volumeByMonth } from '../../../core/budget/model';
import { fixtureAssumptions } from '../plan/budget-fixture';

describe('core/budget/model', () => {
  const a = fixtureAssumptions();
  const b = computeBudget(a, 'base');
  if (!b.ok) throw new Error(b.error);
  const budget = b.value;

  describe('computeBudget', () => {
    it('moves volume-driven lines with the scenario (conservative: 19 encounters a day instead of 20)', () => {
      const c = computeBudget(a, 'conservative');
      assert.ok(c.ok);
      if (!c.ok) return;
      assert.equal(c.value.volume, 3 * 220 * 19);
      const supplies = c.value.lines.find((l) => l.account === '5300');
      // 12,540 × $6.67 (supplies +5%: 6.35 × 1.05 = 6.6675 → 6.67) = $83,641.80.
      assert.equal(supplies?.driverAnnualCents, 8_364_180);
    });
    it('names no driver it does not have', () => {
      assert.throws(() => computeBudget({ ...a, drivers: a.drivers.filter((d) => d.id !== 'Providers') }, 'base'), /no driver named Providers/);
    });
  });

  describe('budgetLineRecords', () => {
    it('gives one valid BudgetLine per account and month that adds up to the budget', () => {
      const records = budgetLineRecords(budget, 'budget.xlsx', a.lines);
      assert.equal(records.length, budget.lines.length * 12);
      for (const r of records) BudgetLine.parse(r);
      const rent = records.filter((r) => r.account === '5500');
      assert.equal(rent.reduce((s, r) => s + r.amountCents, 0), budget.lines.find((l) => l.account === '5500')?.totalCents);
      assert.equal(rent[0]?.driver, 'prior year × (1 + inflation)');
    });
  });

  describe('volumeByMonth and variableShare', () => {
    it('spreads whole encounters like revenue and flexes only variable lines', () => {
      const v = volumeByMonth(budget);
      assert.equal(v.reduce((s, x) => s + x, 0), 13_200);
      assert.deepEqual([variableShare('variable'), variableShare('fixed'), variableShare('step')], [1, 0, 0]);
    });
  });
});
