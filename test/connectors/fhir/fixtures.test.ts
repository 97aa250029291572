import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { importSource } from '../../../connectors/index';
import { importFhirSources } from '../../../connectors/fhir/import';
import { sourceFromBytes } from '../../../connectors/source';
import type { ChargeLine, Encounter, Provider, RemitClaim, Transaction } from '../../../core/model';
import { summarize, type ImportResult } from '../../../core/source';
import { fixture } from '../../support/paths';

/* Everything expected here is computed by walking the fixture JSON directly, not through the connector. */

type Json = Record<string, unknown> & { resourceType: string; id: string };
const bundleDir = () => fixture('fhir_r4', 'synthea_bundles');
const bulkDir = () => fixture('fhir_r4', 'bulk_ndjson_10_patients');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { type: string; entry: { fullUrl: string; resource: Json }[] };
const cents = (value: number) => Math.sign(value) * Math.round(Math.abs(value) * 100);
const patientFiles = () => readdirSync(bundleDir()).filter((f) => /_[0-9a-f-]{36}\.json$/.test(f)).sort();
const sourceOf = (dir: string, name: string) => sourceFromBytes(name, readFileSync(`${dir}/${name}`));

async function importBundles(names: readonly string[]): Promise<ImportResult[]> {
  return importFhirSources(names.map((n) => sourceOf(bundleDir(), n)));
}

function resources(name: string): Json[] {
  return readJson(`${bundleDir()}/${name}`).entry.map((e) => e.resource);
}

