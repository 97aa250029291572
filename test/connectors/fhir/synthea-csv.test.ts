import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { importFhirSources } from '../../../connectors/fhir/import';
import { importSource } from '../../../connectors/index';
import { sourceFromBytes } from '../../../connectors/source';
import type { CanonicalRecord, ChargeLine, Encounter, Location, Payer, Provider } from '../../../core/model';
import { fixture } from '../../support/paths';

/*
 * The Synthea run behind the fixtures wrote the same patients twice: as FHIR bundles and as CSV.
 * The records the FHIR connector makes are compared with the records the CSV connector's Synthea
 * profiles make of the same run. Every difference found is one of the kinds named below, each
 * asserted, and none is left unexplained. Columns no record carries (BASE_ENCOUNTER_COST,
 * TOTAL_CLAIM_COST) are read from the raw CSV, as evidence for the explanations.
 */

type Row = Record<string, string>;
const csvRows = (name: string): Row[] => Papa.parse<Row>(readFileSync(fixture('synthea_csv', name), 'utf8'), { header: true, skipEmptyLines: true }).data;
const cents = (value: string | number) => Math.round(Number(value) * 100);

interface FhirResource {
  resourceType: string;
  id: string;
  period?: { start: string };
  total?: { value: number };
  type?: { coding: { code: string }[] };
  item?: { sequence: number; net?: { value: number }; encounter?: { reference: string }[]; informationSequence?: number[] }[];
}

