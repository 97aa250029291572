import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { importDelimited } from '../../../connectors/csv';
import { sourceFromBytes } from '../../../connectors/source';
import type { ChargeLine, Transaction } from '../../../core/model';
import { summarize } from '../../../core/source';
import { fixture } from '../../support/paths';
import { assertInvariants, codes, importBytes, importText } from '../helpers';

const CHARGE_HEADER =
  'key,claim_id,line_number,service_date,post_date,patient_id,encounter_id,rendering_provider_id,rendering_provider_name,rendering_npi,billing_provider_id,billing_npi,location_id,location_name,payer_id,payer_name,payer_class,procedure_code,modifiers,units,charge_amount,diagnosis_codes,place_of_service';

function chargeRow(i: number, amount = '100.00', extra: Partial<Record<'claim' | 'code' | 'date' | 'name', string>> = {}): string {
  return [
    `K${i}`,
    extra.claim ?? `C${i}`,
    '1',
    extra.date ?? '2024-03-05',
    '2024-03-07',
    `00${i}`,
    `E${i}`,
    'P1',
    extra.name ?? 'Ann Example',
    '1234567893',
    'B1',
    '',
    'L1',
    'Main Street',
    'PY1',
    'Aetna',
    'commercial',
    extra.code ?? '99213',
    '25',
    '1',
    amount,
    'J20.9;R05',
    '11',
  ].join(',');
}

