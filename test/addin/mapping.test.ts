import { strict as assert } from 'node:assert';
import { importSource } from '../../connectors/index';
import { sourceFromBytes } from '../../connectors/source';
import { baseProfile, missingFields, needsMapping, profileFromMapping } from '../../addin/mapping';

const headers = ['Visit Day', 'Svc Cd', 'Amt Billed', 'Clinician', 'Ticket'];
const csv = `${headers.join(',')}\n01/05/2024,99213,125.00,Dr One,T1\n01/06/2024,99214,180.50,Dr Two,T2\n`;
const file = 'clinic-charges.csv';

describe('addin/mapping', () => {
  describe('needsMapping', () => {
    it('asks for a mapping when no column gave the required fields', async () => {
      const result = await importSource(sourceFromBytes(file, new TextEncoder().encode(csv)));
      assert.equal(result.recordsImported, 0);
      assert.equal(needsMapping(result), true);
      assert.deepEqual(result.mapping?.headers, headers);
    });
  });

  describe('missingFields', () => {
    it('lists the generic report\'s required fields no header supplies', () => {
      const profile = baseProfile(undefined);
      assert.ok(profile !== undefined);
      assert.deepEqual(missingFields(profile, headers).map((m) => m.field), ['claimId', 'serviceDate', 'procedureCode', 'chargeCents']);
    });
    it('asks for the claim id too, since a charge column found makes charge records that need one', () => {
      const profile = baseProfile(undefined);
      assert.ok(profile !== undefined);
      const fields = missingFields(profile, headers, { chargeCents: 'Amt Billed' }).map((m) => m.field);
      assert.ok(fields.includes('claimId'));
    });
  });

  describe('profileFromMapping', () => {
    it('makes a profile that imports the file with the picked columns', async () => {
      const profile = baseProfile('pm-report');
      assert.ok(profile !== undefined);
      const made = profileFromMapping(profile, headers, file, { serviceDate: 'Visit Day', procedureCode: 'Svc Cd', chargeCents: 'Amt Billed', claimId: 'Ticket' });
      assert.ok(made.ok, made.ok ? '' : made.error);
      // Saved as JSON in the workbook settings, then read back by the importer.
      const saved = JSON.parse(JSON.stringify(made.value)) as Record<string, unknown>;
      const result = await importSource(sourceFromBytes(file, new TextEncoder().encode(csv)), { profile: saved });
      assert.equal(result.recordsImported, 2);
      const charges = result.records.filter((r) => r.type === 'charge');
      assert.deepEqual(
        charges.map((c) => (c.type === 'charge' ? [c.serviceDate, c.procedureCode, c.chargeCents] : [])),
        [
          ['2024-01-05', '99213', 12500],
          ['2024-01-06', '99214', 18050],
        ],
      );
    });

    it('refuses a mapping that leaves a required field without a column', () => {
      const profile = baseProfile('pm-report');
      assert.ok(profile !== undefined);
      const made = profileFromMapping(profile, headers, file, { serviceDate: 'Visit Day', procedureCode: '', chargeCents: 'Amt Billed', claimId: 'Ticket' });
      assert.equal(made.ok, false);
      assert.match(made.ok ? '' : made.error, /still no column for: Procedure code/);
    });

    it('refuses a header the file does not have', () => {
      const profile = baseProfile('pm-report');
      assert.ok(profile !== undefined);
      const made = profileFromMapping(profile, headers, file, { serviceDate: 'Date of Service' });
      assert.equal(made.ok, false);
    });
  });
});
