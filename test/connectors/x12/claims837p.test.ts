/** Hand-built 837Ps: HL hierarchy, rendering provider at claim and line level, COB loops, diagnosis pointers. */
import { strict as assert } from 'node:assert';
import type { ChargeLine } from '../../../core/model';
import type { ImportResult } from '../../../core/source';
import { sourceFromBytes } from '../../../connectors/source';
import { import837p } from '../../../connectors/x12';

const ISA = 'ISA*00*          *00*          *ZZ*CLINIC         *ZZ*PAYER          *240301*1200*^*00501*000000555*0*P*:';

function claims(body: string[]): string {
  const transaction = ['ST*837*0007*005010X222A1', 'BHT*0019*00*BATCH1*20240305*1200*CH', 'NM1*41*2*CLINIC*****46*SUB1', 'NM1*40*2*PAYER*****46*PAY1', ...body];
  return [ISA, 'GS*HC*CLINIC*PAYER*20240305*1200*1*X*005010X222A1', ...transaction, `SE*${transaction.length + 1}*0007`, 'GE*1*1', 'IEA*1*000000555'].join('~\n') + '~\n';
}

async function run(text: string): Promise<ImportResult> {
  return import837p(sourceFromBytes('claims.837', new TextEncoder().encode(text)));
}
const lines = (r: ImportResult) => r.records.filter((x): x is ChargeLine => x.type === 'charge');

const BILLING = ['HL*1**20*1', 'NM1*85*2*FAMILY CLINIC*****XX*1234567893', 'N3*1 MAIN ST', 'N4*TOWN*ST*12345', 'REF*EI*123456789'];

describe('connectors/x12/claims837p', () => {
  describe('import837p', () => {
    it('takes payer and filing indicator from the subscriber, rendering from claim or line, diagnoses by pointer', async () => {
      const r = await run(
        claims([
          ...BILLING,
          'HL*2*1*22*1',
          'SBR*P*18*GRP******MB',
          'NM1*IL*1*DOE*JOHN****MI*MEMBER9',
          'NM1*PR*2*MEDICARE PART B*****PI*MCR01',
          'HL*3*2*23*0',
          'PAT*19',
          'NM1*QC*1*DOE*JUNIOR',
          'DMG*D8*20100101*M',
          'CLM*CLAIM-1*150***11:B:1*Y*A*Y*Y',
          'HI*ABK:J069*ABF:R509',
          'NM1*82*1*WELBY*MARCUS****XX*1003000126',
          'SBR*S*18*******CI',
          'NM1*IL*1*DOE*JANE****MI*OTHER',
          'NM1*PR*2*OTHER PLAN*****PI*OTHER01',
          'LX*1',
          'SV1*HC:99213:25*100*UN*1***2:1',
          'DTP*472*D8*20240301',
          'REF*6R*CTRL-1',
          'LX*2',
          'SV1*HC:87880*50*UN*2*22**1',
          'DTP*472*RD8*20240302-20240303',
          'NM1*82*1*QUINN*MICHAELA****XX*1497758544',
        ]),
      );
      assert.deepEqual(r.issues, []);
      const [first, second] = lines(r);
      assert.deepEqual(
        [first?.payerName, first?.payerId, first?.payerClass, first?.renderingNpi, first?.billingNpi, first?.diagnosisCodes, first?.lineNumber, first?.modifiers],
        ['MEDICARE PART B', 'MCR01', 'medicare', '1003000126', '1234567893', ['R509', 'J069'], 'CTRL-1', ['25']],
      );
      assert.deepEqual(
        [second?.renderingNpi, second?.placeOfService, second?.serviceDate, second?.units, second?.diagnosisCodes, second?.lineNumber],
        ['1497758544', '22', '2024-03-02', 2, ['J069'], '2'],
      );
      assert.equal(first?.placeOfService, '11');
      assert.equal(first?.submittedDate, '2024-03-05');
      assert.equal(first?.patientKey, second?.patientKey);
      assert.ok(!JSON.stringify(r.records).includes('DOE'));
    });

    it('reads two subscribers under one billing provider, each with its own payer', async () => {
      const r = await run(
        claims([
          ...BILLING,
          'HL*2*1*22*0',
          'SBR*P*18*******CI',
          'NM1*IL*1*A*A****MI*M1',
          'NM1*PR*2*PLAN A*****PI*A1',
          'CLM*C1*10***11:B:1*Y*A*Y*Y',
          'LX*1',
          'SV1*HC:99211*10*UN*1',
          'DTP*472*D8*20240301',
          'HL*3*1*22*0',
          'SBR*P*18*******MC',
          'NM1*IL*1*B*B****MI*M2',
          'NM1*PR*2*PLAN B*****PI*B1',
          'CLM*C2*20***11:B:7*Y*A*Y*Y',
          'LX*1',
          'SV1*HC:99212*20*UN*1',
          'DTP*472*D8*20240302',
        ]),
      );
      assert.deepEqual(lines(r).map((l) => [l.claimId, l.payerId, l.payerClass, l.claimFrequency, l.renderingNpi]), [
        ['C1', 'A1', 'commercial', '1', undefined],
        ['C2', 'B1', 'medicaid', '7', undefined],
      ]);
      assert.notEqual(lines(r)[0]?.patientKey, lines(r)[1]?.patientKey);
    });

    it('reports a claim total that is not the sum of its lines, and a line without a date of service', async () => {
      const r = await run(
        claims([...BILLING, 'HL*2*1*22*0', 'SBR*P*18*******CI', 'NM1*PR*2*PLAN*****PI*P', 'CLM*C1*99***11:B:1', 'LX*1', 'SV1*HC:99211*10*UN*1', 'LX*2', 'SV1*HC:99212*20*UN*1', 'DTP*472*D8*20240301']),
      );
      assert.deepEqual(r.issues.map((i) => i.code), ['x12-service-date-missing']);
      assert.equal(lines(r).length, 1);
      assert.equal(r.rowsRejected, 1);
      assert.equal(r.rowsRead, r.recordsImported + r.rowsRejected);
      const total = await run(claims([...BILLING, 'HL*2*1*22*0', 'SBR*P*18*******CI', 'CLM*C1*99***11:B:1', 'LX*1', 'SV1*HC:99211*10*UN*1', 'DTP*472*D8*20240301']));
      assert.deepEqual(total.issues.map((i) => i.code), ['x12-claim-total']);
      assert.match(total.issues[0]?.message ?? '', /claim C1 \(interchange 000000555, transaction 0007\).*\$99\.00.*\$10\.00/);
    });
  });
});
