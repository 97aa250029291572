import { strict as assert } from 'node:assert';
import { deniedLinesFromAdjustments } from '../../../core/denials';
import type { ChargeLine, Transaction } from '../../../core/model';

let n = 0;
const lineage = () => ({ source: 'pm.csv', line: ++n, profile: 'test' });

function charge(claimId: string, lineNumber: string | undefined, procedureCode: string, chargeCents: number): ChargeLine {
  return {
    type: 'charge',
    key: `c${++n}`,
    lineage: lineage(),
    claimId,
    ...(lineNumber === undefined ? {} : { lineNumber }),
    serviceDate: '2024-02-01',
    postDate: '2024-02-02',
    procedureCode,
    modifiers: [],
    units: 1,
    chargeCents,
    diagnosisCodes: [],
    payerClass: 'commercial',
    payerId: 'P1',
    payerName: 'Payer One',
    renderingNpi: '1003000126',
  } as ChargeLine;
}

function posting(type: Transaction['type'], claimId: string, lineNumber: string | undefined, postDate: string, amountCents: number, group = '', reason = '', source: Transaction['paymentSource'] = 'insurance'): Transaction {
  return {
    type,
    key: `t${++n}`,
    lineage: lineage(),
    claimId,
    ...(lineNumber === undefined ? { procedureCode: '99213', serviceDate: '2024-02-01' } : { lineNumber }),
    postDate,
    amountCents,
    statedAmountCents: amountCents,
    paymentSource: source,
    ...(group === '' ? {} : { reasonGroup: group }),
    ...(reason === '' ? {} : { reasonCode: reason }),
    payerClass: 'commercial',
    payerId: 'P1',
    payerName: 'Payer One',
  } as Transaction;
}

describe('core/denials/adjustments', () => {
  describe('deniedLinesFromAdjustments', () => {
    it('counts a line once, on its first denial note, for its billed charge; the later write-off is not a second denial', () => {
      const lines = deniedLinesFromAdjustments({
        charges: [charge('C1', '1', '99213', 12_000), charge('C1', '2', '36415', 1_500)],
        transactions: [
          posting('adjustment', 'C1', '1', '2024-03-01', 0, 'CO', '16'),
          posting('adjustment', 'C1', '1', '2024-04-01', 0, 'CO', '16'),
          posting('adjustment', 'C1', '1', '2024-06-01', 12_000, 'CO', '16'),
          posting('payment', 'C1', '2', '2024-03-01', 1_000),
          posting('adjustment', 'C1', '2', '2024-03-01', 500, 'CO', '45'),
        ],
      });
      assert.equal(lines.length, 1);
      const [l] = lines;
      assert.deepEqual(
        [l?.claimId, l?.procedureCode, l?.chargeCents, l?.paymentDate, l?.reason, l?.group, l?.category, l?.denials, l?.overturned, l?.provider],
        ['C1', '99213', 12_000, '2024-03-01', '16', 'CO', 'Missing information', 2, false, '1003000126'],
      );
    });

    it('marks a denial overturned when the payer later allows the line (a payment, or the amount moved to the deductible)', () => {
      const lines = deniedLinesFromAdjustments({
        charges: [charge('C2', '1', '99214', 20_000), charge('C3', '1', '99214', 20_000)],
        transactions: [
          posting('adjustment', 'C2', '1', '2024-03-01', 0, 'CO', '197'),
          posting('payment', 'C2', '1', '2024-05-01', 15_000),
          posting('adjustment', 'C3', '1', '2024-03-01', 0, 'CO', '4'),
          posting('transfer', 'C3', '1', '2024-05-01', 12_000, 'PR', '1', 'patient'),
        ],
      });
      assert.deepEqual(lines.map((l) => [l.claimId, l.overturned]), [['C2', true], ['C3', true]]);
    });

    it('is not fooled by cost-sharing, contractual write-offs, reversed denial write-offs or the period', () => {
      const transactions = [
        posting('adjustment', 'C4', '1', '2024-03-01', 5_000, 'PR', '1'),
        posting('adjustment', 'C4', '2', '2024-03-01', 5_000, 'CO', '45'),
        posting('adjustment', 'C4', '3', '2024-03-01', -5_000, 'CO', '50'),
        posting('adjustment', 'C5', undefined, '2024-04-10', 7_000, 'CO', '50'),
      ];
      const all = deniedLinesFromAdjustments({ charges: [], transactions });
      // Only C5 (no line number: keyed by procedure and date; no charge line, so the written-off amount).
      assert.deepEqual(all.map((l) => [l.claimId, l.procedureCode, l.chargeCents, l.category]), [['C5', '99213', 7_000, 'Medical necessity']]);
      assert.equal(deniedLinesFromAdjustments({ charges: [], transactions }, { from: '2024-03-01', to: '2024-03-31' }).length, 0);
    });
  });
});
