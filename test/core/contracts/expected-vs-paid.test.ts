import { strict as assert } from 'node:assert';
import { contractBook } from '../../../core/contracts/book';
import { comparePayments, effectiveRateTrend, summarizeChecks } from '../../../core/contracts/expected-vs-paid';
import type { Adjustment, ChargeLine, ContractTerm, FeeScheduleRate, RemitLine } from '../../../core/model';

const lineage = { source: 'test.835', profile: 'x12-835' };
const fee = (code: string, cents: number, from = '2025-01-01', to?: string): FeeScheduleRate => ({
  type: 'fee-rate', key: `${code}${from}`, lineage, payer: 'Brightway Health PPO', payerId: '00904', procedureCode: code, modifier: '', rateCents: cents,
  excluded: false, effectiveFrom: from, effectiveTo: to,
});
const rules: ContractTerm = {
  type: 'contract-term', key: 'rules', lineage, payer: 'Brightway Health PPO', payerId: '00904', multipleProcedurePercents: [100, 50],
  bilateralPercent: 150, lesserOfBilled: true, effectiveFrom: '2025-01-01',
};
const book = contractBook([
  rules,
  fee('99213', 12015), fee('99214', 17010), fee('36415', 300), fee('17110', 13905), fee('11102', 12825),
  {
    type: 'medicare-rvu', key: '17110', lineage, year: 2025, procedureCode: '17110', modifier: '', statusCode: 'A', workRvu: 0.7, nonFacilityPeRvu: 1.5, facilityPeRvu: 0.8,
    mpRvu: 0.05, nonFacilityNa: false, facilityNa: false, pcTcIndicator: '0', multipleProcedureIndicator: '2', bilateralIndicator: '0', conversionFactor: 32.3465,
  },
  {
    type: 'medicare-rvu', key: '11102', lineage, year: 2025, procedureCode: '11102', modifier: '', statusCode: 'A', workRvu: 0.66, nonFacilityPeRvu: 2.3, facilityPeRvu: 0.4,
    mpRvu: 0.06, nonFacilityNa: false, facilityNa: false, pcTcIndicator: '0', multipleProcedureIndicator: '2', bilateralIndicator: '0', conversionFactor: 32.3465,
  },
]);

let n = 0;
function remit(code: string, paid: number, adjustments: Adjustment[], extra: Partial<RemitLine> = {}): RemitLine {
  n++;
  return {
    type: 'remit-line', key: `k${n}`, lineage, payerId: '00904', payerName: 'BRIGHTWAY HEALTH PPO', payerClass: 'commercial', claimId: extra.claimId ?? `C${n}`,
    claimStatus: '1', lineNumber: String(n), procedureCode: code, modifiers: [], chargeCents: 40000, paidCents: paid, units: 1, serviceDate: '2025-08-04',
    adjustments, remarkCodes: [], paymentId: 'EFT1', ...extra,
  };
}
const co45 = (cents: number): Adjustment => ({ group: 'CO', reason: '45', amountCents: cents });
const pr = (reason: string, cents: number): Adjustment => ({ group: 'PR', reason, amountCents: cents });

