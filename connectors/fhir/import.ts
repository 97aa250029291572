/**
 * The FHIR R4 importer: Bundles (transaction, batch, collection, searchset), single resources and
 * bulk NDJSON → canonical records, in two passes. The first pass indexes what references point at
 * (practitioners, organisations, locations, coverages, encounters, claims, conditions, patients)
 * across every file of the import; the second makes records, resolving references through that
 * index. `importFhirSources` does this for a set of files (a Synthea patient bundle refers to the
 * hospital and practitioner bundles of the same run); `importFhirSource` for one file on its own.
 *
 * Accounting: `rowsRead` counts resources (bundle entries, NDJSON lines). A resource is imported
 * when it made records, was read as reference data (Practitioner, Organization, Patient …), or is
 * of a type no workbook uses (counted by type in `skippedByType`, not an issue); it is rejected,
 * with an issue, when it is malformed or a field we need is missing or invalid.
 */
import { issue, type Issue } from '../../core/issues';
import { messages } from '../../core/messages';
import type { CanonicalRecord, Location as LocationRecord, Payer, PayerClass, Provider } from '../../core/model';
import type { ImportResult, SourceFormat } from '../../core/source';
import type { Importer } from '../importer';
import type { SourceFile } from '../source';
import { focalCoverage, mapClaim, type ClaimTotals } from './claims';
import { containedReferents, FileContext, PROFILE, referentOf, type EmittedLookups, type ResourceLocation } from './context';
import { readEntries, sniffLayout, type FhirLayout, type ReadOptions } from './read';
import { encounterReferent, ReferenceIndex, type Referent } from './references';
import { mapExplanationOfBenefit, type RemitTotals } from './remittance';
import { Claim, Encounter, isUsedType, schemas, type FhirIdentifier, type UsedType } from './schemas';
import { mapAppointment, mapEncounter, primaryPerformer } from './visits';

export type FhirImportOptions = ReadOptions;

/** What the indexing pass reads: the types other resources point at. */
const INDEXED = new Set(['Practitioner', 'PractitionerRole', 'Organization', 'Location', 'Coverage', 'Patient', 'Encounter', 'Claim', 'Condition']);

/**
 * Imports a set of FHIR files together, so references between them resolve (one result per file,
 * in order). Never throws for bad input.
 */
export async function importFhirSources(sources: readonly SourceFile[], options: FhirImportOptions = {}): Promise<ImportResult[]> {
  const layouts = await Promise.all(sources.map((s) => sniffLayout(s)));
  return importFhirSet(sources, layouts, options);
}

/**
 * Imports one FHIR file on its own (references resolve within the file): the importer registered
 * in `connectors/index.ts` for `fhir-bundle`, `fhir-resource` and `fhir-ndjson`.
 */
export const importFhirSource: Importer = async (source, context) => {
  const layout: FhirLayout = context.detection.format === 'fhir-ndjson' ? 'ndjson' : 'json';
  const [result] = await importFhirSet([source], [layout], { onProgress: context.options.onProgress });
  return result as ImportResult;
};

async function importFhirSet(sources: readonly SourceFile[], layouts: readonly FhirLayout[], options: FhirImportOptions): Promise<ImportResult[]> {
  const index = new ReferenceIndex();
  for (let i = 0; i < sources.length; i++) await indexSource(sources[i] as SourceFile, layouts[i] as FhirLayout, index, options);
  index.finish();
  const emitted: EmittedLookups = new Set();
  const results: ImportResult[] = [];
  for (let i = 0; i < sources.length; i++) results.push(await importIndexed(sources[i] as SourceFile, layouts[i] as FhirLayout, index, emitted, options));
  return results;
}

/** Pass 1: remembers what each referenced resource contributes (a compact summary, never the resource). */
async function indexSource(source: SourceFile, layout: FhirLayout, index: ReferenceIndex, options: FhirImportOptions): Promise<void> {
  for await (const batch of readEntries(source, layout, { ...options, onProgress: undefined }, INDEXED)) {
    for (const entry of batch) {
      if (entry.kind !== 'resource' || !INDEXED.has(entry.type)) continue;
      const referent = summarize(entry.resource, entry.type);
      if (referent === undefined) continue;
      const identifiers = Array.isArray(entry.resource.identifier) ? (entry.resource.identifier as FhirIdentifier[]).filter((i) => typeof i === 'object' && i !== null) : undefined;
      index.add(referent, entry.fullUrl, identifiers?.filter((i) => typeof i.value === 'string' && (i.system === undefined || typeof i.system === 'string')));
    }
  }
}

