import { strict as assert } from 'node:assert';
import {
  carcCategory,
  deniedLines,
  denialBreakdown,
  initialDenialRate,
  isDeniedClaim,
  isDeniedLine,
  primaryDenialReason,
  topDenialReasons,
} from '../../../core/denials';
import type { Adjustment, RemitClaim, RemitLine } from '../../../core/model';

let segment = 0;

function claim(claimId: string, claimStatus: string, chargeCents: number, paidCents: number, extra: Partial<RemitClaim> = {}): RemitClaim {
  segment += 1;
  return {
    type: 'remit-claim',
    key: `claim-${segment}`,
    lineage: { source: 'a.835', segment, profile: 'x12-835' },
    payerClass: 'commercial',
    payerId: 'P1',
    payerName: 'Payer One',
    paymentDate: '2024-03-01',
    claimId,
    claimStatus,
    chargeCents,
    paidCents,
    adjustments: [],
    remarkCodes: [],
    ...extra,
  };
}

function line(of: RemitClaim, procedureCode: string, chargeCents: number, paidCents: number, adjustments: Adjustment[], extra: Partial<RemitLine> = {}): RemitLine {
  segment += 1;
  return {
    type: 'remit-line',
    key: `line-${segment}`,
    lineage: { source: of.lineage.source, segment, profile: 'x12-835' },
    payerClass: of.payerClass,
    payerName: of.payerName,
    claimStatus: of.claimStatus,
    claimKey: of.key,
    lineNumber: String(segment),
    procedureCode,
    modifiers: [],
    chargeCents,
    paidCents,
    units: 1,
    serviceDate: '2024-02-01',
    adjustments,
    remarkCodes: [],
    ...(of.payerId !== undefined ? { payerId: of.payerId } : {}),
    ...(of.paymentDate !== undefined ? { paymentDate: of.paymentDate } : {}),
    claimId: of.claimId,
    ...extra,
  };
}

const adj = (group: string, reason: string, amountCents: number): Adjustment => ({ group, reason, amountCents });

