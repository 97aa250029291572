import { strict as assert } from 'node:assert';
import { importFhirSources } from '../../../connectors/fhir/import';
import { sourceFromBytes } from '../../../connectors/source';
import type { Appointment, CanonicalRecord, ChargeLine, Encounter, Payer, RemitClaim, RemitLine, Transaction } from '../../../core/model';
import { pseudonymousKey } from '../../../core/privacy';
import type { ImportResult } from '../../../core/source';

const encoder = new TextEncoder();
const bundle = (type: string, resources: readonly object[], fullUrls: readonly (string | undefined)[] = []) =>
  JSON.stringify({ resourceType: 'Bundle', type, entry: resources.map((resource, i) => ({ ...(fullUrls[i] ? { fullUrl: fullUrls[i] } : {}), resource })) }, null, 2);
const ndjson = (resources: readonly object[]) => resources.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function importTexts(files: Record<string, string>): Promise<ImportResult[]> {
  return importFhirSources(Object.entries(files).map(([name, text]) => sourceFromBytes(name, encoder.encode(text))));
}
async function importOne(name: string, text: string): Promise<ImportResult> {
  const [result] = await importTexts({ [name]: text });
  assert.ok(result);
  return result;
}
const ofType = <T extends CanonicalRecord>(result: ImportResult, type: T['type']) => result.records.filter((r): r is T => r.type === type);

const practitioner = { resourceType: 'Practitioner', id: 'dr1', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Ana'], family: 'Ruiz', prefix: ['Dr.'] }] };
const clinic = { resourceType: 'Location', id: 'loc1', name: 'Main Street Clinic' };
const aetna = { resourceType: 'Organization', id: 'aetna', name: 'Aetna', type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'ins' }] }] };
const coverage = { resourceType: 'Coverage', id: 'cov1', type: { coding: [{ system: 'https://nahdo.org/sopt', code: '511' }] }, payor: [{ reference: 'Organization/aetna' }] };

const eob = (overrides: object = {}) => ({
  resourceType: 'ExplanationOfBenefit',
  id: 'eob1',
  status: 'active',
  outcome: 'complete',
  patient: { reference: 'Patient/pat1' },
  created: '2024-03-10',
  insurer: { reference: 'Organization/aetna' },
  claim: { reference: 'Claim/claim1' },
  insurance: [{ focal: true, coverage: { reference: 'Coverage/cov1' } }],
  careTeam: [{ sequence: 1, provider: { reference: 'Practitioner/dr1' }, role: { coding: [{ code: 'primary' }] } }],
  item: [
    {
      sequence: 1,
      productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99213' }] },
      servicedDate: '2024-03-01',
      adjudication: [
        { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }] }, amount: { value: 200 } },
        { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'eligible' }] }, amount: { value: 120 } },
        { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'deductible' }] }, amount: { value: 30 } },
        { category: { coding: [{ system: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication', code: 'coinsurance' }] }, amount: { value: 18 } },
        { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'copay' }] }, amount: { value: 10 } },
        { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'benefit' }] }, amount: { value: 62 } },
        { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'eligpercent' }] }, value: 80 },
      ],
    },
  ],
  payment: { date: '2024-03-15', amount: { value: 62 }, identifier: { value: 'EFT-778' } },
  ...overrides,
});

