import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { contractBook } from '../../../core/contracts/book';
import { expectedAmount, expectedForClaim, percentOfMedicare } from '../../../core/contracts/pricing';
import type { CanonicalRecord, ContractTerm, FeeScheduleRate, Gpci, MedicareRvu } from '../../../core/model';

const lineage = { source: 'test', profile: 'test' };

/** A made-up RVU row with round numbers so every fee is easy to compute by hand (GPCIs of 1, CF $40). */
function rvu(code: string, modifier: string, work: number, pe: number, mp: number, extra: Partial<MedicareRvu> = {}): MedicareRvu {
  return {
    type: 'medicare-rvu', key: `${code}${modifier}`, lineage, year: 2025, procedureCode: code, modifier, statusCode: 'A',
    workRvu: work, nonFacilityPeRvu: pe, facilityPeRvu: pe / 2, mpRvu: mp, nonFacilityNa: false, facilityNa: false,
    pcTcIndicator: '0', multipleProcedureIndicator: '0', bilateralIndicator: '0', conversionFactor: 40, ...extra,
  };
}
const gpci: Gpci = { type: 'gpci', key: 'g', lineage, year: 2025, mac: '99999', localityNumber: '01', locality: '99999-01', state: 'ZZ', localityName: 'TEST', workGpci: 1, peGpci: 1, mpGpci: 1 };
const term = (extra: Partial<ContractTerm> = {}): ContractTerm => ({
  type: 'contract-term', key: `t${extra.effectiveFrom ?? ''}`, lineage, payer: 'Acme', percentOfMedicare: 120, medicareYear: 2025, locality: '99999-01',
  multipleProcedurePercents: [100, 50], bilateralPercent: 150, lesserOfBilled: true, effectiveFrom: '2025-01-01', ...extra,
});
const rate = (code: string, cents: number | undefined, extra: Partial<FeeScheduleRate> = {}): FeeScheduleRate => ({
  type: 'fee-rate', key: `r${code}${extra.effectiveFrom ?? ''}`, lineage, payer: 'Acme', procedureCode: code, modifier: '', rateCents: cents, excluded: cents === undefined,
  effectiveFrom: '2025-01-01', ...extra,
});

// Medicare at these RVUs: fee = RVU total × $40.
const RVUS: MedicareRvu[] = [
  rvu('71046', '', 0.22, 0.77, 0.02, { pcTcIndicator: '1' }), // 1.01 × 40 = $40.40
  rvu('71046', '26', 0.22, 0.08, 0.01, { pcTcIndicator: '1' }), // 0.31 × 40 = $12.40
  rvu('71046', 'TC', 0, 0.69, 0.01, { pcTcIndicator: '1' }), // 0.70 × 40 = $28.00
  rvu('20610', '', 0.79, 1.04, 0.13, { multipleProcedureIndicator: '2', bilateralIndicator: '1' }), // 1.96 × 40 = $78.40
  rvu('11042', '', 1.01, 2.73, 0.13, { multipleProcedureIndicator: '2' }), // 3.87 × 40 = $154.80
  rvu('17110', '', 0.7, 1.5, 0.05, { multipleProcedureIndicator: '2' }), // 2.25 × 40 = $90.00
  rvu('99213', '', 1.3, 1.35, 0.1), // 2.75 × 40 = $110.00
  rvu('99999', '', 1, 1, 0, { statusCode: 'B' }),
];
const book = (records: CanonicalRecord[]) => contractBook([...RVUS, gpci, ...records]);
const service = { payer: 'Acme', serviceDate: '2025-03-10' };

