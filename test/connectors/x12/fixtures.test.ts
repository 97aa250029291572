/**
 * Every 835 and 837P fixture imports, and the summary totals equal what a few lines of segment
 * splitting in this test compute on their own (not the connector's tokenizer).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import type { ChargeLine, ProviderAdjustment, RemitClaim, RemitLine } from '../../../core/model';
import type { ImportResult } from '../../../core/source';
import { sourceFromBytes } from '../../../connectors/source';
import { import835, import837p } from '../../../connectors/x12';
import { fixture } from '../../support/paths';

/** Independent splitter: separators from the ISA (or "~" and the char after "ST"), whitespace trimmed. */
function rawSegments(text: string): string[][] {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  let element: string;
  let terminator = '~';
  if (t.startsWith('ISA')) {
    element = t.charAt(3);
    let at = 3;
    for (let n = 1; n < 16; n++) at = t.indexOf(element, at + 1);
    const after = t.slice(at + 2).replace(/^[\r\n]+/, '');
    terminator = /^[A-Z]/.test(after) ? '\n' : after.charAt(0);
  } else {
    element = t.charAt(2);
  }
  return t
    .split(terminator)
    .map((s) => s.replace(/[\r\n]/g, '').trim())
    .filter((s) => s !== '')
    .map((s) => s.split(element));
}

const cents = (text: string | undefined) => Math.round(Number(text ?? '') * 100);
const numeric = (text: string | undefined) => text !== undefined && text.trim() !== '' && Number.isFinite(Number(text));

function expected835(segments: string[][]) {
  const byGroup: Record<string, number> = {};
  let claims = 0;
  let reversals = 0;
  let chargeCents = 0;
  let paidCents = 0;
  let patientResponsibilityCents = 0;
  let serviceLines = 0;
  let providerAdjustmentCents = 0;
  let totalPaymentCents = 0;
  for (const s of segments) {
    const [id] = s;
    if (id === 'CLP' && numeric(s[3]) && numeric(s[4])) {
      claims += 1;
      if (s[2] === '22') reversals += 1;
      chargeCents += cents(s[3]);
      paidCents += cents(s[4]);
      if (numeric(s[5])) patientResponsibilityCents += cents(s[5]);
    } else if (id === 'SVC' && numeric(s[2]) && numeric(s[3])) {
      serviceLines += 1;
    } else if (id === 'CAS') {
      for (let i = 3; i < s.length; i += 3) if (numeric(s[i])) byGroup[s[1] ?? ''] = (byGroup[s[1] ?? ''] ?? 0) + cents(s[i]);
    } else if (id === 'PLB') {
      for (let i = 4; i < s.length; i += 2) providerAdjustmentCents += cents(s[i]);
    } else if (id === 'BPR') {
      totalPaymentCents += cents(s[2]);
    }
  }
  return {
    transactions: segments.filter((s) => s[0] === 'ST').length,
    claims,
    reversals,
    serviceLines,
    chargeCents,
    paidCents,
    patientResponsibilityCents,
    adjustmentCentsByGroup: byGroup,
    providerAdjustmentCents,
    totalPaymentCents,
    // The generic file totals: payments = Σ CLP04, adjustments = Σ CAS amounts.
    paymentCents: paidCents,
    adjustmentCents: Object.values(byGroup).reduce((a, b) => a + b, 0),
  };
}

function expected837(segments: string[][]) {
  return {
    transactions: segments.filter((s) => s[0] === 'ST').length,
    claims: segments.filter((s) => s[0] === 'CLM').length,
    serviceLines: segments.filter((s) => s[0] === 'SV1').length,
    chargeCents: segments.filter((s) => s[0] === 'CLM').reduce((sum, s) => sum + cents(s[2]), 0),
  };
}

async function load(kind: 'x12_835' | 'x12_837p', name: string): Promise<{ result: ImportResult; text: string }> {
  const bytes = readFileSync(fixture(kind, name));
  const result = await (kind === 'x12_835' ? import835 : import837p)(sourceFromBytes(name, bytes));
  return { result, text: bytes.toString('utf8') };
}

const claimsOf = (r: ImportResult) => r.records.filter((x): x is RemitClaim => x.type === 'remit-claim');
const linesOf = (r: ImportResult) => r.records.filter((x): x is RemitLine => x.type === 'remit-line');
const chargesOf = (r: ImportResult) => r.records.filter((x): x is ChargeLine => x.type === 'charge');