describe('connectors/csv', () => {
  describe('importDelimited', () => {
    it('keeps quoted fields with embedded delimiters and line breaks, and reports physical lines', async () => {
      const text = [
        CHARGE_HEADER,
        chargeRow(1, '100.00', { name: '"Doe, Jane ""JD"""' }),
        chargeRow(2, '"1,250.00"', { name: '"Smith\nJohn"' }),
        chargeRow(3, '20.00', { date: '2024-02-30' }),
      ].join('\r\n');
      const r = await importText('charges.csv', text + '\r\n');
      assert.equal(r.rowsRead, 3);
      assert.equal(r.recordsImported, 2);
      const [a, b] = r.records as ChargeLine[];
      assert.equal(a?.renderingProviderName, 'Doe, Jane "JD"');
      assert.equal(b?.renderingProviderName, 'Smith\nJohn');
      assert.equal(b?.chargeCents, 125000);
      assert.equal(a?.lineage.line, 2);
      assert.equal(b?.lineage.line, 3);
      // Row 3 starts on physical line 5 because row 2 spans lines 3 and 4.
      const bad = r.issues.find((i) => i.code === 'value-invalid');
      assert.equal(bad?.location.line, 5);
      assert.equal(bad?.location.column, 'service_date');
    });

    it('gives the same result whatever the chunk size (rows and characters split across chunks)', async () => {
      const text = [CHARGE_HEADER, chargeRow(1, '10.00', { name: '"Zoë\nMüller, MD"' }), chargeRow(2), chargeRow(3)].join('\n') + '\n';
      const whole = await importText('charges.csv', text);
      for (const size of [1, 7, 64]) {
        const r = await importText('charges.csv', text, {}, size);
        assert.deepEqual(r.records, whole.records, `chunk size ${size}`);
      }
      assert.equal((whole.records[0] as ChargeLine).renderingProviderName, 'Zoë\nMüller, MD');
      assert.equal(whole.records[2]?.lineage.line, 5);
    });

    it('keeps identifiers as text with their leading zeros', async () => {
      const r = await importText('charges.csv', `${CHARGE_HEADER}\n${chargeRow(7, '5', { claim: '000123', code: '0001U' })}\n`);
      const c = r.records[0] as ChargeLine;
      assert.equal(c.claimId, '000123');
      assert.equal(c.procedureCode, '0001U');
      assert.equal(c.placeOfService, '11');
      assert.notEqual(c.patientKey, '007');
      assert.match(c.patientKey ?? '', /^p[0-9a-f]{16}$/);
    });

    it('reads ragged rows by position, keeping those that still have the required fields', async () => {
      const short = chargeRow(2).split(',').slice(0, 21).join(','); // up to charge_amount
      const tooShort = chargeRow(3).split(',').slice(0, 5).join(',');
      const long = `${chargeRow(4)},extra`;
      const r = await importText('charges.csv', [CHARGE_HEADER, chargeRow(1), short, tooShort, long].join('\n'));
      assert.equal(r.rowsRead, 4);
      assert.equal(r.recordsImported, 3);
      assert.equal(r.rowsRejected, 1);
      assert.deepEqual(
        r.issues.filter((i) => i.code === 'ragged-row').map((i) => i.location.line),
        [3, 4, 5],
      );
      assert.ok(r.issues.some((i) => i.code === 'required-missing' && i.location.line === 4));
    });

    it('skips blank lines without counting them, and still counts lines', async () => {
      const r = await importText('charges.csv', `${CHARGE_HEADER}\n\n${chargeRow(1)}\n\n\n${chargeRow(2)}\n`);
      assert.equal(r.rowsRead, 2);
      assert.deepEqual(
        r.records.map((x) => x.lineage.line),
        [3, 6],
      );
    });

    it('reports a quote left open, on the line where its row starts', async () => {
      const broken = chargeRow(2, '10.00', { name: '"Doe, Jane' });
      const r = await importText('charges.csv', [CHARGE_HEADER, chargeRow(1), broken].join('\n') + '\n');
      assert.equal(r.rowsRead, 2);
      assert.equal(r.recordsImported, 1);
      const malformed = r.issues.find((i) => i.code === 'malformed-row');
      assert.equal(malformed?.location.line, 3);
      assert.match(malformed?.message ?? '', /quote/i);
    });

    it('skips a header row repeated by a paginated report, with a note', async () => {
      const r = await importText('charges.csv', [CHARGE_HEADER, chargeRow(1), CHARGE_HEADER, chargeRow(2)].join('\n'));
      assert.equal(r.rowsRead, 2);
      assert.equal(r.recordsImported, 2);
      assert.deepEqual(codes(r), ['header-repeated']);
      assert.equal(r.issues[0]?.location.line, 3);
    });

    it('reports an empty file and a header-only file without rows', async () => {
      const empty = await importDelimited(sourceFromBytes('empty.csv', new Uint8Array(0)), { detection: { format: 'csv', reason: '' } });
      assertInvariants(empty);
      assert.equal(empty.rowsRead, 0);
      assert.deepEqual(codes(empty), ['file-empty']);
      const headerOnly = await importText('charges.csv', `${CHARGE_HEADER}\n`);
      assert.equal(headerOnly.rowsRead, 0);
      assert.equal(headerOnly.profile, 'canonical-charges');
      assert.deepEqual(codes(headerOnly), ['header-only']);
    });

    it('counts a second row with the same natural key once, with an issue on its line', async () => {
      const r = await importText('charges.csv', [CHARGE_HEADER, chargeRow(1), chargeRow(2), chargeRow(1), chargeRow(1)].join('\n'));
      assert.equal(r.rowsRead, 4);
      assert.equal(r.recordsImported, 2);
      assert.equal(r.rowsRejected, 2);
      assert.deepEqual(
        r.issues.filter((i) => i.code === 'duplicate-row').map((i) => i.location.line),
        [4, 5],
      );
    });

    it('refuses an 835 passed to it as a CSV, with no records', async () => {
      const bytes = new Uint8Array(readFileSync(fixture('x12_835', 'lfh_managed-care.835')));
      const r = await importDelimited(sourceFromBytes('remit.csv', bytes));
      assertInvariants(r);
      assert.equal(r.records.length, 0);
      assert.match(r.issues[0]?.message ?? '', /X12/);
      assert.equal(r.issues[0]?.severity, 'error');
    });

    it('reports a layout it does not know instead of guessing, with one issue for all rows', async () => {
      const text = 'Colour,Shape,Weight\nred,round,3\nblue,square,4\ngreen,oval,5\n';
      const r = await importText('things.csv', text);
      assert.equal(r.rowsRead, 3);
      assert.equal(r.recordsImported, 0);
      assert.equal(r.rowsRejected, 3);
      assert.deepEqual(codes(r), ['unknown-layout']);
      assert.deepEqual(r.mapping?.headers, ['Colour', 'Shape', 'Weight']);
      assert.deepEqual(r.mapping?.mapped, {});
      assert.deepEqual(r.mapping?.unmappedHeaders, ['Colour', 'Shape', 'Weight']);
      assert.ok((r.mapping?.missingRequired.length ?? 0) > 0);
    });

    it('reads canonical transactions in their stated sign and sums them', async () => {
      const header = 'key,transaction_type,transaction_id,claim_id,line_number,post_date,service_date,patient_id,encounter_id,rendering_provider_id,location_id,payer_id,payer_name,payer_class,payment_source,method,reason_group,reason_code,procedure_code,amount';
      const rows = [
        'T1,payment,X1,C1,1,2024-03-20,2024-03-05,001,E1,P1,L1,PY1,Aetna,commercial,insurance,EFT,,,99213,80.00',
        'T2,adjustment,X2,C1,1,2024-03-20,2024-03-05,001,E1,P1,L1,PY1,Aetna,commercial,insurance,,CO,45,99213,15.50',
        'T3,payment,X3,C1,1,2024-04-02,2024-03-05,001,E1,P1,L1,,,self_pay,patient,card,,,99213,4.50',
        'T4,refund,X4,C1,1,2024-04-02,2024-03-05,001,E1,P1,L1,,,self_pay,patient,card,,,99213,1.00',
      ];
      const r = await importText('transactions.csv', [header, ...rows].join('\n'));
      assert.equal(r.profile, 'canonical-transactions');
      assert.equal(r.recordsImported, 3);
      assert.equal(r.rowsRejected, 1);
      const [pay, adj] = r.records as Transaction[];
      assert.equal(pay?.amountCents, 8000);
      assert.equal(pay?.statedAmountCents, 8000);
      assert.equal(pay?.paymentSource, 'insurance');
      assert.equal(adj?.reasonGroup, 'CO');
      assert.equal(adj?.reasonCode, '45');
      const s = summarize(r);
      assert.equal(s.paymentCents, 8450);
      assert.equal(s.adjustmentCents, 1550);
      assert.match(r.issues.find((i) => i.code === 'row-not-imported')?.message ?? '', /refund/);
    });

    it('streams a 200,000-row file', async function () {
      this.timeout(30_000);
      const n = 200_000;
      const parts: string[] = [CHARGE_HEADER];
      let expected = 0;
      for (let i = 1; i <= n; i++) {
        const cents = (i % 997) * 100 + (i % 100);
        expected += cents;
        parts.push(chargeRow(i, `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`));
      }
      const bytes = new TextEncoder().encode(parts.join('\n') + '\n');
      // CPU time, not wall time: the machine running the suite may be shared.
      const started = process.cpuUsage();
      const r = await importBytes('charges.csv', bytes, {}, 1 << 16);
      const used = process.cpuUsage(started);
      const seconds = (used.user + used.system) / 1e6;
      assert.equal(r.rowsRead, n);
      assert.equal(r.recordsImported, n);
      assert.equal(summarize(r).chargeCents, expected);
      assert.equal(r.records[n - 1]?.lineage.line, n + 1);
      assert.ok(seconds < 15, `took ${seconds}s`);
    });
  });
});