function summarize(resource: Record<string, unknown>, type: string): Referent | undefined {
  const id = resource.id;
  if (typeof id !== 'string' || id === '') return undefined;
  switch (type) {
    case 'Patient':
      return { resourceType: 'Patient', id };
    case 'Claim': {
      const c = Claim.safeParse(resource);
      if (!c.success) return undefined;
      const encounter = c.data.item?.find((i) => (i.encounter?.length ?? 0) > 0)?.encounter?.[0];
      const coverage = focalCoverage(c.data.insurance);
      const pharmacy = (c.data.type?.coding ?? []).some((t) => t.code === 'pharmacy');
      return { resourceType: 'Claim', id, claim: { encounter, coverage, contained: containedReferents(c.data.contained), pharmacy } };
    }
    case 'Encounter': {
      const e = Encounter.safeParse(resource);
      return e.success ? encounterReferent(e.data, primaryPerformer(e.data)) : undefined;
    }
    default:
      return referentOf(resource);
  }
}

interface Counts {
  rowsRead: number;
  imported: number;
  rejected: number;
  resourcesByType: Record<string, number>;
  skippedByType: Record<string, number>;
  encountersNotVisits: number;
}

/** Pass 2: records from one file. */
async function importIndexed(source: SourceFile, layout: FhirLayout, index: ReferenceIndex, emitted: EmittedLookups, options: FhirImportOptions): Promise<ImportResult> {
  const ctx = new FileContext(source.name, index, emitted);
  const records: CanonicalRecord[] = [];
  const counts: Counts = { rowsRead: 0, imported: 0, rejected: 0, resourcesByType: {}, skippedByType: {}, encountersNotVisits: 0 };
  const claimTotals: ClaimTotals = { claimTotalCents: 0, claimItemsWithoutAmount: 0, claimTotalNotItemisedCents: 0 };
  const remitTotals: RemitTotals = { eobPaymentCents: 0 };
  let format: SourceFormat = layout === 'ndjson' ? 'fhir-ndjson' : 'fhir-resource';
  const fatal: Issue[] = [];

  for await (const batch of readEntries(source, layout, options)) {
    for (const entry of batch) {
      if (entry.kind === 'unreadable') {
        fatal.push(issue('file-unreadable', 'error', entry.message, { file: source.name }));
        continue;
      }
      counts.rowsRead++;
      if (entry.kind === 'rejected') {
        counts.rejected++;
        ctx.report(entry.code, 'error', entry.message, entry.at);
        continue;
      }
      if (entry.at.segment !== undefined && layout === 'json') format = 'fhir-bundle';
      counts.resourcesByType[entry.type] = (counts.resourcesByType[entry.type] ?? 0) + 1;
      if (!isUsedType(entry.type)) {
        counts.skippedByType[entry.type] = (counts.skippedByType[entry.type] ?? 0) + 1;
        counts.imported++;
        continue;
      }
      const made = mapResource(entry.type, entry.resource, ctx, entry.at, claimTotals, remitTotals, counts);
      if (made.rejected) counts.rejected++;
      else counts.imported++;
      for (const record of made.records) {
        records.push(record);
        payerLookup(record, ctx, entry.at, records);
      }
    }
  }
  ctx.finish();

  return {
    file: source.name,
    format,
    profile: PROFILE,
    rowsRead: counts.rowsRead,
    recordsImported: counts.imported,
    rowsRejected: counts.rejected,
    records,
    issues: [...fatal, ...ctx.issues],
    patientLevel: format !== 'fhir-ndjson' && counts.resourcesByType['Patient'] === 1,
    extraSummary: {
      resourcesByType: counts.resourcesByType,
      skippedByType: counts.skippedByType,
      claimTotalCents: claimTotals.claimTotalCents,
      claimTotalNotItemisedCents: claimTotals.claimTotalNotItemisedCents,
      claimItemsWithoutAmount: claimTotals.claimItemsWithoutAmount,
      eobPaymentCents: remitTotals.eobPaymentCents,
      encountersNotVisits: counts.encountersNotVisits,
    },
  };
}

