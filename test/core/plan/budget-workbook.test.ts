import { strict as assert } from 'node:assert';
import { computeBudget } from '../../../core/budget/model';
import { buildBudgetWorkbook } from '../../../core/plan/budget-workbook';
import { validatePlan } from '../../../core/plan/validate';
import { isFormulaCell } from '../../../core/plan/types';
import { fixtureAssumptions, YEAR } from './budget-fixture';

function build() {
  const r = buildBudgetWorkbook({ practiceName: 'Demo Family Practice', assumptions: fixtureAssumptions(), scenario: 'base', priorYearRevenueByMonth: Array(12).fill(10_000_000), sources: [], issues: [] });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('core/plan/budget-workbook', () => {
  describe('buildBudgetWorkbook', () => {
    it('builds a valid, share-safe plan', () => {
      const b = build();
      assert.deepEqual(validatePlan(b.plan), []);
      assert.equal(b.plan.shareSafe, true);
      assert.deepEqual(b.plan.sheets.map((s) => s.name), ['Assumptions', 'Operating budget', 'Spread calc', 'Capital budget', 'Scenario compare', 'Seasonality', 'About', 'Import log']);
    });

    it('computes the driver lines as a person would (hand-computed)', () => {
      const b = build();
      const line = (id: string) => b.budget.lines.find((l) => l.account === id);
      // 13,200 encounters × $6.35 = $83,820.00 of medical supplies.
      assert.equal(line('5300')?.driverAnnualCents, 8_382_000);
      // Staff: 2.5 × 19.25 × 2080 × 1.24 = 124,124.00; 4 × 21.40 × 2080 × 1.24 = 220,779.52; 1.5 × 24.10 × 2080 × 1.24 = 93,238.08.
      assert.equal(line('5100')?.driverAnnualCents, 12_412_400 + 22_077_952 + 9_323_808);
      // IT: 3 seats × $7,200. Rent: $100,000.01 × 1.03 = $103,000.0103 → $103,000.01.
      assert.equal(line('5200')?.driverAnnualCents, 2_160_000);
      assert.equal(line('5500')?.driverAnnualCents, 10_300_001);
      // Revenue: Σ ROUND(13,200 × mix × rate, 2) = 454,469.40 + 121,176.00 + 726,541.20 + 29,330.40 + 34,851.96.
      assert.equal(line('4000')?.driverAnnualCents, 45_446_940 + 12_117_600 + 72_654_120 + 2_933_040 + 3_485_196);
    });

    it('spreads every line to its annual amount to the cent and adds depreciation to furniture and equipment', () => {
      const b = build();
      for (const l of b.budget.lines) {
        const spread = l.months.reduce((s, c) => s + c, 0) - (l.account === '5600' ? b.budget.depreciation.reduce((s, c) => s + c, 0) : 0);
        assert.equal(spread, l.driverAnnualCents, l.account);
      }
      // Ultrasound: (35,000.00 − 3,500.01) / 60 = 52,499.83 r 39 cents → 52,500 cents in its first 39 months; in service April.
      // Computers: 9,000 / 36 = $250.00 a month all year.
      assert.equal(b.budget.depreciation[2], 25_000);
      assert.equal(b.budget.depreciation[3], 25_000 + 52_500);
      assert.equal(b.budget.capitalCash.reduce((s, c) => s + c, 0), 3_500_000);
      assert.equal(b.budget.capitalCash[2], 3_500_000);
    });

    it('gives Scenario compare the same totals the core computes for each scenario', () => {
      const b = build();
      const sheet = b.plan.sheets.find((s) => s.name === 'Scenario compare');
      const conservative = computeBudget(fixtureAssumptions(), 'conservative');
      assert.ok(conservative.ok);
      if (!conservative.ok) return;
      const net = conservative.value.lines.reduce((s, l) => s + (l.account.startsWith('4') ? 1 : -1) * l.totalCents, 0);
      const niCell = sheet?.cells.find((c) => c.at === `D${5 + b.budget.lines.length - 1 + 4}`);
      assert.ok(niCell && isFormulaCell(niCell));
      if (niCell && isFormulaCell(niCell)) assert.equal(niCell.expected, net / 100);
      assert.equal(YEAR, b.budget.year);
    });

    it('keeps the user\'s driver values and scenario on rebuild', () => {
      const b = buildBudgetWorkbook({
        practiceName: 'Demo',
        assumptions: fixtureAssumptions(),
        scenario: 'base',
        priorYearRevenueByMonth: Array(12).fill(0),
        sources: [],
        issues: [],
        userValues: { cells: new Map<string, string | number>([['driver:EncountersPerProviderDay:optimistic', 25], ['budget:scenario', 'Optimistic']]), rows: new Map() },
      });
      assert.ok(b.ok);
      if (b.ok) {
        assert.equal(b.value.budget.scenario, 'optimistic');
        assert.equal(b.value.budget.volume, 3 * 220 * 25);
      }
    });
  });
});

describe('core/plan/budget-workbook (wRVU basis)', () => {
  describe('buildBudgetWorkbook', () => {
    it('budgets revenue as providers × wRVUs × mix × net rate per wRVU (hand-computed) in a valid plan', async () => {
      const { defaultAssumptions } = await import('../../../core/budget/model');
      const a = defaultAssumptions({
        year: 2026,
        providers: 2,
        clinicDays: 0,
        encountersPerProviderDay: 0,
        volumeBasis: 'wrvus',
        wrvusPerProvider: 5_000,
        mix: { medicare: 0.5, medicaid: 0, commercial: 0.5, self_pay: 0, other: 0 },
        netRatePerEncounter: { medicare: 36.5, medicaid: 0, commercial: 52.25, self_pay: 0, other: 0 },
        priorYear: {},
        staff: [],
        providerCompPerFte: 0,
        suppliesPerEncounter: 1.1,
        drugsPerEncounter: 0,
        itCostPerProviderSeat: 0,
        billingPercentOfRevenue: 0,
        capital: [],
        seasonality: [833, 833, 833, 833, 834, 834, 834, 834, 833, 833, 833, 833],
      });
      const r = buildBudgetWorkbook({ practiceName: 'RVU practice', assumptions: { ...a, lines: a.lines.filter((l) => ['4000', '5300'].includes(l.account)) }, scenario: 'base', priorYearRevenueByMonth: [], sources: [], issues: [] });
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.deepEqual(validatePlan(r.value.plan), []);
      // 10,000 wRVUs: 5,000 × $36.50 + 5,000 × $52.25 = $443,750.00; supplies 10,000 × $1.10 = $11,000.00.
      assert.deepEqual(r.value.budget.lines.map((l) => [l.account, l.totalCents]), [['4000', 44_375_000], ['5300', 1_100_000]]);
      assert.ok(!r.value.plan.namedRanges.some((n) => n.name === 'ClinicDays'));
    });
  });
});