describe('core/contracts/expected-vs-paid', () => {
  describe('comparePayments', () => {
    it('passes a line paid as contracted (allowed = paid + copay) and flags nothing', () => {
      const [c] = comparePayments(book, [remit('99213', 9015, [co45(40000 - 12015), pr('3', 3000)])]);
      assert.deepEqual([c?.expectedCents, c?.actualAllowedCents, c?.varianceCents, c?.classification, c?.flagged], [12015, 12015, 0, 'within-tolerance', false]);
    });

    it('uses AMT*B6 when present, and counts sequestration (CO-253) as part of what was allowed', () => {
      const [b6] = comparePayments(book, [remit('99213', 5000, [co45(1000)], { allowedCents: 12015 })]);
      assert.deepEqual([b6?.actualAllowedCents, b6?.allowedSource, b6?.classification], [12015, 'AMT*B6', 'within-tolerance']);
      const [seq] = comparePayments(book, [remit('99213', 11775, [co45(40000 - 12015), { group: 'CO', reason: '253', amountCents: 240 }])]);
      assert.deepEqual([seq?.actualAllowedCents, seq?.classification], [12015, 'within-tolerance']);
    });

    it('finds an underpayment through the contractual adjustment: 92% of $170.10 allowed = $156.49, $13.61 short', () => {
      const [c] = comparePayments(book, [remit('99214', 15649, [co45(40000 - 15649)])]);
      assert.deepEqual([c?.expectedCents, c?.varianceCents, c?.classification, c?.flagged], [17010, 1361, 'underpaid-contractual', true]);
      assert.match(c?.reason ?? '', /underpaid by \$13\.61/);
    });

    it('treats a difference within the tolerance as paid, and honours a configured tolerance', () => {
      const line = remit('99214', 16960, [co45(40000 - 16960)]); // 50 cents short
      assert.equal(comparePayments(book, [line])[0]?.classification, 'within-tolerance');
      assert.equal(comparePayments(book, [line], { tolerance: { cents: 10 } })[0]?.classification, 'underpaid-contractual');
    });

    it('prices the submitted code (SVC06) when the payer recoded, and classifies the line as a recode', () => {
      const [c] = comparePayments(book, [remit('99213', 12015, [co45(40000 - 12015)], { submittedProcedureCode: '99214' })]);
      assert.deepEqual([c?.code, c?.paidCode, c?.expectedCents, c?.varianceCents, c?.classification], ['99214', '99213', 17010, 17010 - 12015, 'recode']);
    });

    it('prices the matched 837 charge line\'s code when the 835 has no SVC06', () => {
      const charge: ChargeLine = {
        type: 'charge', key: 'ch', lineage, claimId: 'C-837', lineNumber: '1', serviceDate: '2025-08-04', procedureCode: '99214', modifiers: [], units: 1,
        chargeCents: 40000, diagnosisCodes: [], payerClass: 'commercial',
      };
      const [c] = comparePayments(book, [remit('99213', 12015, [co45(27985)], { claimId: 'C-837', lineNumber: '1' })], { charges: [charge] });
      assert.deepEqual([c?.code, c?.classification], ['99214', 'recode']);
    });

    it('classifies a $0 line with CO-97 as bundling and one with CO-50 as a denial', () => {
      const [bundled, denied] = comparePayments(book, [
        remit('36415', 0, [{ group: 'CO', reason: '97', amountCents: 40000 }]),
        remit('99213', 0, [{ group: 'CO', reason: '50', amountCents: 40000 }]),
      ]);
      assert.deepEqual([bundled?.classification, bundled?.varianceCents], ['bundling', 300]);
      assert.deepEqual([denied?.classification, denied?.varianceCents], ['denial', 12015]);
      // A denied line stating 0 paid units is priced as one billed unit.
      const [zeroUnits] = comparePayments(book, [remit('99213', 0, [{ group: 'CO', reason: '16', amountCents: 40000 }], { units: 0 })]);
      assert.deepEqual([zeroUnits?.classification, zeroUnits?.expectedCents], ['denial', 12015]);
    });

    it('flags a contractual write-off grouped as patient responsibility (PR-45) even when the allowed amount is right', () => {
      const [c] = comparePayments(book, [remit('99213', 9015, [co45(40000 - 15015), pr('45', 3000)], { allowedCents: 12015 })]);
      assert.deepEqual([c?.classification, c?.flagged], ['patient-responsibility-misgrouping', true]);
    });

    it('finds a multiple-procedure reduction applied to the wrong line of a claim whose lines are not in price order', () => {
      // Contract: 17110 $139.05, 11102 $128.25. Highest is 17110: it pays 100%, 11102 pays 50% = $64.13 (64.125 rounds up).
      // The payer reduced 17110 instead (by claim order: 11102 came first).
      const lines = [
        remit('11102', 12825, [co45(40000 - 12825)], { claimId: 'MP1' }),
        remit('17110', 6953, [co45(40000 - 6953)], { claimId: 'MP1' }),
      ];
      const [first, second] = comparePayments(book, lines);
      assert.deepEqual([first?.expectedCents, second?.expectedCents], [6413, 13905]);
      assert.deepEqual([first?.classification, second?.classification], ['multiple-procedure-ranking', 'multiple-procedure-ranking']);
      const right = comparePayments(book, [
        remit('11102', 6413, [co45(40000 - 6413)], { claimId: 'MP2' }),
        remit('17110', 13905, [co45(40000 - 13905)], { claimId: 'MP2' }),
      ]);
      assert.deepEqual(right.map((c) => c.classification), ['within-tolerance', 'within-tolerance']);
    });

    it('does not compare reversals, and reports a code no contract prices without flagging it', () => {
      const [reversal, unpriced] = comparePayments(book, [
        remit('99213', -9015, [co45(-27985)], { claimStatus: '22', chargeCents: -40000 }),
        remit('99999', 1000, [co45(39000)]),
      ]);
      assert.deepEqual([reversal?.classification, reversal?.flagged], ['not-compared', false]);
      assert.deepEqual([unpriced?.classification, unpriced?.flagged], ['not-priced', false]);
    });

    it('uses the rate in force on the date of service (a renewal)', () => {
      const renewed = contractBook([rules, fee('99213', 12015, '2025-01-01', '2025-06-30'), fee('99213', 12500, '2025-07-01')]);
      const checks = comparePayments(renewed, [
        remit('99213', 12015, [co45(27985)], { serviceDate: '2025-06-30' }),
        remit('99213', 12015, [co45(27985)], { serviceDate: '2025-07-01' }),
      ]);
      assert.deepEqual(checks.map((c) => [c.expectedCents, c.classification]), [[12015, 'within-tolerance'], [12500, 'underpaid-contractual']]);
    });
  });

  describe('summarizeChecks and effectiveRateTrend', () => {
    it('totals by payer and code, and gives actual ÷ expected by month', () => {
      const checks = comparePayments(book, [
        remit('99214', 15649, [co45(24351)], { serviceDate: '2025-07-03' }),
        remit('99214', 17010, [co45(22990)], { serviceDate: '2025-07-10' }),
        remit('99213', 12015, [co45(27985)], { serviceDate: '2025-08-01' }),
      ]);
      const byCode = summarizeChecks(checks, 'code');
      assert.deepEqual(byCode.map((r) => [r.key, r.lines, r.flaggedLines, r.underpaidCents]), [['99214', 2, 1, 1361], ['99213', 1, 0, 0]]);
      const trend = effectiveRateTrend(checks);
      const july = trend.find((r) => r.code === '99214' && r.month === '2025-07');
      assert.equal(july?.effectiveRate, (15649 + 17010) / (17010 * 2));
    });
  });
});