describe('connectors/fhir/import (Synthea FHIR vs the Synthea CSV profiles, same run)', () => {
  const bundleDir = () => fixture('fhir_r4', 'synthea_bundles');
  const patients = ['b37f7960-7e9e-f3f7-f891-79ae4f632406', 'edcd074e-b20a-2826-ff28-4677579314b1', '9f39bf35-ea79-4383-4eb1-36c43280dff2'];
  const raw = new Map<string, FhirResource[]>();
  let fhir: CanonicalRecord[];
  let csv: CanonicalRecord[];
  let csvEncounterRows: Map<string, Row>;

  before(async () => {
    const names = readdirSync(bundleDir()).sort();
    fhir = (await importFhirSources(names.map((n) => sourceFromBytes(n, readFileSync(`${bundleDir()}/${n}`))))).flatMap((r) => r.records);
    for (const patient of patients) {
      const file = names.find((n) => n.includes(patient)) as string;
      raw.set(patient, (JSON.parse(readFileSync(`${bundleDir()}/${file}`, 'utf8')) as { entry: { resource: FhirResource }[] }).entry.map((e) => e.resource));
    }
    csv = [];
    for (const name of ['encounters.csv', 'claims_transactions.csv', 'payers.csv', 'organizations.csv', 'providers.csv']) {
      const result = await importSource(sourceFromBytes(name, readFileSync(fixture('synthea_csv', name))));
      assert.equal(result.rowsRejected, 0, name);
      assert.match(result.profile ?? '', /^synthea-/, name);
      csv.push(...result.records);
    }
    csvEncounterRows = new Map(csvRows('encounters.csv').map((r) => [r.Id ?? '', r]));
  });

  const of = <T extends CanonicalRecord>(records: readonly CanonicalRecord[], type: T['type']) => records.filter((r): r is T => r.type === type);
  const fhirEncounterIds = (patient: string) => new Set((raw.get(patient) ?? []).filter((r) => r.resourceType === 'Encounter').map((r) => r.id));

  describe('encounters', () => {
    it('count the same per patient; each side keys the patient in its own namespace, one key each', () => {
      const csvEncounters = of<Encounter>(csv, 'encounter');
      const fhirEncounters = of<Encounter>(fhir, 'encounter');
      const csvKeys = new Set<string>();
      const fhirKeys = new Set<string>();
      for (const patient of patients) {
        const ids = fhirEncounterIds(patient);
        const fhirKey = fhirEncounters.find((e) => ids.has(e.encounterId))?.patientKey ?? '';
        const csvKey = csvEncounters.find((e) => ids.has(e.encounterId))?.patientKey ?? '';
        assert.notEqual(fhirKey, csvKey, 'the connectors namespace patient ids differently (a digest of a system id, never the id)');
        fhirKeys.add(fhirKey);
        csvKeys.add(csvKey);
        assert.equal(fhirEncounters.filter((e) => e.patientKey === fhirKey).length, csvEncounters.filter((e) => e.patientKey === csvKey).length, patient);
        assert.deepEqual(new Set(csvEncounters.filter((e) => e.patientKey === csvKey).map((e) => e.encounterId)), ids, patient);
      }
      assert.equal(fhirKeys.size, 3);
      assert.equal(csvKeys.size, 3);
    });

    it('agree on provider and payer; the date is the local day in FHIR and the UTC day in the CSV', () => {
      const csvById = new Map(of<Encounter>(csv, 'encounter').map((e) => [e.encounterId, e]));
      const payerNames = new Map(of<Payer>(csv, 'payer').map((p) => [p.payerId, p.name]));
      const starts = new Map(patients.flatMap((p) => (raw.get(p) ?? []).filter((r) => r.resourceType === 'Encounter').map((r) => [r.id, r.period?.start ?? ''] as const)));
      let compared = 0;
      for (const e of of<Encounter>(fhir, 'encounter')) {
        const other = csvById.get(e.encounterId);
        if (other === undefined) continue;
        compared++;
        assert.equal(e.renderingProviderId, other.renderingProviderId);
        assert.equal(e.payerName, payerNames.get(other.payerId ?? ''), 'FHIR puts the payer on the claim; the visit takes it from the claim that bills it');
        const utcDay = new Date(Date.parse(starts.get(e.encounterId) ?? '')).toISOString().slice(0, 10);
        assert.equal(other.date, utcDay, 'the CSV writes UTC');
        assert.equal(e.date, starts.get(e.encounterId)?.slice(0, 10), 'FHIR writes local time: the day as written');
      }
      assert.equal(compared, patients.reduce((s, p) => s + fhirEncounterIds(p).size, 0));
    });

    it('name the same provider; FHIR names carry the prefix ("Dr.") the CSV leaves out', () => {
      const csvNames = new Map(of<Provider>(csv, 'provider').map((p) => [p.providerId, p.name]));
      let prefixed = 0;
      for (const e of of<Encounter>(fhir, 'encounter')) {
        const csvName = csvNames.get(e.renderingProviderId ?? '');
        assert.ok(csvName, e.renderingProviderId);
        assert.equal((e.renderingProviderName ?? '').replace(/^Dr\. /, ''), csvName);
        if (e.renderingProviderName !== csvName) prefixed++;
      }
      assert.ok(prefixed > 0);
    });

    it('differ in class only as FHIR codes it: wellness and outpatient visits are AMB (ambulatory)', () => {
      const csvById = new Map(of<Encounter>(csv, 'encounter').map((e) => [e.encounterId, e]));
      const expected: Record<string, string> = { ambulatory: 'ambulatory', wellness: 'ambulatory', outpatient: 'ambulatory', urgentcare: 'ambulatory', emergency: 'emergency', inpatient: 'inpatient' };
      let merged = 0;
      for (const e of of<Encounter>(fhir, 'encounter')) {
        const csvClass = csvById.get(e.encounterId)?.encounterClass ?? '';
        assert.equal(e.encounterClass, expected[csvClass], csvClass);
        if (csvClass !== e.encounterClass) merged++;
      }
      assert.ok(merged > 0);
    });

    it('name the same place: FHIR names the Location, the CSV the Organization, and the CSV writer replaced commas with spaces', () => {
      const csvById = new Map(of<Encounter>(csv, 'encounter').map((e) => [e.encounterId, e]));
      const locationNames = new Map(of<Location>(csv, 'location').map((l) => [l.locationId, l.name]));
      let commaNames = 0;
      for (const e of of<Encounter>(fhir, 'encounter')) {
        const other = csvById.get(e.encounterId) as Encounter;
        const csvName = locationNames.get(other.locationId ?? '') ?? '';
        assert.notEqual(e.locationId, other.locationId, 'a Location id, not the Organization id');
        assert.equal((e.locationName ?? '').replace(/,/g, ' '), csvName);
        if (e.locationName !== csvName) commaNames++;
      }
      assert.ok(commaNames > 0, 'the comma difference occurs in these fixtures');
    });
  });

  describe('charges', () => {
    it('bill the same claims, and every difference per claim is one of the explained kinds', () => {
      const fhirCharges = of<ChargeLine>(fhir, 'charge');
      const csvCharges = of<ChargeLine>(csv, 'charge');
      const counts = { claims: 0, equal: 0, notItemised: 0, supportingOnlyInFhir: 0, zeroInCsv: 0 };
      for (const patient of patients) {
        const claims = (raw.get(patient) ?? []).filter((r) => r.resourceType === 'Claim');
        const claimIds = new Set(claims.map((c) => c.id));
        const ids = fhirEncounterIds(patient);
        const csvKey = of<Encounter>(csv, 'encounter').find((e) => ids.has(e.encounterId))?.patientKey;
        assert.deepEqual(new Set(csvCharges.filter((c) => c.patientKey === csvKey).map((c) => c.claimId)), claimIds, patient);
        for (const claim of claims) {
          counts.claims++;
          const byLine = (a: ChargeLine, b: ChargeLine) => Number(a.lineNumber) - Number(b.lineNumber);
          const fhirLines = fhirCharges.filter((c) => c.claimId === claim.id).sort(byLine);
          const csvLines = csvCharges.filter((c) => c.claimId === claim.id).sort(byLine);
          const difference = fhirLines.reduce((s, l) => s + l.chargeCents, 0) - csvLines.reduce((s, l) => s + l.chargeCents, 0);
          if (difference === 0) counts.equal++;

          // (1) The visit (or prescription) line: FHIR has no net on it, so it carries the part of
          // Claim.total no item states (0 when the items state more, see (3)); the CSV charges the
          // visit's base cost. Claim.total itself ties to the CSV: it is encounters.csv TOTAL_CLAIM_COST.
          const [visit, ...fhirRest] = fhirLines;
          const [csvVisit, ...csvRest] = csvLines;
          assert.ok(visit && csvVisit, claim.id);
          assert.equal(visit.procedureCode, csvVisit.procedureCode);
          const total = cents(claim.total?.value ?? 0);
          const statedNets = (claim.item ?? []).reduce((s, i) => s + (i.net ? cents(i.net.value) : 0), 0);
          assert.equal(visit.chargeCents, Math.max(0, total - statedNets));
          const encounterRow = csvEncounterRows.get(claim.item?.[0]?.encounter?.[0]?.reference.replace('urn:uuid:', '') ?? '');
          // A pharmacy claim points at the visit that prescribed; only the visit's own claim totals the visit.
          if (encounterRow && claim.type?.coding[0]?.code !== 'pharmacy') {
            assert.equal(total, cents(encounterRow.TOTAL_CLAIM_COST ?? ''), 'Claim.total = TOTAL_CLAIM_COST');
            assert.equal(csvVisit.chargeCents, cents(encounterRow.BASE_ENCOUNTER_COST ?? ''), 'CSV visit line = BASE_ENCOUNTER_COST');
          }
          const visitPart = visit.chargeCents - csvVisit.chargeCents;
          if (visitPart !== 0) counts.notItemised++;

          // (2) Lines only FHIR has are supporting information the claim links by informationSequence:
          // lab panels (LOINC) and supplies delivered (SNOMED physical objects). The CSV does not charge them.
          // (3) Lines both have that differ: the CSV charged a repeated procedure at 0, FHIR states its base cost.
          const unmatched = [...csvRest];
          let supportingPart = 0;
          let zeroPart = 0;
          for (const line of fhirRest) {
            const exact = unmatched.findIndex((c) => c.procedureCode === line.procedureCode && c.chargeCents === line.chargeCents);
            const j = exact !== -1 ? exact : unmatched.findIndex((c) => c.procedureCode === line.procedureCode);
            if (j === -1) {
              const item = claim.item?.find((i) => String(i.sequence) === line.lineNumber);
              assert.ok(item?.informationSequence, `${claim.id}: ${line.procedureCode} only in FHIR is supporting information`);
              assert.ok(line.procedureCodeSystem === 'LOINC' || /\(physical object\)$/.test(line.procedureDescription ?? ''), `${claim.id}: ${line.procedureCode} is a lab or a supply`);
              supportingPart += line.chargeCents;
              counts.supportingOnlyInFhir++;
              continue;
            }
            const [other] = unmatched.splice(j, 1);
            // Local day (FHIR) vs UTC day (CSV): the same, or one apart across midnight.
            assert.ok(Math.abs(Date.parse(other?.serviceDate ?? '') - Date.parse(line.serviceDate)) <= 86_400_000, `${other?.serviceDate} vs ${line.serviceDate}`);
            assert.equal(other?.units, line.units);
            if (other?.chargeCents !== line.chargeCents) {
              assert.equal(other?.chargeCents, 0, `${claim.id}: ${line.procedureCode}`);
              zeroPart += line.chargeCents;
              counts.zeroInCsv++;
            }
          }
          assert.deepEqual(unmatched, [], `${claim.id}: CSV lines FHIR does not have`);
          assert.equal(difference, visitPart + supportingPart + zeroPart, `${claim.id}: the difference is fully explained`);
        }
      }
      // Every kind occurs in these fixtures, and most claims agree to the cent.
      assert.ok(counts.equal * 2 > counts.claims && counts.notItemised > 0 && counts.supportingOnlyInFhir > 0 && counts.zeroInCsv > 0, JSON.stringify(counts));
    });

    it('agree on provider, visit and payer where both sides state them', () => {
      const csvByClaim = new Map(of<ChargeLine>(csv, 'charge').map((c) => [c.claimId, c]));
      const csvEncounters = new Map(of<Encounter>(csv, 'encounter').map((e) => [e.encounterId, e]));
      const payerNames = new Map(of<Payer>(csv, 'payer').map((p) => [p.payerId, p.name]));
      for (const line of of<ChargeLine>(fhir, 'charge')) {
        const other = csvByClaim.get(line.claimId);
        assert.ok(other, line.claimId);
        assert.equal(line.renderingProviderId, other.renderingProviderId);
        assert.equal(line.encounterId, other.encounterId);
        // The CSV charge row names no payer; its visit does.
        assert.equal(line.payerName, payerNames.get(csvEncounters.get(other.encounterId ?? '')?.payerId ?? ''));
      }
    });
  });
});
