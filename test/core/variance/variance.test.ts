import { strict as assert } from 'node:assert';
import { flexBudget, material, splitVariance, variance } from '../../../core/variance/variance';

describe('core/variance/variance', () => {
  describe('variance', () => {
    it('marks revenue over budget as favourable and expense over budget as unfavourable', () => {
      assert.deepEqual(variance(11_000, 10_000, 'revenue'), { dollars: 1_000, percent: 0.1, favourable: true });
      assert.deepEqual(variance(11_000, 10_000, 'expense'), { dollars: 1_000, percent: 0.1, favourable: false });
      assert.deepEqual(variance(9_000, 10_000, 'expense'), { dollars: -1_000, percent: -0.1, favourable: true });
    });
    it('gives no percent when the budget is zero, and no F/U when on budget', () => {
      assert.equal(variance(500, 0, 'expense').percent, null);
      assert.equal(variance(500, 500, 'revenue').favourable, null);
    });
    it('measures the percent against the size of a negative budget', () => {
      assert.equal(variance(-1_100, -1_000, 'expense').percent, -0.1);
    });
  });

  describe('material', () => {
    const t = { absoluteCents: 100_000, percent: 0.1 } as const;
    it('needs both thresholds under AND and either under OR', () => {
      // $1,500 over a $10,000 budget: 15% and over $1,000.
      assert.equal(material(1_150_000, 1_000_000, { ...t, mode: 'AND' }), true);
      // $1,500 over a $100,000 budget: 1.5%: only the absolute test passes.
      assert.equal(material(10_150_000, 10_000_000, { ...t, mode: 'AND' }), false);
      assert.equal(material(10_150_000, 10_000_000, { ...t, mode: 'OR' }), true);
      // $50 over a $100 budget: 50% but below $1,000.
      assert.equal(material(15_000, 10_000, { ...t, mode: 'AND' }), false);
      assert.equal(material(15_000, 10_000, { ...t, mode: 'OR' }), true);
    });
    it('uses only the absolute test when the budget is zero', () => {
      assert.equal(material(99_999, 0, { ...t, mode: 'OR' }), false);
      assert.equal(material(100_000, 0, { ...t, mode: 'AND' }), true);
    });
  });

  describe('flexBudget', () => {
    it('restates the variable share at actual volume and keeps the fixed share', () => {
      // $10,000 budget for 1,000 visits, 60% variable, 1,100 actual: 10,000 + 6,000 × 10% = $10,600.
      assert.equal(flexBudget(1_000_000, 1_000, 1_100, 0.6), 1_060_000);
      assert.equal(flexBudget(1_000_000, 1_000, 1_100, 0), 1_000_000);
      assert.equal(flexBudget(1_000_000, 0, 1_100, 1), 1_000_000);
    });
    it('rounds the restated amount to the cent once', () => {
      // $100.00 × (2/3 more volume): 100 × 2/3 = 66.666… → 66.67.
      assert.equal(flexBudget(10_000, 3, 5, 1), 16_667);
    });
  });

  describe('splitVariance', () => {
    it('splits a supplies variance into volume, price and usage that add up to the total (hand-computed)', () => {
      // Budget: 1,000 visits × 2 units × $5.00 = $10,000. Actual: 1,100 visits used 2,310 units paid $11,781.
      // Flexible: 1,100 × 2 × $5 = $11,000 → volume +$1,000. At standard price: 2,310 × $5 = $11,550
      // → efficiency +$550. Rate: $11,781 − $11,550 = +$231. Total +$1,781.
      const s = splitVariance({
        actual: 1_178_100,
        budget: 1_000_000,
        budgetVolume: 1_000,
        actualVolume: 1_100,
        variableShare: 1,
        actualInputs: { quantity: 2_310, standardPriceCents: 500 },
      });
      assert.deepEqual(s, { total: 178_100, volume: 100_000, efficiency: 55_000, rate: 23_100, flexible: 1_100_000 });
      assert.equal(s.volume + s.rate + s.efficiency, s.total);
    });
    it('reports the flexible-budget variance as rate when no input quantity is known', () => {
      // Revenue: budget $50,000 at 500 visits; actual 480 visits brought $49,440 ($103/visit vs $100).
      const s = splitVariance({ actual: 4_944_000, budget: 5_000_000, budgetVolume: 500, actualVolume: 480, variableShare: 1 });
      assert.deepEqual(s, { total: -56_000, volume: -200_000, efficiency: 0, rate: 144_000, flexible: 4_800_000 });
    });
    it('splits staff cost (fixed in volume) into hours used and rate paid', () => {
      // Budget $41,600 = 2,080 h × $20; actual 2,150 h paid $44,075 ($20.50/h).
      const s = splitVariance({
        actual: 4_407_500,
        budget: 4_160_000,
        budgetVolume: 900,
        actualVolume: 950,
        variableShare: 0,
        actualInputs: { quantity: 2_150, standardPriceCents: 2_000 },
      });
      assert.deepEqual(s, { total: 247_500, volume: 0, efficiency: 140_000, rate: 107_500, flexible: 4_160_000 });
    });
    it('adds up exactly for awkward amounts and fractional shares (property)', () => {
      for (let i = 1; i < 400; i++) {
        const input = {
          actual: 1_000_003 * i + 7,
          budget: 999_999 * (i % 17) + 1,
          budgetVolume: 97 + (i % 13),
          actualVolume: 89 + (i % 29),
          variableShare: (i % 7) / 7,
          actualInputs: i % 3 === 0 ? undefined : { quantity: 10.3 * i, standardPriceCents: 333.3 },
        };
        const s = splitVariance(input);
        assert.equal(s.volume + s.rate + s.efficiency, input.actual - input.budget);
        assert.ok([s.volume, s.rate, s.efficiency].every(Number.isSafeInteger));
      }
    });
  });
});