describe('core/contracts/pricing', () => {
  describe('expectedAmount', () => {
    it('prices percent of Medicare: 120% × $110.00 = $132.00, with the steps', () => {
      const r = expectedAmount(book([term()]), { ...service, code: '99213' });
      assert.ok(r.ok);
      assert.equal(r.value.cents, 13200);
      assert.equal(r.value.medicareCents, 11000);
      assert.equal(r.value.basis, 'percent-of-medicare');
      assert.ok(r.value.steps.some((s) => s.text === '120% of Medicare $110.00 = $132.00 per unit'));
      assert.equal(percentOfMedicare(r.value.rateCents, r.value.medicareCents), 1.2);
    });

    it('prices modifier 26 and TC from their own RVU rows: 120% × $12.40 = $14.88 and 120% × $28.00 = $33.60', () => {
      const b = book([term()]);
      const pc = expectedAmount(b, { ...service, code: '71046', modifiers: ['26'] });
      const tc = expectedAmount(b, { ...service, code: '71046', modifiers: ['TC'] });
      const global = expectedAmount(b, { ...service, code: '71046' });
      assert.ok(pc.ok && tc.ok && global.ok);
      assert.deepEqual([pc.value.cents, tc.value.cents, global.value.cents], [1488, 3360, 4848]);
    });

    it('does not price a 26 or TC component at a fee schedule\'s global rate', () => {
      const fixedOnly = expectedAmount(book([rate('71046', 5000)]), { ...service, code: '71046', modifiers: ['26'] });
      assert.ok(!fixedOnly.ok);
      assert.equal(fixedOnly.error.flag, 'no-component-row');
      // With percent-of-Medicare terms beside the schedule, the component is priced from its own RVU row: 120% × $12.40.
      const withTerms = expectedAmount(book([term(), rate('71046', 5000)]), { ...service, code: '71046', modifiers: ['26'] });
      assert.ok(withTerms.ok);
      assert.deepEqual([withTerms.value.cents, withTerms.value.basis], [1488, 'percent-of-medicare']);
      const ownRow = expectedAmount(book([rate('71046', 5000), rate('71046', 1500, { modifier: '26', key: 'r26' })]), { ...service, code: '71046', modifiers: ['26'] });
      assert.ok(ownRow.ok);
      assert.equal(ownRow.value.cents, 1500);
    });

    it('pays bilateral (modifier 50, indicator 1) at 150%: 120% × $78.40 = $94.08, × 1.5 = $141.12', () => {
      const r = expectedAmount(book([term()]), { ...service, code: '20610', modifiers: ['50'] });
      assert.ok(r.ok);
      assert.equal(r.value.cents, 14112);
    });

    it('does not adjust modifier 50 on a code whose bilateral indicator is not 1', () => {
      const r = expectedAmount(book([term()]), { ...service, code: '99213', modifiers: ['50'] });
      assert.ok(r.ok);
      assert.equal(r.value.cents, 13200);
    });

    it('multiplies by units, and reduces a second unit of an indicator-2 code: $185.76 + 50% = $278.64', () => {
      const plain = expectedAmount(book([term()]), { ...service, code: '99213', units: 3 });
      assert.ok(plain.ok);
      assert.equal(plain.value.cents, 39600); // 3 × $132.00
      const reduced = expectedAmount(book([term()]), { ...service, code: '11042', units: 2 });
      assert.ok(reduced.ok);
      // 120% × $154.80 = $185.76; second unit 50% = $92.88; total $278.64
      assert.equal(reduced.value.cents, 27864);
    });

    it('pays the lesser of the billed charge and the contract amount', () => {
      const r = expectedAmount(book([term()]), { ...service, code: '99213', billedCents: 12000 });
      assert.ok(r.ok);
      assert.equal(r.value.cents, 12000);
      assert.ok(r.value.flags.includes('lesser-of-billed'));
      const off = expectedAmount(book([term({ lesserOfBilled: false })]), { ...service, code: '99213', billedCents: 12000 });
      assert.ok(off.ok);
      assert.equal(off.value.cents, 13200);
    });

    it('prices a carve-out at its fixed rate, and an excluded carve-out at $0', () => {
      const b = book([term(), rate('99213', 9999), rate('20610', undefined)]);
      const fixed = expectedAmount(b, { ...service, code: '99213' });
      const excluded = expectedAmount(b, { ...service, code: '20610' });
      assert.ok(fixed.ok && excluded.ok);
      assert.deepEqual([fixed.value.cents, fixed.value.basis], [9999, 'carve-out']);
      assert.deepEqual([excluded.value.cents, excluded.value.basis, excluded.value.flags], [0, 'excluded', ['excluded']]);
    });

    it('uses the contract in force on the date of service across a mid-year renewal', () => {
      const b = book([
        term({ effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30' }),
        term({ effectiveFrom: '2025-07-01', percentOfMedicare: 130 }),
        rate('17110', 10000, { payer: 'Acme', effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30' }),
        rate('17110', 11000, { payer: 'Acme', effectiveFrom: '2025-07-01' }),
      ]);
      const before = expectedAmount(b, { ...service, code: '99213', serviceDate: '2025-06-30' });
      const after = expectedAmount(b, { ...service, code: '99213', serviceDate: '2025-07-01' });
      const rateBefore = expectedAmount(b, { ...service, code: '17110', serviceDate: '2025-06-30' });
      const rateAfter = expectedAmount(b, { ...service, code: '17110', serviceDate: '2025-07-01' });
      assert.ok(before.ok && after.ok && rateBefore.ok && rateAfter.ok);
      assert.deepEqual([before.value.cents, after.value.cents], [13200, 14300]); // 120% / 130% of $110.00
      assert.deepEqual([rateBefore.value.cents, rateAfter.value.cents], [10000, 11000]);
      const none = expectedAmount(b, { ...service, code: '99213', serviceDate: '2024-12-31' });
      assert.ok(!none.ok);
      assert.equal(none.error.flag, 'no-contract');
    });

    it('matches the payer by id as well as by name, without case', () => {
      const b = book([term({ payer: 'Acme Health', payerId: '00904' })]);
      const r = expectedAmount(b, { ...service, payer: ['00904', 'ACME HEALTH PPO'], code: '99213' });
      assert.ok(r.ok);
      assert.equal(r.value.cents, 13200);
    });

    it('prices a bundled status-B code at $0 with a flag', () => {
      const r = expectedAmount(book([term()]), { ...service, code: '99999' });
      assert.ok(r.ok);
      assert.deepEqual([r.value.cents, r.value.flags], [0, ['bundled']]);
    });
  });

  describe('expectedForClaim', () => {
    it('ranks multiple procedures by allowed amount, not claim order: the cheapest line first on the claim is reduced', () => {
      // Claim order: 20610 ($94.08), 17110 ($108.00), 11042 ($185.76). Ranking: 11042, 17110, 20610.
      const lines = [
        { ...service, code: '20610' },
        { ...service, code: '17110' },
        { ...service, code: '11042' },
        { ...service, code: '99213' }, // indicator 0: never reduced, never ranked
      ];
      const r = expectedForClaim(book([term()]), lines);
      const cents = r.map((x) => (x.ok ? x.value.cents : -1));
      assert.deepEqual(cents, [4704, 5400, 18576, 13200]); // 50% × 94.08, 50% × 108.00, 100% × 185.76, 100% × 132.00
      assert.deepEqual(r.map((x) => (x.ok ? x.value.multipleProcedureRanks : undefined)), [[3], [2], [1], undefined]);
    });

    it('uses the contract\'s own reduction percents (100/60/40) and ranks a bilateral line by its 150% amount', () => {
      const lines = [
        { ...service, code: '11042' }, // $185.76
        { ...service, code: '20610', modifiers: ['50'] }, // $141.12 bilateral
        { ...service, code: '17110' }, // $108.00
      ];
      const r = expectedForClaim(book([term({ multipleProcedurePercents: [100, 60, 40] })]), lines);
      assert.deepEqual(r.map((x) => (x.ok ? x.value.cents : -1)), [18576, 8467, 4320]); // 60% × 141.12 = 84.672 → 84.67; 40% × 108
    });

    it('gives every line the same amount whatever order the claim lists them in (property)', () => {
      const b = book([term()]);
      const codes = ['20610', '17110', '11042', '99213'];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...codes), { minLength: 1, maxLength: 6 }), fc.func(fc.integer()), (picked, order) => {
          const lines = picked.map((code, i) => ({ ...service, code, billedCents: 100000 + i }));
          const keyed = (ls: typeof lines) => {
            const priced = expectedForClaim(b, ls);
            return new Map(ls.map((l, i) => [l.billedCents, priced[i]?.ok ? priced[i].value.cents : -1]));
          };
          const shuffled = [...lines].sort((x, y) => order(x.billedCents) - order(y.billedCents));
          const [a, z] = [keyed(lines), keyed(shuffled)];
          // Equal-priced lines may swap which one is reduced, so compare the multiset of amounts by code.
          const byCode = (m: Map<number, number>) => codes.map((c) => lines.filter((l) => l.code === c).map((l) => m.get(l.billedCents)).sort().join(','));
          assert.deepEqual(byCode(z), byCode(a));
          // Exactly one indicator-2 line pays 100 %: the total equals the highest at 100 % and the rest at 50 %.
          const rates: Record<string, number> = { '20610': 9408, '17110': 10800, '11042': 18576 };
          const reducible = picked.filter((c) => c in rates).map((c) => rates[c] as number).sort((x, y) => y - x);
          const expected = reducible.reduce((sum, cents, i) => sum + (i === 0 ? cents : Math.floor(cents / 2 + 0.5)), 0);
          const total = [...a.entries()].filter(([billed]) => (lines.find((l) => l.billedCents === billed)?.code ?? '') in rates).reduce((sum, [, cents]) => sum + cents, 0);
          assert.equal(total, expected);
        }),
        { numRuns: 200 },
      );
    });

    it('reduces only among lines on the same date of service', () => {
      const r = expectedForClaim(book([term()]), [{ ...service, code: '11042' }, { ...service, code: '17110', serviceDate: '2025-03-11' }]);
      assert.deepEqual(r.map((x) => (x.ok ? x.value.cents : -1)), [18576, 10800]);
    });
  });
});
