import { strict as assert } from 'node:assert';
import { aggregate } from '../../../core/aggregate';
import { kpiById, kpis, type KpiQuery, type KpiResult } from '../../../core/kpi';
import { smallPractice } from './small-practice';

const agg = aggregate(smallPractice());
const month = (m: string): KpiQuery => ({ period: { kind: 'month', month: m }, slice: { dimension: 'all', key: 'all' } });
const t12 = (m: string): KpiQuery => ({ period: { kind: 't12', month: m }, slice: { dimension: 'all', key: 'all' } });

function value(id: string, query: KpiQuery): number {
  const kpi = kpiById(id);
  assert.ok(kpi, id);
  const r: KpiResult = kpi.compute(agg, query);
  assert.ok('value' in r, `${id}: ${'unavailable' in r ? r.unavailable : ''}`);
  return r.value;
}

function unavailable(id: string, query: KpiQuery): string {
  const r = kpiById(id)?.compute(agg, query);
  assert.ok(r && 'unavailable' in r, `${id} should be unavailable`);
  return r.unavailable;
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('core/kpi', () => {
  describe('registry', () => {
    it('holds every KPI id the issue names, each once', () => {
      const required = [
        'gross_collection_rate', 'net_collection_rate', 'days_in_ar', 'ar_over_90_pct', 'ar_over_120_pct', 'initial_denial_rate_count',
        'initial_denial_rate_dollars', 'charge_lag_days', 'avg_payment_per_encounter', 'payer_mix_charges', 'payer_mix_payments',
        'payer_mix_encounters', 'encounters', 'unique_patients', 'new_patient_ratio', 'visits_per_provider_day', 'wrvus_per_provider',
        'collections_per_wrvu', 'no_show_rate', 'late_cancel_rate', 'scheduling_lead_time_days', 'cycle_time_minutes', 'wait_time_minutes',
      ];
      for (const id of required) assert.ok(kpiById(id), id);
      assert.equal(new Set(kpis.map((k) => k.id)).size, kpis.length);
      for (const k of kpis) assert.ok(k.source.length > 0 && k.formulaText.length > 0 && k.dateBasis.length > 0, k.id);
    });
  });

  describe('revenue cycle', () => {
    it('gross collection rate = payments ÷ charges of the month', () => {
      close(value('gross_collection_rate', month('2024-01')), 60 / 300); // Jan: paid 60 of 100 + 200 charged
      close(value('gross_collection_rate', month('2024-02')), 150 / 300);
    });
    it('net collection rate removes contractual (CO-45) but not denial (CO-50) adjustments', () => {
      close(value('net_collection_rate', month('2024-01')), 60 / (300 - 30));
      close(value('net_collection_rate', month('2024-02')), 150 / (300 - 100)); // the CO-50 write-off of 50 stays in
    });
    it('days in A/R = open A/R at month end ÷ average daily net revenue of the 3 months ending with it', () => {
      // End of Feb: C1 100−60−30 = 10, C2 200−50 = 150, C3 300−150−100 = 50 → 210. Dec–Feb net revenue 600 − 130 = 470 over 31+31+29 days.
      close(value('days_in_ar', month('2024-02')), 210 / (470 / 91));
    });
    it('ages A/R from the date of service at each month end', () => {
      // End of April: C1 10 (111 days), C2 30 (101 days), C3 50 (85 days) → over 90 = 40 of 90, over 120 = 0.
      close(value('ar_over_90_pct', month('2024-04')), 40 / 90);
      close(value('ar_over_120_pct', month('2024-04')), 0);
      // End of May: C1 paid off; C2 30 (132 days), C3 50 (116 days).
      close(value('ar_over_90_pct', month('2024-05')), 1);
      close(value('ar_over_120_pct', month('2024-05')), 30 / 80);
    });
    it('initial denials from CARC-coded adjustments, HFMA 3-month base and same-month variants', () => {
      // First payer action: C1 Jan 31 (paid), C2 Feb 10 (CO-50 denial), C3 Feb 28 (paid).
      close(value('initial_denial_rate_count_same_month', month('2024-02')), 1 / 2);
      close(value('initial_denial_rate_dollars_same_month', month('2024-02')), 200 / 500);
      close(value('initial_denial_rate_count', month('2024-02')), 1 / (3 / 3)); // Dec–Feb: 3 claims adjudicated
      close(value('initial_denial_rate_dollars', month('2024-02')), 200 / (600 / 3));
      assert.match(unavailable('initial_denial_rate_count_same_month', month('2024-04')), /not available: no claims adjudicated/);
    });
    it('charge lag and payment per encounter', () => {
      close(value('charge_lag_days', month('2024-01')), (2 + 5) / 2);
      close(value('avg_payment_per_encounter', month('2024-01')), 6000 / 2); // cents
    });
    it('payer mix is a share of the period total', () => {
      const q = { period: { kind: 'month' as const, month: '2024-01' }, slice: { dimension: 'payerClass' as const, key: 'medicare' } };
      close(value('payer_mix_charges', q), 100 / 300);
      close(value('payer_mix_encounters', q), 2 / 2); // both January encounters are Medicare
    });
  });

  describe('volume and productivity', () => {
    it('counts encounters and distinct patients (not additive across months)', () => {
      assert.equal(value('encounters', month('2024-02')), 2);
      assert.equal(value('unique_patients', month('2024-01')), 2);
      assert.equal(value('unique_patients', month('2024-02')), 2);
      assert.equal(value('unique_patients', t12('2024-02')), 3); // p1, p2, p3
    });
    it('new-patient ratio and visits per clinic day', () => {
      close(value('new_patient_ratio', month('2024-02')), 1 / 2);
      close(value('visits_per_provider_day', month('2024-01')), 2 / 2); // Dr A on Jan 10, Dr B on Jan 20
      close(value('visits_per_provider_day', month('2024-02')), 2 / 1); // both with Dr A on Feb 5
    });
    it('wRVUs are unavailable without the CMS RVU file, never zero', () => {
      assert.equal(unavailable('wrvus_per_provider', month('2024-01')), 'not available: needs the CMS RVU file');
      assert.equal(unavailable('collections_per_wrvu', month('2024-01')), 'not available: needs the CMS RVU file');
    });
  });

  describe('access and operations', () => {
    it('no-show and late-cancellation rates over kept-or-lost appointments', () => {
      close(value('no_show_rate', month('2024-01')), 1 / 3); // 1 no-show, 2 completed
      close(value('late_cancel_rate', month('2024-01')), 1 / 4);
    });
    it('lead, cycle and wait times', () => {
      close(value('scheduling_lead_time_days', month('2024-01')), (9 + 10) / 2);
      close(value('cycle_time_minutes', month('2024-01')), (45 + 60) / 2);
      close(value('wait_time_minutes', month('2024-01')), (10 + 15) / 2);
    });
    it('says what is missing for a month without appointments', () => {
      assert.match(unavailable('no_show_rate', month('2024-02')), /^not available: no completed or no-show appointments/);
    });
  });
});
