import { strict as assert } from 'node:assert';
import { defaultMappingRules } from '../../../core/accounts/mapping';
import { varianceReport, type VarianceInput } from '../../../core/variance/report';

const months = (jan: number, feb: number) => [jan, feb, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/** Two months, three lines: revenue over budget, supplies over budget, rent on budget. */
function input(): VarianceInput {
  return {
    year: 2026,
    asOfMonth: 2,
    budget: new Map([
      ['4000', months(1_000_000, 1_000_000)],
      ['5300', months(50_000, 50_000)],
      ['5500', months(200_000, 200_000)],
    ]),
    actuals: [
      { account: { number: '4000', name: 'Fees' }, month: '2026-01', debitCents: -1_100_000 },
      { account: { number: '4000', name: 'Fees' }, month: '2026-02', debitCents: -950_000 },
      { account: { number: '5310', name: 'Supplies' }, month: '2026-01', debitCents: 60_000 },
      { account: { number: '5310', name: 'Supplies' }, month: '2026-02', debitCents: 65_000 },
      { account: { number: '5510', name: 'Rent' }, month: '2026-01', debitCents: 200_000 },
      { account: { number: '5510', name: 'Rent' }, month: '2026-02', debitCents: 200_000 },
    ],
    actualsFile: 'gl.csv',
    rules: defaultMappingRules,
    variableShare: new Map([['4000', 1], ['5300', 1]]),
    budgetVolume: months(1_000, 1_000),
    actualVolume: months(1_100, 950),
    materiality: { absoluteCents: 10_000, percent: 0.1, mode: 'AND' },
  };
}

describe('core/variance/report', () => {
  describe('varianceReport', () => {
    const r = varianceReport(input());

    it('computes month and year-to-date actual vs budget for each line', () => {
      const supplies = r.rows.filter((x) => x.account.id === '5300');
      assert.deepEqual(supplies.map((x) => [x.actual, x.budget, x.ytdActual, x.ytdBudget, x.favourable, x.material]), [
        [60_000, 50_000, 60_000, 50_000, false, true], // $100 over a $500 budget: 20% and ≥ $100
        [65_000, 50_000, 125_000, 100_000, false, true],
      ]);
      const revenue = r.rows.filter((x) => x.account.id === '4000');
      // February: $500 under a $10,000 budget: 5%, below the percent threshold.
      assert.deepEqual(revenue.map((x) => [x.actual - x.budget, x.favourable, x.material]), [[100_000, true, true], [-50_000, false, false]]);
    });

    it('flexes variable lines with volume: supplies at 1,100 visits are budgeted at $550', () => {
      const jan = r.rows.find((x) => x.account.id === '5300' && x.monthNo === 1);
      assert.deepEqual([jan?.flexible, jan?.volume, jan?.rate, jan?.efficiency], [55_000, 5_000, 5_000, 0]);
    });

    it('nets income month and year to date, and picks only truly favourable and unfavourable lines', () => {
      // January: 11,000 − 600 − 2,000 = 8,400 vs 10,000 − 500 − 2,000 = 7,500. February: 9,500 − 650 − 2,000 = 6,850.
      assert.deepEqual(r.trend.map((t) => [t.actualNetIncome, t.budgetNetIncome]), [[840_000, 750_000], [685_000, 750_000]]);
      assert.deepEqual(r.ytdNetIncome, { actual: 1_525_000, budget: 1_500_000 });
      // YTD: revenue +$500 (favourable); supplies −$250 (unfavourable); rent and the rest on budget (not listed).
      assert.deepEqual(r.largestFavourable.map((x) => [x.account.id, x.cents]), [['4000', 50_000]]);
      assert.deepEqual(r.largestUnfavourable.map((x) => [x.account.id, x.cents]), [['5300', -25_000]]);
    });
  });
});