describe('connectors/x12 (fixtures)', () => {
  describe('import835', () => {
    for (const name of readdirSync(fixture('x12_835'))) {
      it(`imports ${name} with summary totals equal to an independent count`, async () => {
        const { result, text } = await load('x12_835', name);
        const segments = rawSegments(text);
        assert.equal(result.rowsRead, segments.length);
        assert.equal(result.rowsRead, result.recordsImported + result.rowsRejected);
        assert.deepEqual(result.extraSummary, expected835(segments));
        assert.equal(result.format, 'x12-835');
        assert.equal(linesOf(result).length, (result.extraSummary as { serviceLines: number }).serviceLines);
      });
    }

    it('reports the masked de-identified files as unbalanced instead of failing', async () => {
      for (const name of ['oopfactory_4010_835_DeIdent_01.dat', 'oopfactory_5010_ExampleFromNth.txt']) {
        const { result } = await load('x12_835', name);
        const codes = new Set(result.issues.map((i) => i.code));
        assert.ok(codes.has('x12-balance-claim') && codes.has('x12-balance-transaction'), name);
        assert.ok(claimsOf(result).length > 50);
      }
    });

    it('reads claim, line, recode and allowed amount of the BCBS NC sample', async () => {
      const { result } = await load('x12_835', 'edi835parser_blue_cross_nc_sample.txt');
      const [claim] = claimsOf(result);
      assert.equal(claim?.claimId, '200200964A52');
      assert.equal(claim?.paidCents, 192286);
      assert.equal(claim?.patientResponsibilityCents, 14254);
      assert.equal(claim?.filingIndicator, '15');
      assert.equal(claim?.payerClass, 'commercial');
      assert.equal(claim?.payerControlNumber, '94151100100');
      assert.equal(claim?.paymentId, '02790758');
      assert.equal(claim?.paymentDate, '2011-01-08');
      assert.equal(claim?.receivedDate, '2011-01-03');
      assert.equal(claim?.payeeNpi, '0987654321');
      assert.match(claim?.patientKey ?? '', /^p[0-9a-f]{16}$/);
      const [first, second] = linesOf(result);
      assert.equal(first?.procedureCode, '59430');
      assert.equal(first?.submittedProcedureCode, '59410');
      assert.equal(first?.allowedCents, 117540);
      assert.equal(first?.lineNumber, '0001');
      assert.equal(first?.serviceDate, '2010-12-31');
      assert.deepEqual(first?.adjustments, [
        { group: 'CO', reason: '42', amountCents: 3460 },
        { group: 'PR', reason: '2', amountCents: 11754 },
      ]);
      assert.equal(second?.claimKey, claim?.key);
      // The third SVC has its amounts in the wrong elements: reported, its DTM/REF/AMT too.
      assert.ok(result.issues.some((i) => i.code === 'x12-element-missing' && i.location.segment === 28));
    });

    it('reads payer id from REF*2U, PLB reference and the 4010 "|" separators', async () => {
      const { result } = await load('x12_835', 'tigershark_835-example.txt');
      const [claim] = claimsOf(result);
      assert.equal(claim?.payerId, '87726');
      assert.equal(claim?.payerName, 'UNITED HEALTHCARE INSURANCE COMPANY');
      assert.equal(claim?.paymentMethod, 'ACH');
      const plb = result.records.filter((r): r is ProviderAdjustment => r.type === 'provider-adjustment');
      assert.deepEqual(
        plb.map((p) => [p.reasonCode, p.reference, p.amountCents, p.providerId, p.fiscalPeriodDate]),
        [['WO', '12104411559120820 001GAL295513', -36119, '743238060', '2012-12-31']],
      );
      const issue = result.issues.find((i) => i.code === 'x12-balance-transaction');
      assert.match(issue?.message ?? '', /transaction 0001 \(interchange 000015442\)/);
    });

    it('keeps reversals (CLP02 22) with their negative amounts', async () => {
      const { result } = await load('x12_835', 'oopfactory_5010_Example1.txt');
      const reversal = claimsOf(result).find((c) => c.claimId === '123456');
      assert.equal(reversal?.claimStatus, '22');
      assert.equal(reversal?.chargeCents, -4258);
      assert.equal(linesOf(result).find((l) => l.claimId === '123456')?.units, -2);
    });
  });

  describe('import837p', () => {
    for (const name of readdirSync(fixture('x12_837p'))) {
      it(`imports ${name} with summary totals equal to an independent count`, async () => {
        const { result, text } = await load('x12_837p', name);
        const segments = rawSegments(text);
        assert.equal(result.rowsRead, segments.length);
        assert.equal(result.rowsRead, result.recordsImported + result.rowsRejected);
        assert.deepEqual(result.extraSummary, expected837(segments));
        assert.equal(chargesOf(result).length, expected837(segments).serviceLines);
      });
    }

    it('reads claim, provider, payer, diagnosis pointers and dates of the guide example 1', async () => {
      const { result } = await load('x12_837p', 'lfh_demo.example1.837');
      const lines = chargesOf(result);
      assert.deepEqual(
        lines.map((l) => [l.claimId, l.procedureCode, l.chargeCents, l.serviceDate, l.diagnosisCodes]),
        [
          ['26463774', '99213', 4000, '2006-10-03', ['0340']],
          ['26463774', '87070', 1500, '2006-10-03', ['0340']],
          ['26463774', '99214', 3500, '2006-10-10', ['V7389']],
          ['26463774', '86663', 1000, '2006-10-10', ['V7389']],
        ],
      );
      const [first] = lines;
      assert.equal(first?.billingNpi, '1912301953');
      assert.equal(first?.payerName, 'KEY INSURANCE COMPANY');
      assert.equal(first?.payerId, '999996666');
      assert.equal(first?.payerClass, 'commercial');
      assert.equal(first?.placeOfService, '11');
      assert.equal(first?.claimFrequency, '1');
      assert.equal(first?.submittedDate, '2006-10-15');
      assert.match(first?.patientKey ?? '', /^p[0-9a-f]{16}$/);
      assert.ok(!JSON.stringify(lines).includes('SMITH'));
    });

    it('follows the HL parent of each claim in a file with several billing providers', async () => {
      const { result } = await load('x12_837p', 'oopfactory_4010_837_DeIdent_03.dat');
      const lines = chargesOf(result);
      assert.equal(lines.length, 104);
      assert.ok(lines.every((l) => l.payerClass === 'medicare' && l.billingNpi === '9999999999'));
    });

    it('reads Medicaid from SBR09 in a 4010 file whose billing provider has no NPI', async () => {
      const { result } = await load('x12_837p', 'tigershark_837-example.txt');
      const lines = chargesOf(result);
      assert.deepEqual(lines.map((l) => [l.procedureCode, l.modifiers, l.units, l.payerClass, l.billingNpi]), [
        ['T1018', ['U1'], 1, 'medicaid', undefined],
        ['T1018', ['U8'], 10, 'medicaid', undefined],
      ]);
    });
  });
});
