import { strict as assert } from 'node:assert';
import { matchRemittances } from '../../../core/denials';
import type { ChargeLine, RemitClaim, RemitLine } from '../../../core/model';

let n = 0;

function charge(claimId: string, lineNumber: string, procedureCode: string, chargeCents: number, extra: Partial<ChargeLine> = {}): ChargeLine {
  n += 1;
  return {
    type: 'charge',
    key: `c${n}`,
    lineage: { source: 'claims.837', segment: n, profile: 'x12-837p' },
    payerClass: 'commercial',
    claimId,
    lineNumber,
    serviceDate: '2024-02-01',
    procedureCode,
    modifiers: [],
    units: 1,
    chargeCents,
    diagnosisCodes: [],
    submittedDate: '2024-02-05',
    ...extra,
  };
}

function remit(claimId: string, claimStatus: string, paidCents: number, extra: Partial<RemitClaim> = {}): RemitClaim {
  n += 1;
  return {
    type: 'remit-claim',
    key: `r${n}`,
    lineage: { source: 'pay.835', segment: n, profile: 'x12-835' },
    payerClass: 'commercial',
    claimId,
    claimStatus,
    chargeCents: 0,
    paidCents,
    paymentDate: '2024-03-06',
    adjustments: [],
    remarkCodes: [],
    ...extra,
  };
}

function remitLine(of: RemitClaim, lineNumber: string, procedureCode: string, paidCents: number, extra: Partial<RemitLine> = {}): RemitLine {
  n += 1;
  return {
    type: 'remit-line',
    key: `l${n}`,
    lineage: { source: 'pay.835', segment: n, profile: 'x12-835' },
    payerClass: 'commercial',
    claimId: of.claimId,
    claimStatus: of.claimStatus,
    claimKey: of.key,
    lineNumber,
    procedureCode,
    modifiers: [],
    chargeCents: 0,
    paidCents,
    units: 1,
    serviceDate: '2024-02-01',
    adjustments: [],
    remarkCodes: [],
    ...(of.paymentDate !== undefined ? { paymentDate: of.paymentDate } : {}),
    ...extra,
  };
}

describe('core/denials/matching', () => {
  describe('matchRemittances', () => {
    it('measures submission-to-payment lag from the 837 date, else from the date of service', () => {
      const charges = [charge('A', '1', '99213', 100), charge('B', '1', '99213', 100, { submittedDate: undefined })];
      const a = remit('A', '1', 80, { paymentDate: '2024-03-06' });
      const b = remit('B', '1', 80, { paymentDate: '2024-02-11' });
      const m = matchRemittances({ charges, remitClaims: [a, b], remitLines: [remitLine(a, '1', '99213', 80), remitLine(b, '1', '99213', 80)] });
      assert.deepEqual(m.claims.map((c) => [c.claimId, c.startBasis, c.startDate, c.firstPaymentDate, c.lagDays]), [
        ['A', 'submission', '2024-02-05', '2024-03-06', 30],
        ['B', 'service', '2024-02-01', '2024-02-11', 10],
      ]);
      assert.deepEqual(m.lag, { claims: 2, meanDays: 20, medianDays: 20, fromSubmission: 1 });
      assert.deepEqual(m.billedNotPaid, []);
      assert.deepEqual(m.paidNotBilled, []);
    });

    it('finds recoded lines from SVC06 and from a billed code the payer replaced silently', () => {
      const charges = [charge('A', '1', '99214', 150), charge('A', '2', '93000', 50)];
      const a = remit('A', '1', 120);
      const lines = [remitLine(a, '1', '99213', 90, { submittedProcedureCode: '99214' }), remitLine(a, '2', '93010', 30)];
      const m = matchRemittances({ charges, remitClaims: [a], remitLines: lines });
      assert.deepEqual(m.recodedLines.map((r) => [r.billedCode, r.adjudicatedCode, r.evidence]), [
        ['99214', '99213', 'svc06'],
        ['93000', '93010', 'billed-line'],
      ]);
      assert.deepEqual(m.paidNotBilled, []);
    });

    it('lists lines paid but never billed and lines billed but never paid (remitted or not)', () => {
      const charges = [charge('A', '1', '99213', 100), charge('A', '2', '36415', 20), charge('C', '1', '99214', 150)];
      const a = remit('A', '1', 80);
      const stray = remit('Z', '1', 40);
      const lines = [remitLine(a, '1', '99213', 80), remitLine(a, '2', '36415', 0), remitLine(stray, '1', '99212', 40)];
      const m = matchRemittances({ charges, remitClaims: [a, stray], remitLines: lines });
      assert.deepEqual(m.paidNotBilled.map((l) => [l.claimId, l.procedureCode]), [['Z', '99212']]);
      assert.deepEqual(m.billedNotPaid.map((b) => [b.line.claimId, b.line.procedureCode, b.remitted]), [
        ['A', '36415', true],
        ['C', '99214', false],
      ]);
      assert.equal(m.claims.find((c) => c.claimId === 'C')?.lagDays, undefined);
    });

    it('nets a reversed payment so the line counts as unpaid, and joins a remit by payer control number', () => {
      const charges = [charge('A', '1', '99213', 100)];
      const paid = remit('A', '1', 80, { payerControlNumber: 'PCN-1' });
      const reversal = remit('A', '22', -80, { payerControlNumber: 'PCN-1', paymentDate: '2024-04-01' });
      const echoed = remit('A-CORR', '4', 0, { payerControlNumber: 'PCN-1', paymentDate: '2024-04-01' });
      const lines = [remitLine(paid, '1', '99213', 80), remitLine(reversal, '1', '99213', -80), remitLine(echoed, '1', '99213', 0)];
      const m = matchRemittances({ charges, remitClaims: [paid, reversal, echoed], remitLines: lines });
      assert.deepEqual(m.billedNotPaid.map((b) => b.remitted), [true]);
      const claimA = m.claims[0];
      assert.deepEqual([claimA?.remits, claimA?.paidCents, claimA?.firstPaymentDate], [3, 0, '2024-03-06']);
      assert.deepEqual(m.paidNotBilled, []);
    });
  });
});