describe('connectors/fhir/import (fixtures)', () => {
  describe('importFhirSources (Synthea bundles with their hospital and practitioner bundles)', () => {
    let results: ImportResult[];
    const all = () => readdirSync(bundleDir()).sort();
    before(async () => {
      results = await importBundles(all());
    });

    it('reads every entry of every bundle and rejects none (rowsRead = entries = imported + rejected)', () => {
      for (const result of results) {
        const entries = readJson(`${bundleDir()}/${result.file}`).entry.length;
        assert.equal(result.rowsRead, entries, result.file);
        assert.equal(result.rowsRejected, 0, result.file);
        assert.equal(result.recordsImported + result.rowsRejected, result.rowsRead, result.file);
        assert.equal(result.format, 'fhir-bundle');
        assert.ok(!result.issues.some((i) => i.severity === 'error'), `${result.file}: ${JSON.stringify(result.issues.filter((i) => i.severity === 'error').slice(0, 2))}`);
      }
    });

    it('counts resources by type as the bundle holds them, and the skipped types apart', () => {
      for (const result of results) {
        const expected: Record<string, number> = {};
        for (const r of resources(result.file)) expected[r.resourceType] = (expected[r.resourceType] ?? 0) + 1;
        const summary = summarize(result);
        assert.deepEqual(summary.resourcesByType, expected, result.file);
        const used = new Set(['Encounter', 'Claim', 'ExplanationOfBenefit', 'Appointment', 'Practitioner', 'PractitionerRole', 'Organization', 'Location', 'Coverage', 'Patient', 'Condition']);
        const skipped = Object.fromEntries(Object.entries(expected).filter(([t]) => !used.has(t)));
        assert.deepEqual(summary.skippedByType, skipped, result.file);
      }
    });

    it('resolves every Synthea conditional reference once the three bundles are imported together', () => {
      for (const result of results) {
        assert.deepEqual(result.issues.filter((i) => i.code === 'fhir-reference-unresolved'), [], result.file);
      }
    });

    it('makes one encounter per Encounter, dated by period.start as written, seen by the practitioner with that NPI', () => {
      const practitionerIdByNpi = new Map<string, string>();
      for (const r of resources('practitionerInformation1714182814995.json')) {
        if (r.resourceType !== 'Practitioner') continue;
        const npi = (r.identifier as { system: string; value: string }[]).find((i) => i.system === 'http://hl7.org/fhir/sid/us-npi')?.value;
        if (npi) practitionerIdByNpi.set(npi, r.id);
      }
      for (const file of patientFiles()) {
        const result = results.find((r) => r.file === file) as ImportResult;
        const encounters = new Map(result.records.filter((r): r is Encounter => r.type === 'encounter').map((e) => [e.encounterId, e]));
        const expected = resources(file).filter((r) => r.resourceType === 'Encounter');
        assert.equal(encounters.size, expected.length);
        for (const e of expected) {
          const record = encounters.get(e.id);
          assert.ok(record, e.id);
          assert.equal(record.date, (e.period as { start: string }).start.slice(0, 10));
          const performer = (e.participant as { individual: { reference: string; display: string } }[])[0]?.individual;
          const npi = performer?.reference.split('|')[1] ?? '';
          assert.equal(record.renderingNpi, npi);
          assert.equal(record.renderingProviderId, practitionerIdByNpi.get(npi));
          // The name comes from the Practitioner resource; Synthea's display adds "Dr." the same way.
          assert.equal(record.renderingProviderName, performer?.display);
          assert.ok(record.locationName && record.locationId, 'a location');
        }
      }
    });

    it('charges: Σ Claim.total is reported, and Σ charge lines = Σ item net plus each claim’s unitemised rest', () => {
      for (const file of patientFiles()) {
        const result = results.find((r) => r.file === file) as ImportResult;
        let claimTotal = 0;
        let expectedCharges = 0;
        let mismatches = 0;
        for (const c of resources(file).filter((r) => r.resourceType === 'Claim')) {
          const total = cents((c.total as { value: number }).value);
          const items = c.item as { net?: { value: number } }[];
          const nets = items.reduce((s, i) => s + (i.net ? cents(i.net.value) : 0), 0);
          const hasLineWithoutNet = items.some((i) => i.net === undefined);
          claimTotal += total;
          // The documented rule: the part of the total no item states goes to the first item without an amount.
          if (total > nets && hasLineWithoutNet) expectedCharges += total;
          else expectedCharges += nets;
          if (total < nets || (total > nets && !hasLineWithoutNet)) mismatches++;
        }
        const summary = summarize(result);
        assert.equal(summary.claimTotalCents, claimTotal, file);
        assert.equal(summary.chargeCents, expectedCharges, file);
        assert.equal(result.issues.filter((i) => i.code === 'fhir-claim-total-mismatch').length, mismatches, file);
      }
    });

    it('payments: Σ EOB payment.amount is the Σ of payment transactions, each dated and attributed to the claim', () => {
      for (const file of patientFiles()) {
        const result = results.find((r) => r.file === file) as ImportResult;
        const eobs = resources(file).filter((r) => r.resourceType === 'ExplanationOfBenefit');
        const expected = eobs.reduce((s, e) => s + cents((e.payment as { amount: { value: number } }).amount.value), 0);
        const summary = summarize(result);
        assert.equal(summary.paymentCents, expected, file);
        assert.equal(summary.eobPaymentCents, expected, file);
        const payments = result.records.filter((r): r is Transaction => r.type === 'payment');
        assert.equal(payments.length, eobs.filter((e) => cents((e.payment as { amount: { value: number } }).amount.value) !== 0).length);
        const claimIds = new Set(resources(file).filter((r) => r.resourceType === 'Claim').map((c) => c.id));
        for (const p of payments) {
          assert.ok(claimIds.has(p.claimId ?? ''), 'the payment joins to a charge by claim id');
          assert.equal(p.paymentSource, 'insurance');
          assert.ok(p.payerName === 'Medicaid' || p.payerName === 'Humana', p.payerName);
        }
      }
    });

    it('remittances: one RemitClaim per EOB; allowed, paid and PR-2 coinsurance from the Blue Button line adjudications', () => {
      for (const file of patientFiles()) {
        const result = results.find((r) => r.file === file) as ImportResult;
        const eobs = resources(file).filter((r) => r.resourceType === 'ExplanationOfBenefit');
        const remits = result.records.filter((r): r is RemitClaim => r.type === 'remit-claim');
        assert.equal(remits.length, eobs.length);
        let allowed = 0;
        let coinsurance = 0;
        let adjudicatedLines = 0;
        for (const e of eobs) {
          for (const item of e.item as { adjudication?: { category: { coding: { code: string }[] }; amount?: { value: number } }[] }[]) {
            if (!item.adjudication) continue;
            adjudicatedLines++;
            for (const a of item.adjudication) {
              const code = a.category.coding[0]?.code ?? '';
              if (code.endsWith('line_alowd_chrg_amt')) allowed += cents(a.amount?.value ?? 0);
              if (code.endsWith('line_coinsrnc_amt')) coinsurance += cents(a.amount?.value ?? 0);
            }
          }
        }
        const lines = result.records.filter((r) => r.type === 'remit-line');
        assert.equal(lines.length, adjudicatedLines);
        // Synthea's payment.amount is the sum of the line payments, rounded on its own: within a cent a line.
        for (const remit of remits) {
          const own = lines.filter((l) => l.claimId === remit.claimId && l.payerControlNumber === remit.payerControlNumber);
          assert.ok(Math.abs(remit.paidCents - own.reduce((s, l) => s + l.paidCents, 0)) <= Math.max(1, own.length), remit.key);
        }
        assert.equal(remits.reduce((s, r) => s + (r.allowedCents ?? 0), 0), allowed);
        const pr2 = remits.reduce((s, r) => s + (r.patientResponsibilityCents ?? 0), 0);
        assert.equal(pr2, coinsurance, 'Synthea states deductibles of 0 and no copays: patient responsibility is the coinsurance');
      }
    });

    it('gives charges the provider, location and payer the KPI workbook groups by', () => {
      for (const file of patientFiles()) {
        const result = results.find((r) => r.file === file) as ImportResult;
        for (const c of result.records.filter((r): r is ChargeLine => r.type === 'charge')) {
          assert.ok(c.renderingProviderId && c.renderingProviderName && c.renderingNpi, `${c.key} provider`);
          assert.ok(c.locationId && c.locationName, `${c.key} location`);
          assert.ok(c.payerName === 'Medicaid' || c.payerName === 'Humana', `${c.key} payer`);
          assert.equal(c.payerClass, c.payerName === 'Medicaid' ? 'medicaid' : 'commercial');
          assert.ok(c.encounterId, `${c.key} encounter`);
          assert.ok(c.postDate !== undefined && c.postDate >= c.serviceDate, `${c.key} post date from Claim.created`);
        }
      }
    });

    it('reads providers with NPI and the specialty of their PractitionerRole', () => {
      const providers = results.flatMap((r) => r.records).filter((r): r is Provider => r.type === 'provider');
      const practitioners = resources('practitionerInformation1714182814995.json').filter((r) => r.resourceType === 'Practitioner');
      assert.equal(providers.length, practitioners.length);
      assert.ok(providers.every((p) => p.npi !== undefined && p.name !== undefined));
      assert.ok(providers.filter((p) => p.specialty === 'General Practice Physician').length > 0);
    });

    it('never puts a patient name, birth date or patient id into a record', () => {
      for (const file of patientFiles()) {
        const result = results.find((r) => r.file === file) as ImportResult;
        const patient = resources(file).find((r) => r.resourceType === 'Patient') as Json & { name: { given: string[]; family: string }[]; birthDate: string };
        // Lineage names the file, and Synthea names files after the patient: that is the user's file name, not a field we read.
        const text = JSON.stringify(result.records.map(({ lineage: _lineage, ...fields }) => fields));
        for (const n of patient.name) {
          for (const part of [...n.given, n.family]) assert.ok(!text.includes(part), `${part} leaked`);
        }
        assert.ok(!text.includes(patient.id), 'the patient id leaked');
        assert.ok(!text.includes(`"${patient.birthDate}"`) || patient.birthDate === undefined, 'the birth date leaked');
        const keys = new Set(result.records.map((r) => ('patientKey' in r ? r.patientKey : undefined)).filter((k) => k !== undefined));
        assert.equal(keys.size, 1, 'one pseudonymous key per patient');
      }
    });
  });

  describe('importFhirSources (a patient bundle on its own)', () => {
    it('imports, reports each unresolved practitioner/location/organisation once, and keeps NPI and display names', async () => {
      const [result] = await importBundles([patientFiles()[0] as string]);
      assert.ok(result);
      assert.equal(result.rowsRejected, 0);
      const unresolved = result.issues.filter((i) => i.code === 'fhir-reference-unresolved');
      assert.ok(unresolved.length > 0);
      assert.equal(new Set(unresolved.map((i) => i.message)).size, unresolved.length);
      const encounter = result.records.find((r): r is Encounter => r.type === 'encounter');
      assert.match(encounter?.renderingNpi ?? '', /^\d{10}$/);
      assert.match(encounter?.renderingProviderName ?? '', /^Dr\. /);
    });
  });

  describe('importFhirSources (bulk NDJSON, 10 patients)', () => {
    it('streams every line of every file, resolves encounters’ practitioners and locations across files', async () => {
      const names = readdirSync(bulkDir()).sort();
      const results = await importFhirSources(names.map((n) => sourceOf(bulkDir(), n)));
      for (const result of results) {
        const lines = readFileSync(`${bulkDir()}/${result.file}`, 'utf8').split('\n').filter((l) => l.trim() !== '');
        assert.equal(result.format, 'fhir-ndjson');
        assert.equal(result.rowsRead, lines.length, result.file);
        assert.equal(result.rowsRejected, 0, result.file);
        assert.deepEqual(result.issues.filter((i) => i.severity !== 'info'), [], result.file);
      }
      const encounters = results.flatMap((r) => r.records).filter((r): r is Encounter => r.type === 'encounter');
      const expected = readFileSync(`${bulkDir()}/Encounter.000.ndjson`, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Json);
      assert.equal(encounters.length, expected.length);
      const first = expected[0] as Json & { period: { start: string } };
      const record = encounters.find((e) => e.encounterId === first.id);
      assert.equal(record?.date, first.period.start.slice(0, 10));
      assert.equal(record?.lineage.line, 1);
      assert.ok(encounters.every((e) => e.renderingProviderName !== undefined && e.locationName !== undefined));
      const providers = results.flatMap((r) => r.records).filter((r): r is Provider => r.type === 'provider');
      assert.ok(providers.some((p) => p.specialty !== undefined), 'specialties from PractitionerRole (a logical reference by NPI)');
    });
  });

  describe('importSource (the dispatcher)', () => {
    it('detects and imports a bundle and an NDJSON file through the registered importer', async () => {
      const bundle = await importSource(sourceOf(bundleDir(), 'hospitalInformation1714182814995.json'));
      assert.equal(bundle.format, 'fhir-bundle');
      assert.equal(bundle.rowsRead, 95);
      const ndjson = await importSource(sourceOf(bulkDir(), 'Location.000.ndjson'));
      assert.equal(ndjson.format, 'fhir-ndjson');
      assert.equal(ndjson.records.filter((r) => r.type === 'location').length, 44);
    });
  });
});
