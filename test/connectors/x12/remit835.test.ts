/** Hand-built 835s: each balancing rule balanced and unbalanced, reversals, SVC06 recodes, PLB signs, malformed segments. */
import { strict as assert } from 'node:assert';
import type { ProviderAdjustment, RemitClaim, RemitLine } from '../../../core/model';
import type { ImportResult } from '../../../core/source';
import { sourceFromBytes } from '../../../connectors/source';
import { import835 } from '../../../connectors/x12';

const ISA = 'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *240301*1200*^*00501*000000777*0*P*:';

/** An 835 around `body` (segments without terminators); BPR02 = `payment`. */
function remit(payment: string, body: string[]): string {
  const transaction = [
    'ST*835*0042',
    `BPR*I*${payment}*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20240305`,
    'TRN*1*EFT12345*1234567890',
    'DTM*405*20240304',
    'N1*PR*ACME HEALTH PLAN',
    'REF*2U*ACME01',
    'N1*PE*FAMILY CLINIC*XX*1234567893',
    'LX*1',
    ...body,
  ];
  const segments = [ISA, 'GS*HP*PAYER*CLINIC*20240301*1200*1*X*005010X221A1', ...transaction, `SE*${transaction.length + 1}*0042`, 'GE*1*1', 'IEA*1*000000777'];
  return segments.join('~\n') + '~\n';
}

async function run(text: string): Promise<ImportResult> {
  return import835(sourceFromBytes('test.835', new TextEncoder().encode(text)));
}

const codes = (r: ImportResult) => r.issues.map((i) => i.code);
const claims = (r: ImportResult) => r.records.filter((x): x is RemitClaim => x.type === 'remit-claim');
const lines = (r: ImportResult) => r.records.filter((x): x is RemitLine => x.type === 'remit-line');

/** A claim of 100.00 with one line: CO-45 20.00 and PR-2 10.00, paid 70.00. */
const BALANCED = [
  'CLP*C1*1*100*70*10*12*PCN1*11*1',
  'NM1*QC*1*DOE*JANE****MI*MEMBER1',
  'NM1*82*1*WELBY*MARCUS****XX*1003000126',
  'SVC*HC:99213:25*100*70**1',
  'DTM*472*20240210',
  'CAS*CO*45*20',
  'CAS*PR*2*10',
  'REF*6R*LINE-1',
  'AMT*B6*80',
];

