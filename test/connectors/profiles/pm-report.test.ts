import { strict as assert } from 'node:assert';
import { MappingProfileSchema, profileForFile, resolveProfile } from '../../../connectors/profiles';
import type { Appointment, ChargeLine, Transaction } from '../../../core/model';
import { summarize } from '../../../core/source';
import { codes, importText } from '../helpers';

describe('connectors/profiles', () => {
  describe('pm-report (synonyms only)', () => {
    it('maps a charge report with PM wording, one row making a charge, payments and an adjustment', async () => {
      const text = [
        '"Charge Detail Report - All Providers"',
        '"Run 03/31/2024"',
        '',
        '"Patient Acct #","Claim #","DOS","Post Date","Rendering Provider","Location","Primary Insurance","Fin Class","CPT","Mod 1","Mod 2","Units","Charges","Ins Pmt","Pt Pmt","Adj Amt","Dx 1","Dx 2","POS"',
        '"00417","C-0001","03/04/2024","03/06/2024","Samplestone, Parker MD","Riverside","Medicare Part B","Medicare","99214","25","","1","$1,270.00","$80.10","$20.00","($99.90)","R51.9","E66.9","11"',
        '"00418","C-0002","03/05/2024","03/06/2024","Fictionby, Casey DO","Riverside","Self Pay","Self-pay","99202","","","1","$150.00","$0.00","$0.00","$0.00","E66.9","","11"',
      ].join('\r\n');
      const r = await importText('Charge Report.csv', text);
      assert.equal(r.profile, 'pm-report');
      assert.equal(r.rowsRead, 2);
      assert.equal(r.recordsImported, 2);
      assert.deepEqual(codes(r), ['preamble-skipped']);
      assert.equal(r.issues[0]?.location.line, 4);
      const charges = r.records.filter((x): x is ChargeLine => x.type === 'charge');
      const payments = r.records.filter((x): x is Transaction => x.type === 'payment');
      const adjustments = r.records.filter((x): x is Transaction => x.type === 'adjustment');
      assert.equal(charges.length, 2);
      assert.equal(payments.length, 2);
      assert.equal(adjustments.length, 1);
      const c = charges[0];
      assert.equal(c?.serviceDate, '2024-03-04');
      assert.equal(c?.postDate, '2024-03-06');
      assert.equal(c?.claimId, 'C-0001');
      assert.equal(c?.procedureCode, '99214');
      assert.deepEqual(c?.modifiers, ['25']);
      assert.deepEqual(c?.diagnosisCodes, ['R51.9', 'E66.9']);
      assert.equal(c?.chargeCents, 127000);
      assert.equal(c?.payerClass, 'medicare');
      assert.equal(c?.renderingProviderName, 'Samplestone, Parker MD');
      assert.equal(c?.lineage.line, 5);
      assert.deepEqual(
        payments.map((p) => [p.paymentSource, p.amountCents, p.postDate]),
        [
          ['insurance', 8010, '2024-03-06'],
          ['patient', 2000, '2024-03-06'],
        ],
      );
      assert.equal(adjustments[0]?.amountCents, 9990, 'a reduction shown negative is a positive write-off');
      assert.equal(adjustments[0]?.statedAmountCents, -9990);
      assert.equal(charges[1]?.payerClass, 'self_pay');
      const s = summarize(r);
      assert.equal(s.chargeCents, 142000);
      assert.equal(s.paymentCents, 10010);
      assert.equal(s.adjustmentCents, -9990);
      assert.equal(new Set(r.records.map((x) => `${x.type}:${x.key}`)).size, r.records.length, 'keys are unique per type');
    });

    it('knows other wordings: Date of Service, Proc Code, Charge Amt, Insurance Payment, Adjustment, Facility', async () => {
      const text = [
        'Date of Service\tProcedure\tCharge Amt\tInsurance Payment\tAdjustment\tFacility\tRendering\tClaim Number\tMRN',
        '2024-01-02\t99213\t125.00\t60.00\t-40.00\tNorth\tDr A\t9001\t000123',
      ].join('\n');
      const r = await importText('export.tsv', text);
      assert.equal(r.profile, 'pm-report');
      assert.equal(r.recordsImported, 1);
      const charge = r.records[0] as ChargeLine;
      assert.equal(charge.locationName, 'North');
      assert.equal(charge.renderingProviderName, 'Dr A');
      assert.equal(charge.claimId, '9001');
      assert.deepEqual(r.mapping?.unmappedHeaders, []);
      assert.equal(r.records.length, 3);
    });
  });

  describe('pm-appointments (synonyms only)', () => {
    it('reads an appointment report by its wording, statuses by their usual names', async () => {
      const text = [
        'Appt #,MRN,Appt Date,Scheduled,Appt Status,Provider,Location,Appt Type',
        '7001,000123,03/04/2024 9:30 AM,02/20/2024,Checked Out,Dr A,North,Follow-up',
        '7002,000124,03/04/2024 10:00 AM,03/01/2024,No Show,Dr A,North,New Patient',
        '7003,000125,03/05/2024,03/01/2024,Late Cancel,Dr B,South,Follow-up',
        '7004,000126,03/06/2024 2:15 PM,03/01/2024,Bumped,Dr B,South,Follow-up',
      ].join('\n');
      const r = await importText('appointments report.csv', text);
      assert.equal(r.profile, 'pm-appointments');
      assert.equal(r.recordsImported, 4);
      const a = r.records as Appointment[];
      assert.deepEqual(
        a.map((x) => x.status),
        ['completed', 'no_show', 'late_cancel', 'unknown'],
      );
      assert.equal(a[0]?.scheduledFor, '2024-03-04T09:30:00');
      assert.equal(a[0]?.bookedAt, '2024-02-20T00:00:00');
      assert.equal(a[2]?.scheduledFor, '2024-03-05T00:00:00');
      assert.equal(a[3]?.scheduledFor, '2024-03-06T14:15:00');
      assert.equal(a[1]?.locationName, 'North');
    });
  });

  describe('resolveProfile', () => {
    it('refuses an unknown id and an invalid user profile with the reason', () => {
      const unknown = resolveProfile('no-such-profile');
      assert.equal(unknown.ok, false);
      assert.match(unknown.ok ? '' : unknown.error, /no built-in profile "no-such-profile"/);
      const invalid = resolveProfile({ id: 'Bad Id', label: 'x', inputs: {}, records: [{ type: 'charge' }] });
      assert.equal(invalid.ok, false);
      assert.match(invalid.ok ? '' : invalid.error, /^the mapping profile is not valid: id:/);
      const unfed = resolveProfile({ id: 'mine', label: 'x', inputs: { code: { headers: ['Code'] } }, records: [{ type: 'charge' }] });
      assert.equal(unfed.ok, false);
      assert.match(unfed.ok ? '' : unfed.error, /need claimId/);
      const patientKey = resolveProfile({
        id: 'mine',
        label: 'x',
        inputs: { mrn: { headers: ['MRN'], kind: 'patient' }, name: { headers: ['Name'] }, locationId: { headers: ['Id'] } },
        records: [{ type: 'location' }],
        key: ['mrn'],
      });
      assert.equal(patientKey.ok, false);
    });
  });

  describe('user profiles and saved profiles', () => {
    const odd = 'Kostenstelle;Datum;Leistung;Betrag\nK1;05.03.2024;99213;1.234,50\nK2;06.03.2024;99214;80,00\n';

    it('reads a layout it does not know only through a profile the user supplies', async () => {
      const unknown = await importText('leistungen.csv', odd);
      assert.equal(unknown.recordsImported, 0);
      assert.deepEqual(codes(unknown), ['unknown-layout']);
      assert.ok(unknown.mapping?.missingRequired.includes('serviceDate'));
      const profile = {
        id: 'leistungen',
        label: 'Leistungen export',
        locale: { decimalSeparator: ',', dateOrder: 'DMY' },
        inputs: {
          claimId: { headers: ['Kostenstelle'], required: true },
          serviceDate: { headers: ['Datum'], kind: 'date', required: true },
          procedureCode: { headers: ['Leistung'], required: true },
          chargeCents: { headers: ['Betrag'], kind: 'money', required: true },
        },
        records: [{ type: 'charge' }],
        key: ['claimId'],
      };
      assert.ok(MappingProfileSchema.safeParse(profile).success);
      const r = await importText('leistungen.csv', odd, { profile });
      assert.equal(r.profile, 'leistungen');
      assert.deepEqual(
        r.records.map((c) => [(c as ChargeLine).serviceDate, (c as ChargeLine).chargeCents]),
        [
          ['2024-03-05', 123450],
          ['2024-03-06', 8000],
        ],
      );
    });

    it('saves the mapping it would use as a valid profile that reads the same file the same way', async () => {
      const text = 'DOS,CPT,Charges,Claim #,Internal Note\n01/02/2024,99213,100.00,A1,x\n';
      const first = await importText('report.csv', text);
      assert.equal(first.profile, 'pm-report');
      const pm = resolveProfile('pm-report');
      assert.ok(pm.ok && pm.profile !== undefined);
      const saved = profileForFile(pm.profile, first.mapping?.headers ?? [], 'report.csv');
      const json = JSON.parse(JSON.stringify(saved)) as Record<string, unknown>;
      assert.ok(MappingProfileSchema.safeParse(json).success);
      assert.deepEqual((saved.inputs.serviceDate?.headers ?? []), ['DOS']);
      assert.match(saved.description ?? '', /not used: Internal Note/);
      const again = await importText('report.csv', text, { profile: json });
      assert.equal(again.profile, saved.id);
      assert.deepEqual(again.records.map((r) => ({ ...r, lineage: undefined })), first.records.map((r) => ({ ...r, lineage: undefined })));
    });
  });
});
