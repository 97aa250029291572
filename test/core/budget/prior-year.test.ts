import { strict as assert } from 'node:assert';
import { driversFromPriorYear } from '../../../core/budget/prior-year';

const month = (n: number, cents: number) => Array.from({ length: 12 }, (_, i) => (i === n ? cents : 0));

describe('core/budget/prior-year', () => {
  describe('driversFromPriorYear', () => {
    // Two providers: A sees 3 patients on 2 days, B sees 3 patients on 1 day → 6 encounters over 3 provider-days.
    const encounters = [
      { date: '2025-01-06', providerId: 'A', payerClass: 'medicare' as const },
      { date: '2025-01-06', providerId: 'A', payerClass: 'commercial' as const },
      { date: '2025-01-07', providerId: 'A', payerClass: 'commercial' as const },
      { date: '2025-02-03', providerId: 'B', payerClass: 'commercial' as const },
      { date: '2025-02-03', providerId: 'B', payerClass: 'workers_comp' as const },
      { date: '2025-02-03', providerId: 'B', payerClass: 'self_pay' as const },
      { date: '2024-12-30', providerId: 'C', payerClass: 'medicaid' as const },
    ];
    const payments = [
      { date: '2025-01-20', amountCents: 10_000, payerClass: 'medicare' as const },
      { date: '2025-02-20', amountCents: 36_000, payerClass: 'commercial' as const },
      { date: '2025-03-01', amountCents: -1_000, payerClass: 'commercial' as const },
      { date: '2025-03-02', amountCents: 5_000, payerClass: 'self_pay' as const },
    ];
    const actuals = new Map([
      ['4000', [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 200]],
      ['5300', month(0, 60_000)],
      ['5500', month(0, 1_200_000)],
      ['6000', month(0, 65)],
    ]);
    const { inputs, issues } = driversFromPriorYear({ year: 2025, encounters, payments, actuals, staff: [], capital: [], file: 'pl.csv' });

    it('takes volume from the encounters of the year only', () => {
      assert.equal(inputs.year, 2026);
      assert.equal(inputs.providers, 2);
      // 3 provider-days for 2 providers → 1.5, rounded to 2 clinic days; 6 / 3 = 2 encounters per provider-day.
      assert.equal(inputs.clinicDays, 2);
      assert.equal(inputs.encountersPerProviderDay, 2);
    });

    it('takes payer mix from encounters and net revenue per encounter from payments, by class', () => {
      // 1, 0, 3, 1, 1 (workers' comp counts as other) of 6 in whole basis points: 1,666.67 → the two
      // leftover points go to the first of the tied remainders (Medicare, self-pay).
      assert.deepEqual(inputs.mix, { medicare: 0.1667, medicaid: 0, commercial: 0.5, self_pay: 0.1667, other: 0.1666 });
      // Commercial: (360.00 − 10.00) / 3 = 116.67; medicare 100 / 1; self-pay 50 / 1; medicaid has no encounters: the average 500 / 6 = 83.33.
      assert.deepEqual(inputs.netRatePerEncounter, { medicare: 100, medicaid: 83.33, commercial: 116.67, self_pay: 50, other: 0 });
    });

    it('takes cost rates and fixed-line bases from the prior-year P&L', () => {
      assert.equal(inputs.suppliesPerEncounter, 100);
      assert.equal(inputs.priorYear['5500'], 12_000);
      // Billing 0.65 of revenue 13.00 = 5%.
      assert.equal(inputs.billingPercentOfRevenue, 0.05);
      assert.deepEqual(issues, []);
    });

    it('takes seasonality from prior-year revenue in basis points', () => {
      // 1,300 cents: eleven months of 100 (769.23 bp) and December 200 (1,538.46 bp); the 3 points
      // left go to December (.46) and then January and February (.23, earlier months first).
      assert.deepEqual(inputs.seasonality, [770, 770, 769, 769, 769, 769, 769, 769, 769, 769, 769, 1_539]);
    });
  });
});
