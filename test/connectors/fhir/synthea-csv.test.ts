import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { importFhirSources } from '../../../connectors/fhir/import';
import { sourceFromBytes } from '../../../connectors/source';
import type { ChargeLine, Encounter } from '../../../core/model';
import { fixture } from '../../support/paths';

/*
 * The Synthea run behind the fixtures wrote the same patients twice: as FHIR bundles and as CSV.
 * The CSV side is read here independently (papaparse, plain arithmetic), and the records the FHIR
 * connector makes are compared with it. Every difference found is one of the kinds named below,
 * each asserted, and none is left unexplained.
 */

type Row = Record<string, string>;
const csv = (name: string): Row[] => Papa.parse<Row>(readFileSync(fixture('synthea_csv', name), 'utf8'), { header: true, skipEmptyLines: true }).data;
const cents = (text: string | number) => Math.round(Number(text) * 100);

interface FhirResource {
  resourceType: string;
  id: string;
  period?: { start: string };
  total?: { value: number };
  type?: { coding: { code: string }[] };
  item?: { sequence: number; net?: { value: number }; encounter?: { reference: string }[]; informationSequence?: number[] }[];
}

describe('connectors/fhir/import (Synthea FHIR vs Synthea CSV of the same run)', () => {
  const bundleDir = () => fixture('fhir_r4', 'synthea_bundles');
  let encounters: Encounter[];
  let charges: ChargeLine[];
  const raw = new Map<string, FhirResource[]>();
  const patients = ['b37f7960-7e9e-f3f7-f891-79ae4f632406', 'edcd074e-b20a-2826-ff28-4677579314b1', '9f39bf35-ea79-4383-4eb1-36c43280dff2'];
  let csvEncounters: Row[];
  let csvCharges: Row[];
  let organizationNames: Map<string, string>;
  let payerNames: Map<string, string>;

  before(async () => {
    const names = readdirSync(bundleDir()).sort();
    const results = await importFhirSources(names.map((n) => sourceFromBytes(n, readFileSync(`${bundleDir()}/${n}`))));
    encounters = results.flatMap((r) => r.records).filter((r): r is Encounter => r.type === 'encounter');
    charges = results.flatMap((r) => r.records).filter((r): r is ChargeLine => r.type === 'charge');
    for (const patient of patients) {
      const file = names.find((n) => n.includes(patient)) as string;
      const bundle = JSON.parse(readFileSync(`${bundleDir()}/${file}`, 'utf8')) as { entry: { resource: FhirResource }[] };
      raw.set(patient, bundle.entry.map((e) => e.resource));
    }
    csvEncounters = csv('encounters.csv').filter((e) => patients.includes(e.PATIENT ?? ''));
    csvCharges = csv('claims_transactions.csv').filter((t) => t.TYPE === 'CHARGE' && patients.includes(t.PATIENTID ?? ''));
    organizationNames = new Map(csv('organizations.csv').map((o) => [o.Id ?? '', o.NAME ?? '']));
    payerNames = new Map(csv('payers.csv').map((p) => [p.Id ?? '', p.NAME ?? '']));
  });

  describe('encounters', () => {
    it('are the same visits per patient, at the same instant, seen by the same provider, paid by the same payer', () => {
      for (const patient of patients) {
        const fhir = raw.get(patient)?.filter((r) => r.resourceType === 'Encounter') ?? [];
        const rows = csvEncounters.filter((e) => e.PATIENT === patient);
        assert.equal(fhir.length, rows.length, patient);
        const fhirById = new Map(fhir.map((e) => [e.id, e]));
        const records = new Map(encounters.map((e) => [e.encounterId, e]));
        for (const row of rows) {
          const resource = fhirById.get(row.Id ?? '');
          const record = records.get(row.Id ?? '');
          assert.ok(resource && record, row.Id);
          // CSV writes UTC (…Z); FHIR writes local time with its offset: the same instant.
          assert.equal(Date.parse(resource.period?.start ?? ''), Date.parse(row.START ?? ''));
          // The record's date is the local calendar day; it differs from the CSV's UTC day only across midnight.
          const utcDay = (row.START ?? '').slice(0, 10);
          if (record.date !== utcDay) assert.notEqual(new Date(Date.parse(row.START ?? '')).getUTCDate(), Number(record.date.slice(8, 10)));
          assert.equal(record.renderingProviderId, row.PROVIDER);
          // FHIR keeps the payer on the claim; the visit takes it from the claim that bills it.
          assert.equal(record.payerName, payerNames.get(row.PAYER ?? ''));
        }
      }
    });

    it('differ in class only as FHIR codes it: wellness, outpatient and ambulatory are all AMB', () => {
      const expected: Record<string, string> = { ambulatory: 'ambulatory', wellness: 'ambulatory', outpatient: 'ambulatory', urgentcare: 'ambulatory', emergency: 'emergency', inpatient: 'inpatient' };
      const records = new Map(encounters.map((e) => [e.encounterId, e]));
      let merged = 0;
      for (const row of csvEncounters) {
        assert.equal(records.get(row.Id ?? '')?.encounterClass, expected[row.ENCOUNTERCLASS ?? ''], row.ENCOUNTERCLASS);
        if (row.ENCOUNTERCLASS === 'wellness' || row.ENCOUNTERCLASS === 'outpatient') merged++;
      }
      assert.ok(merged > 0);
    });

    it('name the same place; the CSV writer replaced commas in names with spaces, and FHIR names the Location, the CSV the Organization', () => {
      const records = new Map(encounters.map((e) => [e.encounterId, e]));
      let commaNames = 0;
      for (const row of csvEncounters) {
        const record = records.get(row.Id ?? '') as Encounter;
        const csvName = organizationNames.get(row.ORGANIZATION ?? '') ?? '';
        assert.equal((record.locationName ?? '').replace(/,/g, ' '), csvName);
        if (record.locationName !== csvName) commaNames++;
        assert.notEqual(record.locationId, row.ORGANIZATION, 'a Location id, not the Organization id');
      }
      assert.ok(commaNames > 0, 'the comma difference occurs in these fixtures');
    });
  });

  describe('charges', () => {
    it('bill the same claims, and every difference per claim is one of three explained kinds', () => {
      let equalClaims = 0;
      let allClaims = 0;
      let notItemised = 0;
      let labsOnlyInFhir = 0;
      let zeroInCsv = 0;
      for (const patient of patients) {
        const claims = (raw.get(patient) ?? []).filter((r) => r.resourceType === 'Claim');
        const csvClaimIds = new Set(csvCharges.filter((t) => t.PATIENTID === patient).map((t) => t.CLAIMID));
        assert.deepEqual(new Set(claims.map((c) => c.id)), csvClaimIds, patient);
        for (const claim of claims) {
          const fhirLines = charges.filter((c) => c.claimId === claim.id).sort((a, b) => Number(a.lineNumber) - Number(b.lineNumber));
          const csvLines = csvCharges.filter((t) => t.CLAIMID === claim.id).sort((a, b) => Number(a.CHARGEID) - Number(b.CHARGEID));
          const difference = fhirLines.reduce((s, l) => s + l.chargeCents, 0) - csvLines.reduce((s, t) => s + cents(t.AMOUNT ?? ''), 0);
          allClaims++;
          if (difference === 0) equalClaims++;

          // (1) The visit (or prescription) line: FHIR has no net on it, so it carries the part of
          // Claim.total no item states; the CSV charges only the visit's base cost. Claim.total
          // itself ties to the CSV: it equals encounters.csv TOTAL_CLAIM_COST.
          const [visit, ...fhirRest] = fhirLines;
          const [csvVisit, ...csvRest] = csvLines;
          assert.ok(visit && csvVisit, claim.id);
          assert.equal(visit.procedureCode, csvVisit.PROCEDURECODE);
          const total = cents(claim.total?.value ?? 0);
          const statedNets = (claim.item ?? []).reduce((s, i) => s + (i.net ? cents(i.net.value) : 0), 0);
          const visitPart = visit.chargeCents - cents(csvVisit.AMOUNT ?? '');
          if (total > statedNets) assert.equal(visit.chargeCents, total - statedNets, 'the visit line holds the unitemised rest of the total');
          // (1b) Where FHIR's lines state more than Claim.total (see (3)), the visit line has no rest to take: 0.
          else assert.equal(visit.chargeCents, 0);
          const encounterId = claim.item?.[0]?.encounter?.[0]?.reference.replace('urn:uuid:', '');
          const encounterRow = csvEncounters.find((e) => e.Id === encounterId);
          // A pharmacy claim points at the visit that prescribed; only the visit's own claim totals the visit.
          if (encounterRow && claim.type?.coding[0]?.code !== 'pharmacy') {
            assert.equal(total, cents(encounterRow.TOTAL_CLAIM_COST ?? ''), 'Claim.total = TOTAL_CLAIM_COST');
            assert.equal(cents(csvVisit.AMOUNT ?? ''), cents(encounterRow.BASE_ENCOUNTER_COST ?? ''), 'CSV visit line = BASE_ENCOUNTER_COST');
          }
          if (visitPart !== 0) notItemised++;

          // (2) Lines only FHIR has are supporting information the claim links by informationSequence:
          // lab panels (LOINC) and supplies delivered (SNOMED physical objects). Synthea's CSV does not charge them.
          // (3) Lines both have that differ: the CSV charged a repeated procedure at 0, FHIR states its base cost.
          const unmatched = [...csvRest];
          let labPart = 0;
          let zeroPart = 0;
          for (const line of fhirRest) {
            const i = unmatched.findIndex((t) => t.PROCEDURECODE === line.procedureCode && cents(t.AMOUNT ?? '') === line.chargeCents);
            const j = i !== -1 ? i : unmatched.findIndex((t) => t.PROCEDURECODE === line.procedureCode);
            if (j === -1) {
              const item = claim.item?.find((i) => String(i.sequence) === line.lineNumber);
              assert.ok(item?.informationSequence, `${claim.id}: ${line.procedureCode} only in FHIR is supporting information`);
              assert.ok(line.procedureCodeSystem === 'LOINC' || /\(physical object\)$/.test(line.procedureDescription ?? ''), `${claim.id}: ${line.procedureCode} is a lab or a supply`);
              labPart += line.chargeCents;
              labsOnlyInFhir++;
              continue;
            }
            const [row] = unmatched.splice(j, 1);
            if (cents(row?.AMOUNT ?? '') !== line.chargeCents) {
              assert.equal(cents(row?.AMOUNT ?? ''), 0, `${claim.id}: ${line.procedureCode}`);
              zeroPart += line.chargeCents;
              zeroInCsv++;
            }
          }
          assert.deepEqual(unmatched, [], `${claim.id}: CSV lines FHIR does not have`);
          assert.equal(difference, visitPart + labPart + zeroPart, `${claim.id}: the difference is fully explained`);
        }
      }
      // All three kinds occur in these fixtures, and most claims agree exactly.
      assert.ok(equalClaims * 2 > allClaims && notItemised > 0 && labsOnlyInFhir > 0 && zeroInCsv > 0, JSON.stringify({ allClaims, equalClaims, notItemised, labsOnlyInFhir, zeroInCsv }));
    });

    it('are dated on the same instant and billed to the same payer', () => {
      const payers = new Map(csv('payers.csv').map((p) => [p.Id ?? '', p.NAME ?? '']));
      const claimPayer = new Map(csv('claims.csv').map((c) => [c.Id ?? '', payers.get(c.PRIMARYPATIENTINSURANCEID ?? '') ?? '']));
      for (const row of csvCharges) {
        const line = charges.find((c) => c.claimId === row.CLAIMID && c.procedureCode === row.PROCEDURECODE);
        assert.ok(line, `${row.CLAIMID} ${row.PROCEDURECODE}`);
        const utc = new Date(Date.parse(row.FROMDATE ?? ''));
        // Local service day vs UTC day: equal, or one day apart across midnight.
        const dayGap = Math.abs(Date.parse(line.serviceDate) - Date.parse(utc.toISOString().slice(0, 10))) / 86_400_000;
        assert.ok(dayGap <= 1, `${line.serviceDate} vs ${row.FROMDATE}`);
        assert.equal(line.payerName, claimPayer.get(row.CLAIMID ?? ''));
        assert.equal(line.units, Number(row.UNITS));
      }
    });
  });
});
