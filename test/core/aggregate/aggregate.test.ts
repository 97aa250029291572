import { strict as assert } from 'node:assert';
import { aggregate } from '../../../core/aggregate';
import { agingBucket } from '../../../core/aggregate/aging';
import { factMeasures } from '../../../core/aggregate/definitions';
import { assembleDataset } from '../../../core/dataset';
import { kpiById } from '../../../core/kpi';
import { ChargeLine, MedicareRvu, RemitClaim, type CanonicalRecord } from '../../../core/model';
import { smallPractice } from '../kpi/small-practice';

const lineage = { source: 'hand.csv', profile: 'test' };

function dataset(records: CanonicalRecord[]) {
  return assembleDataset([{ file: 'hand', format: 'csv', rowsRead: records.length, recordsImported: records.length, rowsRejected: 0, records, issues: [] }]);
}

function rvu(code: string, workRvu: number, year = 2024): MedicareRvu {
  return MedicareRvu.parse({
    type: 'medicare-rvu', key: `rvu-${code}-${year}`, lineage, year, procedureCode: code, statusCode: 'A', workRvu, nonFacilityPeRvu: 1, facilityPeRvu: 1,
    mpRvu: 0.1, pcTcIndicator: '0', multipleProcedureIndicator: '0', bilateralIndicator: '0', conversionFactor: 32.3465,
  });
}

const jan = { period: { kind: 'month' as const, month: '2024-01' }, slice: { dimension: 'all' as const, key: 'all' } };

describe('core/aggregate', () => {
  describe('aggregate', () => {
    it('keys providers in name order and files payments under the claim’s provider and payer', () => {
      const agg = aggregate(smallPractice());
      assert.deepEqual(agg.providers, [{ key: 'P01', name: 'Dr Adams' }, { key: 'P02', name: 'Dr Baker' }]);
      // C2 (Dr Baker, Aetna) was paid 120.00 on 2024-03-05 by a row that names only the claim.
      const march = agg.facts.filter((f) => f.month === '2024-03' && f.measures.paymentCents > 0);
      assert.deepEqual(
        march.map((f) => [f.providerKey, f.payerClass, f.measures.paymentCents]),
        [['P02', 'commercial', 12000]],
      );
    });

    it('reports the last complete month and the latest date', () => {
      const agg = aggregate(smallPractice());
      assert.equal(agg.asOfDate, '2024-05-15');
      assert.equal(agg.lastClosedMonth, '2024-04');
      assert.deepEqual(agg.months, ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    });

    it('sums work RVUs × units from the CMS RVU records of the service year, else the nearest earlier one (the wRVU hook)', () => {
      // January 2024: 99213 (0.97 in the 2024 file; the 2023 and 2025 files differ) for Dr Adams and 99203 (1.60) for Dr Baker;
      // two providers saw patients.
      const agg = aggregate(
        smallPractice([rvu('99213', 0.5, 2023), rvu('99213', 0.97), rvu('99213', 1.3, 2025), rvu('99203', 1.6, 2023), rvu('99214', 1.5)]),
      );
      const w = kpiById('wrvus_per_provider')?.compute(agg, jan);
      assert.ok(w && 'value' in w);
      assert.ok(Math.abs(w.value - (0.97 + 1.6) / 2) < 1e-12);
      const c = kpiById('collections_per_wrvu')?.compute(agg, jan);
      assert.ok(c && 'value' in c);
      assert.ok(Math.abs(c.value - 6000 / (0.97 + 1.6)) < 1e-9); // cents per wRVU
    });

    it('reads payments, contractual adjustments and initial denials from remittances when no payment rows exist', () => {
      const charge = (claimId: string, cents: number) =>
        ChargeLine.parse({ type: 'charge', key: claimId, lineage, claimId, serviceDate: '2024-01-05', chargeCents: cents, procedureCode: '99213', payerName: 'Aetna', payerClass: 'commercial' });
      const remit = (claimId: string, status: string, charge: number, paid: number, adjustments: { group: string; reason: string; amountCents: number }[]) =>
        RemitClaim.parse({ type: 'remit-claim', key: `r-${claimId}-${status}`, lineage, claimId, claimStatus: status, chargeCents: charge, paidCents: paid, paymentDate: '2024-01-20', adjustments, payerName: 'Aetna', payerClass: 'commercial' });
      const agg = aggregate(
        dataset([
          charge('A', 10000),
          charge('B', 20000),
          remit('A', '1', 10000, 7000, [{ group: 'CO', reason: '45', amountCents: 3000 }]),
          remit('B', '4', 20000, 0, [{ group: 'CO', reason: '50', amountCents: 20000 }]),
        ]),
      );
      const m = agg.facts.filter((f) => f.month === '2024-01').reduce((s, f) => s + f.measures.paymentCents, 0);
      assert.equal(m, 7000);
      const net = kpiById('net_collection_rate')?.compute(agg, jan);
      assert.ok(net && 'value' in net);
      assert.equal(net.value, 7000 / (30000 - 3000));
      const denials = kpiById('initial_denial_rate_count_same_month')?.compute(agg, jan);
      assert.ok(denials && 'value' in denials);
      assert.equal(denials.value, 1 / 2);
      const dollars = kpiById('initial_denial_rate_dollars_same_month')?.compute(agg, jan);
      assert.ok(dollars && 'value' in dollars);
      assert.equal(dollars.value, 20000 / 30000);
    });

    it('keeps nothing patient-level in the tables: distinct patients are counts', () => {
      const agg = aggregate(smallPractice());
      const text = JSON.stringify([agg.facts, agg.aging, agg.distinct, agg.providers, agg.payers, agg.locations]);
      for (const key of ['p1', 'p2', 'p3']) assert.ok(!text.includes(`"${key}"`), key);
    });
  });

  describe('agingBucket', () => {
    it('puts 30 days in the first bucket and 121 in the last', () => {
      assert.deepEqual([0, 30, 31, 60, 61, 90, 91, 120, 121].map(agingBucket), ['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '91-120', '91-120', '121+']);
    });
  });

  describe('factMeasures', () => {
    it('states a date basis and a SQL aggregate for every measure', () => {
      assert.equal(new Set(factMeasures.map((m) => m.column)).size, factMeasures.length);
      for (const m of factMeasures) assert.ok(m.dateBasis !== '' && /SUM|COUNT/.test(m.sql), m.measure);
    });
  });
});