describe('connectors/x12/remit835', () => {
  describe('balancing', () => {
    it('raises no balancing issue when line, claim and transaction balance', async () => {
      const r = await run(remit('70', BALANCED));
      assert.deepEqual(codes(r), []);
      assert.equal(r.rowsRead, r.recordsImported);
      assert.equal(r.rowsRejected, 0);
      const [line] = lines(r);
      assert.equal(line?.lineNumber, 'LINE-1');
      assert.deepEqual(line?.modifiers, ['25']);
      assert.equal(line?.allowedCents, 8000);
      assert.equal(line?.renderingNpi, '1003000126');
      assert.equal(claims(r)[0]?.payerId, 'ACME01');
    });

    it('reports a line whose charge minus adjustments is not its payment (SVC02 − Σ CAS ≠ SVC03)', async () => {
      const body = BALANCED.map((s) => (s === 'SVC*HC:99213:25*100*70**1' ? 'SVC*HC:99213:25*100*75**1' : s));
      const r = await run(remit('70', body));
      const issue = r.issues.find((i) => i.code === 'x12-balance-line');
      assert.equal(issue?.location.segment, 14); // ISA GS ST BPR TRN DTM N1 REF N1 LX CLP NM1 NM1 SVC
      assert.match(issue?.message ?? '', /claim C1 \(interchange 000000777, transaction 0042\)/);
      assert.match(issue?.message ?? '', /\$100\.00.*\$30\.00.*\$75\.00/);
      assert.ok(!codes(r).includes('x12-balance-claim'), 'the claim itself still balances: 100 − 30 = 70');
    });

    it('reports a claim whose charge minus claim and line adjustments is not its payment', async () => {
      const body = [...BALANCED.slice(0, 1), 'CAS*OA*23*5', ...BALANCED.slice(1)];
      const r = await run(remit('70', body));
      assert.deepEqual(codes(r), ['x12-balance-claim']);
      assert.equal(r.issues[0]?.location.segment, 11);
      assert.match(r.issues[0]?.message ?? '', /claim C1 .*charge \$100\.00 minus claim and line adjustments \$35\.00 is not the paid \$70\.00/);
    });

    it('counts claim-level adjustments toward the claim balance', async () => {
      const r = await run(remit('0', ['CLP*C2*4*250*0*0*MC*PCN2', 'CAS*CO*29*250']));
      assert.deepEqual(codes(r), []);
      assert.deepEqual(claims(r)[0]?.adjustments, [{ group: 'CO', reason: '29', amountCents: 25000 }]);
      assert.equal(claims(r)[0]?.payerClass, 'medicaid');
    });

    it('reports a transaction whose claims paid minus PLB is not BPR02', async () => {
      const r = await run(remit('71', BALANCED));
      assert.deepEqual(codes(r), ['x12-balance-transaction']);
      assert.equal(r.issues[0]?.location.segment, 4);
    });

    it('subtracts a positive PLB amount from the payment and adds a negative one', async () => {
      const withheld = await run(remit('60', [...BALANCED, 'PLB*1234567893*20241231*WO:REF1*10']));
      assert.deepEqual(codes(withheld), []);
      const returned = await run(remit('80', [...BALANCED, 'PLB*1234567893*20241231*L6:INT*-10']));
      assert.deepEqual(codes(returned), []);
      assert.equal((returned.extraSummary as { providerAdjustmentCents: number }).providerAdjustmentCents, -1000);
      const wrongWay = await run(remit('80', [...BALANCED, 'PLB*1234567893*20241231*WO:REF1*10']));
      assert.deepEqual(codes(wrongWay), ['x12-balance-transaction']);
    });

    it('makes one ProviderAdjustment per PLB reason/amount pair', async () => {
      const r = await run(remit('70', [...BALANCED, 'PLB*1234567893*20241231*CS:A*-5*CS:B*5*72*3*72*-3']));
      const plb = r.records.filter((x): x is ProviderAdjustment => x.type === 'provider-adjustment');
      assert.deepEqual(plb.map((p) => [p.reasonCode, p.reference, p.amountCents]), [
        ['CS', 'A', -500],
        ['CS', 'B', 500],
        ['72', undefined, 300],
        ['72', undefined, -300],
      ]);
      assert.equal(new Set(plb.map((p) => p.key)).size, 4);
      assert.deepEqual(codes(r), []);
    });
  });

  describe('claims', () => {
    it('keeps a reversal (22) and its corrected claim as two claims of the payment, netting to the difference', async () => {
      const r = await run(
        remit('10', [
          'CLP*C1*22*-100*-70*-10*12*PCN1',
          'CAS*CO*45*-20',
          'CAS*PR*2*-10',
          'CLP*C1*1*100*80*10*12*PCN1B',
          'CAS*CO*45*10',
          'CAS*PR*2*10',
        ]),
      );
      assert.deepEqual(codes(r), []);
      assert.deepEqual(claims(r).map((c) => [c.claimStatus, c.paidCents]), [['22', -7000], ['1', 8000]]);
      assert.equal((r.extraSummary as { reversals: number }).reversals, 1);
      assert.notEqual(claims(r)[0]?.key, claims(r)[1]?.key);
    });

    it('keeps the submitted code of a recoded line (SVC06) beside the adjudicated one', async () => {
      const r = await run(remit('50', ['CLP*C3*1*120*50**12*PCN3', 'SVC*HC:99213*120*50**1*HC:99214:25', 'CAS*CO*45*70']));
      const [line] = lines(r);
      assert.equal(line?.procedureCode, '99213');
      assert.equal(line?.submittedProcedureCode, '99214');
      assert.deepEqual(line?.submittedModifiers, ['25']);
    });

    it('reads interest (AMT*I), remark codes (MOA, LQ) and dates', async () => {
      const r = await run(
        remit('72.5', [
          'CLP*C4*1*100*72.5*0*MB*PCN4',
          'CAS*CO*45*30',
          'CAS*OA*225*-2.5',
          'MOA***MA01*N1',
          'DTM*232*20240201',
          'DTM*050*20240215',
          'AMT*I*2.5',
          'SVC*HC:99213*100*72.5**1',
          'DTM*472*20240201',
          'LQ*HE*N130',
        ]),
      );
      const [claim] = claims(r);
      assert.deepEqual(codes(r), ['x12-balance-line']); // line: 100 − 0 ≠ 72.50 (the CAS are at claim level)
      assert.equal(claim?.interestCents, 250);
      assert.deepEqual(claim?.remarkCodes, ['MA01', 'N1']);
      assert.equal(claim?.serviceDateFrom, '2024-02-01');
      assert.equal(claim?.receivedDate, '2024-02-15');
      assert.equal(claim?.payerClass, 'medicare');
      assert.deepEqual(lines(r)[0]?.remarkCodes, ['N130']);
    });
  });

  describe('malformed input', () => {
    it('reports a non-numeric amount, skips that claim and imports the rest', async () => {
      const r = await run(remit('70', ['CLP*BAD*1*ABC*0**12*PCN9', 'SVC*HC:99213*1*1**1', 'DTM*472*20240101', ...BALANCED]));
      assert.deepEqual(claims(r).map((c) => c.claimId), ['C1']);
      assert.ok(codes(r).includes('x12-amount-invalid'));
      assert.equal(codes(r).filter((c) => c === 'x12-parent-skipped').length, 2);
      assert.equal(r.rowsRejected, 3);
      assert.equal(r.rowsRead, r.recordsImported + r.rowsRejected);
    });

    it('reports unknown qualifiers, unknown segments and too many elements', async () => {
      const r = await run(remit('70', [...BALANCED.slice(0, 5), 'CAS*XX*45*20', 'ZZZ*1', 'DTM*999*20240101', ...BALANCED.slice(6)]));
      assert.ok(codes(r).includes('x12-qualifier-unknown'));
      assert.ok(codes(r).includes('x12-segment-unknown'));
      assert.equal(r.rowsRejected, 3); // CAS*XX, ZZZ, DTM*999
      const long = await run(remit('70', ['CLP*C1*1*100*70*10*12*PCN1*11*1*1*2*3*4*5*6', ...BALANCED.slice(1)]));
      assert.ok(codes(long).includes('x12-segment-malformed'));
      assert.equal(claims(long).length, 1);
      const sevenTriples = await run(remit('70', [...BALANCED, 'CAS*OA*1*1**2*1**3*1**4*1**5*1**6*1**7*1']));
      assert.ok(codes(sevenTriples).includes('x12-segment-malformed'));
    });

    it('reports an invalid eight-digit date every time it appears', async () => {
      const r = await run(remit('70', [...BALANCED.slice(0, 4), 'DTM*472*20241341', ...BALANCED.slice(5), 'DTM*050*20241341']));
      assert.deepEqual(codes(r), ['x12-date-invalid', 'x12-date-invalid']);
      assert.deepEqual(r.issues.map((i) => i.location.segment), [15, 20]);
      assert.equal(lines(r)[0]?.serviceDate, undefined);
    });

    it('keeps none of the adjustments of a CAS whose later triple cannot be read, and does not balance that transaction', async () => {
      const r = await run(remit('71', [...BALANCED.slice(0, 5), 'CAS*CO*45*20*1*253*X', ...BALANCED.slice(6)]));
      assert.deepEqual(codes(r), ['x12-amount-invalid', 'x12-balance-line', 'x12-balance-claim']);
      assert.deepEqual(lines(r)[0]?.adjustments, [{ group: 'PR', reason: '2', amountCents: 1000 }]);
      assert.equal(r.rowsRejected, 1);
    });

    it('reads amounts with blanks or zero decimals beyond the cents through the money parser', async () => {
      const r = await run(remit('70', [...BALANCED.slice(0, 5), 'CAS*CO*45* 20.000', 'CAS*PR*2*10.005', ...BALANCED.slice(7)]));
      assert.deepEqual(lines(r)[0]?.adjustments, [{ group: 'CO', reason: '45', amountCents: 2000 }]);
      assert.deepEqual(codes(r), ['x12-amount-invalid', 'x12-balance-line', 'x12-balance-claim']); // the PR-2 of 10.00 is lost
      assert.match(r.issues[0]?.message ?? '', /CAS03/);
    });

    it('sums CAS amounts by group in the file summary, groups in the order first seen', async () => {
      const r = await run(remit('70', [...BALANCED, 'CLP*C2*4*5*0*0*12*PCN2', 'CAS*OA*23*2', 'CAS*CO*45*3']));
      assert.deepEqual(Object.entries((r.extraSummary as { adjustmentCentsByGroup: Record<string, number> }).adjustmentCentsByGroup), [
        ['CO', 2300],
        ['PR', 1000],
        ['OA', 200],
      ]);
    });

    it('reads a bare ST…SE file with no envelope', async () => {
      const text = remit('70', BALANCED).split('~\n').filter((s) => !/^(ISA|GS|GE|IEA)\*/.test(s)).join('~\n');
      const r = await run(text);
      assert.deepEqual(codes(r), []);
      assert.equal(claims(r).length, 1);
      assert.equal(claims(r)[0]?.key, '835|(none)||0042|EFT12345|1'); // no ISA, no GS: the payment and position name it
    });

    it('reports segments outside any transaction and a transaction of another kind', async () => {
      const r = await run(`${ISA}~GS*HC*A*B*20240101*1200*1*X*005010X222A1~ST*837*1~BHT*0019~SE*3*1~CLP*X*1*1*1~GE*1*1~IEA*1*000000777~`);
      assert.deepEqual(codes(r).sort(), ['x12-segment-outside-transaction', 'x12-transaction-unsupported']);
      assert.equal(r.rowsRejected, 2);
      assert.equal(r.rowsRead, 8);
    });
  });
});