describe('connectors/fhir/remittance', () => {
  describe('mapExplanationOfBenefit', () => {
    it('maps adjudication categories to allowed, paid and PR-1/PR-2/PR-3, with submitted − eligible as CO-45', async () => {
      const result = await importOne('eob.json', bundle('collection', [practitioner, aetna, coverage, eob()]));
      const [line] = ofType<RemitLine>(result, 'remit-line');
      assert.ok(line);
      assert.equal(line.chargeCents, 200_00);
      assert.equal(line.allowedCents, 120_00);
      assert.equal(line.paidCents, 62_00);
      assert.deepEqual(
        [...line.adjustments].sort((a, b) => a.group.localeCompare(b.group) || a.reason.localeCompare(b.reason)),
        [
          { group: 'CO', reason: '45', amountCents: 80_00 },
          { group: 'PR', reason: '1', amountCents: 30_00 },
          { group: 'PR', reason: '2', amountCents: 18_00 },
          { group: 'PR', reason: '3', amountCents: 10_00 },
        ],
      );
      // The line balances the way an 835 line does: charge − adjustments = paid.
      assert.equal(line.chargeCents - line.adjustments.reduce((s, a) => s + a.amountCents, 0), line.paidCents);
      const [claim] = ofType<RemitClaim>(result, 'remit-claim');
      assert.equal(claim?.claimId, 'claim1');
      assert.equal(claim?.claimStatus, '1');
      assert.equal(claim?.paidCents, 62_00);
      assert.equal(claim?.patientResponsibilityCents, 58_00);
      assert.equal(claim?.paymentDate, '2024-03-15');
      assert.equal(claim?.paymentId, 'EFT-778');
      assert.equal(claim?.payerName, 'Aetna');
      assert.equal(claim?.payerClass, 'commercial');
      assert.equal(claim?.renderingNpi, '1234567893');
    });

    it('records the cash as one payment and the contractual write-off as one CO-45 adjustment, dated by the payment', async () => {
      const result = await importOne('eob.json', bundle('collection', [practitioner, aetna, coverage, eob()]));
      const payments = ofType<Transaction>(result, 'payment');
      const adjustments = ofType<Transaction>(result, 'adjustment');
      assert.deepEqual(
        payments.map((p) => [p.amountCents, p.postDate, p.claimId, p.transactionId, p.paymentSource, p.payerId]),
        [[62_00, '2024-03-15', 'claim1', 'EFT-778', 'insurance', 'aetna']],
      );
      assert.deepEqual(
        adjustments.map((a) => [a.amountCents, a.reasonGroup, a.reasonCode, a.postDate]),
        [[80_00, 'CO', '45', '2024-03-15']],
      );
      assert.ok(ofType<Transaction>(result, 'payment').every((p) => p.patientKey === pseudonymousKey('patient', 'pat1')));
    });

    it('marks a cancelled EOB as a reversal (22) and moves no money', async () => {
      const result = await importOne('eob.json', bundle('collection', [aetna, coverage, eob({ status: 'cancelled' })]));
      assert.equal(ofType<RemitClaim>(result, 'remit-claim')[0]?.claimStatus, '22');
      assert.equal(ofType<Transaction>(result, 'payment').length, 0);
      assert.equal(ofType<Transaction>(result, 'adjustment').length, 0);
    });
  });
});