function mapResource(
  type: UsedType,
  raw: Record<string, unknown>,
  ctx: FileContext,
  at: ResourceLocation,
  claimTotals: ClaimTotals,
  remitTotals: RemitTotals,
  counts: Counts,
): { records: CanonicalRecord[]; rejected: boolean } {
  const parsed = schemas[type].safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first === undefined ? '' : first.path.map(String).join('.');
    ctx.report('fhir-resource-invalid', 'error', messages.fhirResourceInvalid(type, typeof raw.id === 'string' ? raw.id : undefined, path, first?.message ?? ''), at);
    return { records: [], rejected: true };
  }
  const r = parsed.data;
  const records: CanonicalRecord[] = [];
  switch (r.resourceType) {
    case 'Encounter': {
      const made = mapEncounter(r, ctx, at);
      if (made.notAVisit === true) counts.encountersNotVisits++;
      return made;
    }
    case 'Claim':
      return mapClaim(r, ctx, at, claimTotals);
    case 'ExplanationOfBenefit':
      return mapExplanationOfBenefit(r, ctx, at, remitTotals);
    case 'Appointment':
      return mapAppointment(r, ctx, at);
    case 'Practitioner': {
      const referent = referentOf(r);
      const specialty = ctx.index.specialtyOf(r.id);
      const provider: Provider = {
        type: 'provider',
        key: r.id,
        lineage: ctx.lineage(at),
        providerId: r.id,
        ...(referent?.name !== undefined ? { name: referent.name } : {}),
        ...(referent?.npi !== undefined ? { npi: referent.npi } : {}),
        ...(specialty !== undefined ? { specialty } : {}),
      };
      ctx.emitLookup(provider, r.id, records);
      return { records, rejected: false };
    }
    case 'Organization': {
      const referent = referentOf(r);
      if (referent?.isPayer === true && referent.name !== undefined) {
        const payer: Payer = { type: 'payer', key: r.id, lineage: ctx.lineage(at), payerId: r.id, name: referent.name, payerClass: referent.payerClass ?? 'unknown' };
        ctx.emitLookup(payer, r.id, records);
      }
      return { records, rejected: false };
    }
    case 'Location': {
      const location: LocationRecord = { type: 'location', key: r.id, lineage: ctx.lineage(at), locationId: r.id, name: r.name?.trim() || r.id };
      ctx.emitLookup(location, r.id, records);
      return { records, rejected: false };
    }
    case 'Coverage': {
      // The payer record comes from the payor it names (see payerLookup); a Coverage makes no record of its own.
      const payer = ctx.payer({ reference: `Coverage/${r.id}` }, undefined, at);
      if (payer.payerId !== undefined && payer.payerName !== undefined) {
        const record: Payer = { type: 'payer', key: payer.payerId, lineage: ctx.lineage(at), payerId: payer.payerId, name: payer.payerName, payerClass: payer.payerClass ?? 'unknown' };
        ctx.emitLookup(record, payer.payerId, records);
      }
      return { records, rejected: false };
    }
    case 'PractitionerRole':
    case 'Patient':
    case 'Condition':
      return { records, rejected: false };
  }
}

/**
 * A Payer lookup record for each payer a record names, once per import: FHIR often names payers
 * only by display text (Synthea's `{ "display": "Medicaid" }`), and the workbook's payer list needs them.
 */
function payerLookup(record: CanonicalRecord, ctx: FileContext, at: ResourceLocation, out: CanonicalRecord[]): void {
  if (record.type === 'payer' || !('payerClass' in record)) return;
  const { payerId, payerName, payerClass } = record as { payerId?: string | undefined; payerName?: string | undefined; payerClass: PayerClass };
  if (payerId === undefined || payerName === undefined) return;
  const payer: Payer = { type: 'payer', key: payerId, lineage: ctx.lineage(at), payerId, name: payerName, payerClass };
  ctx.emitLookup(payer, payerId, out);
}