describe('core/denials/analytics', () => {
  describe('isDeniedLine', () => {
    it('counts a zero-paid line written off by the payer (CO-50) as denied', () => {
      const c = claim('A', '1', 100, 0);
      assert.equal(isDeniedLine(line(c, '99213', 100, 0, [adj('CO', '50', 100)])), true);
    });
    it('does not count a zero-paid line whose allowed amount went to the deductible', () => {
      const c = claim('A', '1', 100, 0);
      assert.equal(isDeniedLine(line(c, '99213', 100, 0, [adj('CO', '45', 40), adj('PR', '1', 60)])), false);
    });
    it('counts a line shifted to the patient as non-covered (PR-204) as denied', () => {
      const c = claim('A', '1', 100, 0);
      assert.equal(isDeniedLine(line(c, '99213', 100, 0, [adj('PR', '204', 100)])), true);
    });
    it('does not count a secondary claim with nothing left after the primary (OA-23)', () => {
      const c = claim('A', '2', 100, 0);
      assert.equal(isDeniedLine(line(c, '99213', 100, 0, [adj('OA', '23', 100)])), false);
    });
    it('counts every line of a status-4 claim, and no line of a reversal', () => {
      assert.equal(isDeniedLine(line(claim('A', '4', 100, 0), '99213', 100, 0, [])), true);
      assert.equal(isDeniedLine(line(claim('A', '22', -100, 0), '99213', -100, 0, [adj('CO', '50', -100)])), false);
    });
    it('does not count a partly paid line', () => {
      assert.equal(isDeniedLine(line(claim('A', '1', 100, 30), '99213', 100, 30, [adj('CO', '97', 70)])), false);
    });
  });

  describe('isDeniedClaim', () => {
    it('uses claim- and line-level adjustments together', () => {
      const c = claim('A', '1', 100, 0, { adjustments: [adj('CO', '45', 40)] });
      assert.equal(isDeniedClaim(c, [{ adjustments: [adj('PR', '2', 60)] }]), false);
      assert.equal(isDeniedClaim(c, [{ adjustments: [adj('CO', '16', 60)] }]), true);
    });
  });

  describe('primaryDenialReason', () => {
    it('takes the largest denial adjustment, ignoring cost-sharing', () => {
      assert.deepEqual(primaryDenialReason([adj('PR', '1', 500), adj('CO', '16', 100), adj('CO', '97', 300)]), adj('CO', '97', 300));
    });
  });

  describe('initialDenialRate', () => {
    it('is claims denied on first adjudication over claims adjudicated, by count and by dollars', () => {
      const remitClaims = [
        claim('A', '1', 10000, 8000),
        claim('B', '4', 30000, 0),
        claim('C', '1', 20000, 0, { adjustments: [adj('CO', '29', 20000)] }),
        claim('D', '1', 40000, 0, { adjustments: [adj('CO', '45', 10000), adj('PR', '1', 30000)] }),
      ];
      const rate = initialDenialRate({ remitClaims, remitLines: [] });
      assert.equal(rate.claimsAdjudicated, 4);
      assert.equal(rate.claimsDenied, 2); // B (status 4) and C (timely filing); D went to the deductible
      assert.equal(rate.rateByCount, 0.5);
      assert.equal(rate.chargeCentsAdjudicated, 100000);
      assert.equal(rate.chargeCentsDenied, 50000);
      assert.equal(rate.rateByDollars, 0.5);
    });

    it('nets a reversal and its corrected resubmission into the one claim, judged by its first adjudication', () => {
      const remitClaims = [
        claim('A', '1', 10000, 8000, { paymentDate: '2024-03-01' }),
        claim('A', '22', -10000, -8000, { paymentDate: '2024-04-01' }),
        claim('A', '1', 10000, 9000, { paymentDate: '2024-04-01' }),
        claim('B', '4', 5000, 0, { paymentDate: '2024-03-01' }),
        claim('B', '1', 5000, 5000, { paymentDate: '2024-05-01' }), // paid on appeal: still an initial denial
      ];
      const rate = initialDenialRate({ remitClaims, remitLines: [] });
      assert.equal(rate.claimsAdjudicated, 2);
      assert.equal(rate.claimsDenied, 1);
      assert.equal(rate.chargeCentsAdjudicated, 15000);
      assert.equal(rate.reversalsNetted, 1);
    });

    it('treats the same claim id at two payers as two claims, and filters by the first payment date', () => {
      const remitClaims = [claim('A', '1', 100, 100), claim('A', '2', 100, 0, { payerId: 'P2', paymentDate: '2024-04-02', adjustments: [adj('CO', '16', 100)] })];
      assert.equal(initialDenialRate({ remitClaims, remitLines: [] }).claimsAdjudicated, 2);
      const april = initialDenialRate({ remitClaims, remitLines: [] }, { from: '2024-04-01', to: '2024-04-30' });
      assert.deepEqual([april.claimsAdjudicated, april.claimsDenied], [1, 1]);
    });

    it('joins lines that do not name their claim (FHIR EOB items) on claim id, payer and payment', () => {
      const c = claim('E', '1', 100, 0, { paymentId: 'EFT9' });
      const item = line(c, '99213', 100, 0, [adj('CO', '50', 100)], { claimKey: undefined, paymentId: 'EFT9' });
      assert.equal(initialDenialRate({ remitClaims: [c], remitLines: [item] }).claimsDenied, 1);
      assert.equal(initialDenialRate({ remitClaims: [c], remitLines: [] }).claimsDenied, 0);
    });

    it('says null, not 0, when nothing was adjudicated', () => {
      const rate = initialDenialRate({ remitClaims: [claim('A', '22', -100, -100)], remitLines: [] });
      assert.equal(rate.rateByCount, null);
      assert.equal(rate.rateByDollars, null);
    });
  });

  describe('deniedLines', () => {
    it('counts a line denied in two remits once, with its first denial, and marks it overturned when paid later', () => {
      const first = claim('A', '1', 10000, 0, { paymentDate: '2024-03-01' });
      const again = claim('A', '1', 10000, 0, { paymentDate: '2024-03-20' });
      const paid = claim('A', '1', 10000, 7000, { paymentDate: '2024-04-15' });
      const remitClaims = [again, paid, first];
      const remitLines = [
        line(again, '99214', 10000, 0, [adj('CO', '16', 10000)]),
        line(paid, '99214', 10000, 7000, [adj('CO', '45', 3000)]),
        line(first, '99214', 10000, 0, [adj('CO', '197', 10000)]),
      ];
      const lines = deniedLines({ remitClaims, remitLines });
      assert.equal(lines.length, 1);
      assert.equal(lines[0]?.reason, '197');
      assert.equal(lines[0]?.category, 'Authorization');
      assert.equal(lines[0]?.denials, 2);
      assert.equal(lines[0]?.overturned, true);
      assert.equal(lines[0]?.chargeCents, 10000);
    });

    it('keeps two identical lines of one claim apart, and uses the billed code of a recoded line', () => {
      const c = claim('A', '4', 300, 0);
      const remitLines = [
        line(c, '97110', 100, 0, [adj('CO', '50', 100)]),
        line(c, '97110', 100, 0, [adj('CO', '50', 100)]),
        line(c, '99213', 100, 0, [adj('CO', '50', 100)], { submittedProcedureCode: '99214' }),
      ];
      const lines = deniedLines({ remitClaims: [c], remitLines });
      assert.deepEqual(lines.map((l) => l.procedureCode), ['97110', '97110', '99214']);
    });

    it('treats a claim remitted without lines as one line of the whole claim, reasons from the claim', () => {
      const c = claim('N', '4', 7223200, 0, { adjustments: [adj('OA', '147', 5001600), adj('CO', '26', 2221600)] });
      const [only] = deniedLines({ remitClaims: [c], remitLines: [] });
      assert.deepEqual([only?.procedureCode, only?.reason, only?.group, only?.category], ['(claim)', '147', 'OA', 'Other']);
    });
  });

  describe('denialBreakdown / topDenialReasons', () => {
    it('sums denied lines and dollars by reason with shares, largest dollars first', () => {
      const c = claim('A', '1', 1000, 0);
      const d = claim('B', '1', 600, 0, { payerId: 'P2', payerName: 'Payer Two' });
      const remitLines = [
        line(c, '99213', 100, 0, [adj('CO', '16', 100)]),
        line(c, '99214', 300, 0, [adj('CO', '16', 300)]),
        line(c, '93000', 600, 0, [adj('CO', '97', 600)]),
        line(d, '99213', 600, 0, [adj('CO', '29', 600)]),
      ];
      const lines = deniedLines({ remitClaims: [c, d], remitLines });
      const byReason = topDenialReasons(lines, 2);
      assert.deepEqual(
        byReason.map((r) => [r.key, r.label, r.lines, r.deniedCents, r.shareOfLines, r.shareOfDollars]),
        [
          ['29', 'Timely filing', 1, 600, 0.25, 600 / 1600], // a tie in dollars and lines goes by code
          ['97', 'Bundling/NCCI', 1, 600, 0.25, 600 / 1600],
        ],
      );
      const byPayer = denialBreakdown(lines, 'payer');
      assert.deepEqual(byPayer.map((r) => [r.key, r.label, r.lines, r.deniedCents]), [
        ['P1', 'Payer One', 3, 1000],
        ['P2', 'Payer Two', 1, 600],
      ]);
      assert.deepEqual(denialBreakdown(lines, 'procedure').map((r) => [r.key, r.deniedCents]), [
        ['99213', 700],
        ['93000', 600],
        ['99214', 300],
      ]);
      assert.deepEqual(denialBreakdown(lines, 'group').map((r) => [r.key, r.lines]), [['CO', 4]]);
    });
  });

  describe('carcCategory', () => {
    it('places codes by our own categories and falls back on the group', () => {
      assert.equal(carcCategory('18'), 'Duplicate');
      assert.equal(carcCategory('16'), 'Missing information');
      assert.equal(carcCategory('45'), 'Contractual');
      assert.equal(carcCategory('9999', 'PR'), 'Patient responsibility');
      assert.equal(carcCategory('9999', 'CO'), 'Other');
    });
  });
});