describe('connectors/fhir/claims', () => {
  describe('mapClaim', () => {
    const claim = {
      resourceType: 'Claim',
      id: 'claim1',
      status: 'active',
      use: 'claim',
      patient: { reference: 'urn:uuid:7d3c' },
      created: '2024-03-02',
      provider: { reference: 'Organization/clinicorg' },
      facility: { reference: '#loc' },
      contained: [{ resourceType: 'Location', id: 'loc', name: 'Contained Clinic' }],
      careTeam: [{ sequence: 1, provider: { reference: 'https://ehr.example.org/fhir/Practitioner/dr1/_history/3' } }],
      insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/cov1' } }],
      diagnosis: [{ sequence: 1, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J02.9' }] } }],
      item: [
        {
          sequence: 1,
          productOrService: { coding: [{ system: 'http://snomed.info/sct', code: '185345009' }, { system: 'http://www.ama-assn.org/go/cpt', code: '99213', display: 'Office visit' }] },
          modifier: [{ coding: [{ code: '25' }] }],
          servicedDate: '2024-03-01',
          net: { value: 150.0 },
          diagnosisSequence: [1],
          encounter: [{ reference: 'Encounter/enc1' }],
        },
        { sequence: 2, productOrService: { coding: [{ system: 'http://example.org/local-codes', code: 'LAB7' }] }, servicedDate: '2024-03-01', unitPrice: { value: 12.5 }, quantity: { value: 3 } },
        { sequence: 3, productOrService: { text: 'Supplies' }, servicedDate: '2024-03-01' },
      ],
      total: { value: 200 },
    };
    const encounter = {
      resourceType: 'Encounter',
      id: 'enc1',
      status: 'finished',
      class: { code: 'AMB' },
      period: { start: '2024-03-01T09:00:00-05:00' },
      participant: [{ individual: { reference: 'Practitioner/dr1' } }],
      location: [{ location: { reference: 'Location/loc1' } }],
    };

    it('makes a line per item: CPT over SNOMED, modifiers, unitPrice × quantity, an unknown system kept as its URI, the rest of the total on the item without an amount', async () => {
      const patientBundle = bundle('transaction', [{ resourceType: 'Patient', id: 'pat-7d3c', name: [{ family: 'Secret' }] }, claim, encounter], ['urn:uuid:7d3c']);
      const [, result] = await importTexts({ 'lookups.ndjson': ndjson([practitioner, clinic, aetna, coverage]), 'claim.json': patientBundle });
      assert.ok(result);
      const lines = ofType<ChargeLine>(result, 'charge');
      assert.deepEqual(
        lines.map((l) => [l.lineNumber, l.procedureCode, l.procedureCodeSystem, l.modifiers, l.units, l.chargeCents]),
        [
          ['1', '99213', 'CPT', ['25'], 1, 150_00],
          ['2', 'LAB7', 'http://example.org/local-codes', [], 3, 37_50],
          ['3', 'Supplies', 'text', [], 1, 12_50],
        ],
      );
      const first = lines[0] as ChargeLine;
      assert.equal(first.serviceDate, '2024-03-01');
      assert.deepEqual(first.diagnosisCodes, ['J02.9']);
      assert.equal(first.renderingProviderId, 'dr1', 'an absolute URL with _history resolves to Practitioner/dr1');
      assert.equal(first.renderingProviderName, 'Dr. Ana Ruiz');
      assert.equal(first.locationName, 'Contained Clinic', 'a #id reference resolves among the contained resources');
      assert.equal(first.payerName, 'Aetna');
      assert.equal(first.payerClass, 'commercial', 'SOPT 511 is commercial');
      assert.equal(first.encounterId, 'enc1');
      assert.equal(first.billingProviderId, 'clinicorg');
      assert.equal(first.patientKey, pseudonymousKey('patient', 'pat-7d3c'), 'urn:uuid resolves to the Patient by fullUrl');
      assert.ok(!JSON.stringify(result.records).includes('Secret'));
      assert.deepEqual(result.issues.filter((i) => i.code === 'fhir-reference-unresolved').map((i) => i.message.includes('Organization/clinicorg')), [true]);
    });

    it('warns, and keeps the lines, when they add up to more than Claim.total', async () => {
      const over = { ...claim, total: { value: 100 } };
      const result = await importOne('claim.json', bundle('collection', [over]));
      assert.deepEqual(ofType<ChargeLine>(result, 'charge').map((l) => l.chargeCents), [150_00, 37_50, 0], 'the item without an amount is billed at 0');
      assert.equal(result.issues.filter((i) => i.code === 'fhir-claim-total-mismatch').length, 1);
    });
  });
});

describe('connectors/fhir/visits', () => {
  describe('mapAppointment', () => {
    it('maps booked/fulfilled/noshow/cancelled, start and created as wall-clock times, and the participants', async () => {
      const appointment = (id: string, status: string) => ({
        resourceType: 'Appointment',
        id,
        status,
        start: '2024-05-02T14:30:00-04:00',
        created: '2024-04-20T10:00:00Z',
        appointmentType: { coding: [{ code: 'FOLLOWUP', display: 'A follow up visit' }] },
        participant: [
          { actor: { reference: 'Patient/pat9' } },
          { actor: { reference: 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893' } },
          { actor: { reference: 'Location/loc1' } },
        ],
      });
      const result = await importOne(
        'Appointment.000.ndjson',
        ndjson([practitioner, clinic, appointment('a1', 'booked'), appointment('a2', 'fulfilled'), appointment('a3', 'noshow'), appointment('a4', 'cancelled'), appointment('a5', 'entered-in-error')]),
      );
      const appointments = ofType<Appointment>(result, 'appointment');
      assert.deepEqual(
        appointments.map((a) => [a.appointmentId, a.status]),
        [
          ['a1', 'scheduled'],
          ['a2', 'completed'],
          ['a3', 'no_show'],
          ['a4', 'cancelled'],
        ],
      );
      const a1 = appointments[0] as Appointment;
      assert.equal(a1.scheduledFor, '2024-05-02T14:30:00');
      assert.equal(a1.bookedAt, '2024-04-20T10:00:00');
      assert.equal(a1.renderingProviderId, 'dr1', 'a conditional reference by NPI resolves');
      assert.equal(a1.locationName, 'Main Street Clinic');
      assert.equal(a1.visitType, 'A follow up visit');
      assert.equal(a1.patientKey, pseudonymousKey('patient', 'pat9'));
      assert.equal(result.rowsRead, 7);
      assert.equal(result.recordsImported, 7);
    });
  });

  describe('mapEncounter', () => {
    it('skips cancelled and planned encounters (not visits) without an issue, and rejects one with no start', async () => {
      const e = (id: string, status: string, start?: string) => ({ resourceType: 'Encounter', id, status, ...(start ? { period: { start } } : {}) });
      const result = await importOne('Encounter.ndjson', ndjson([e('e1', 'finished', '2024-01-02'), e('e2', 'cancelled', '2024-01-03'), e('e3', 'planned', '2024-01-04'), e('e4', 'finished')]));
      assert.deepEqual(ofType<Encounter>(result, 'encounter').map((x) => x.encounterId), ['e1']);
      assert.equal(result.rowsRejected, 1);
      assert.deepEqual(result.issues.map((i) => [i.code, i.location.line]), [['fhir-required-missing', 4]]);
    });
  });
});

describe('connectors/fhir/import', () => {
  describe('importFhirSources', () => {
    it('counts an unused resource type and skips it; rejects an invalid one with its entry index', async () => {
      const result = await importOne(
        'search.json',
        bundle('searchset', [{ resourceType: 'Observation', id: 'o1' }, { resourceType: 'Encounter', id: 'e1', period: 'yesterday' }, clinic]),
      );
      assert.equal(result.format, 'fhir-bundle');
      assert.equal(result.rowsRead, 3);
      assert.equal(result.rowsRejected, 1);
      assert.equal(result.recordsImported, 2);
      assert.deepEqual(result.extraSummary?.skippedByType, { Observation: 1 });
      assert.deepEqual(result.issues.map((i) => [i.code, i.location.segment]), [['fhir-resource-invalid', 2]]);
    });

    it('expands a Bundle on an NDJSON line into its entries, located by line and entry, and decodes an encoded conditional reference', async () => {
      const encounter = { resourceType: 'Encounter', id: 'e1', period: { start: '2024-02-01' }, participant: [{ individual: { reference: 'Practitioner?identifier=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Fus-npi%7C1234567893' } }] };
      const text = ndjson([clinic, { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: practitioner }, { resource: encounter }, { resource: 'not a resource' }] }]);
      const result = await importOne('mixed.ndjson', text);
      assert.equal(result.rowsRead, 4);
      assert.equal(result.rowsRejected, 1);
      assert.deepEqual(result.issues.map((i) => [i.code, i.location.line, i.location.segment]), [['fhir-resource-invalid', 2, 3]]);
      const [visit] = ofType<Encounter>(result, 'encounter');
      assert.equal(visit?.renderingProviderId, 'dr1');
      assert.deepEqual([visit?.lineage.line, visit?.lineage.segment], [2, 2]);
    });

    it('reads NDJSON whose first line is longer than the sniffed head, whatever the file is called', async () => {
      const long = { ...clinic, description: 'x'.repeat(200_000) };
      const result = await importOne('export.json', ndjson([long, { ...clinic, id: 'loc2' }]));
      assert.equal(result.rowsRead, 2);
      assert.equal(result.rowsRejected, 0);
      assert.deepEqual(result.records.map((r) => r.lineage.line), [1, 2]);
    });

    it('reads a single resource file, and Payer records for insurers (organisation type ins) with their class', async () => {
      const result = await importOne('aetna.json', JSON.stringify(aetna, null, 2));
      assert.equal(result.format, 'fhir-resource');
      assert.deepEqual(ofType<Payer>(result, 'payer').map((p) => [p.payerId, p.name, p.payerClass]), [['aetna', 'Aetna', 'commercial']]);
    });

    it('refuses a JSON document over the size limit with one issue, reading nothing', async () => {
      const [result] = await importFhirSources([sourceFromBytes('big.json', encoder.encode(bundle('batch', [clinic, clinic, clinic])))], { maxJsonBytes: 100 });
      assert.equal(result?.rowsRead, 0);
      assert.deepEqual(result?.issues.map((i) => i.code), ['file-unreadable']);
      assert.match(result?.issues[0]?.message ?? '', /MB/);
    });
  });
});
