/**
 * A dataset is everything imported for one workbook: the records of all sources, deduplicated
 * by natural key across overlapping exports, with names resolved from lookup records.
 * Calculations read a Dataset; they never see files.
 */
import { issue, type Issue } from './issues';
import type {
  Appointment,
  CanonicalRecord,
  ChargeLine,
  Encounter,
  Location,
  Payer,
  ProcedureCode,
  Provider,
  ProviderAdjustment,
  RemitClaim,
  RemitLine,
  Transaction,
} from './model';
import { payerClassFromName } from './model/common';
import type { ImportResult, SourceFormat } from './source';

export interface SourceInfo {
  readonly file: string;
  readonly format: SourceFormat;
  readonly profile: string | undefined;
  readonly rowsRead: number;
  readonly recordsImported: number;
  readonly rowsRejected: number;
}

export interface Dataset {
  readonly charges: ChargeLine[];
  readonly transactions: Transaction[];
  readonly appointments: Appointment[];
  readonly encounters: Encounter[];
  readonly remitClaims: RemitClaim[];
  readonly remitLines: RemitLine[];
  readonly providerAdjustments: ProviderAdjustment[];
  readonly providers: ReadonlyMap<string, Provider>;
  readonly payers: ReadonlyMap<string, Payer>;
  readonly locations: ReadonlyMap<string, Location>;
  readonly procedures: ReadonlyMap<string, ProcedureCode>;
  /** Every other record type a connector produced, by type (kept, not used by the built-in calculations). */
  readonly other: ReadonlyMap<string, CanonicalRecord[]>;
  /** Charges and transactions the source system voided (Epic VOID_DATE): kept for tie-out, out of every calculation. */
  readonly voided: readonly (ChargeLine | Transaction)[];
  readonly sources: readonly SourceInfo[];
  /** Import issues of every source, plus the dataset's own (duplicates across files). */
  readonly issues: readonly Issue[];
}

/**
 * Puts the results of several imports together. A record whose natural key was already seen in an
 * earlier source is a duplicate from an overlapping export: it is counted once and reported.
 */
export function assembleDataset(results: readonly ImportResult[]): Dataset {
  const charges: ChargeLine[] = [];
  const transactions: Transaction[] = [];
  const appointments: Appointment[] = [];
  const voided: (ChargeLine | Transaction)[] = [];
  const kept = emptyKeptRecords();
  const sink: RecordSink = {
    charge: (r) => charges.push(r),
    transaction: (r) => transactions.push(r),
    appointment: (r) => appointments.push(r),
    voided: (r) => voided.push(r),
  };
  const issues: Issue[] = [];
  const seen = new Map<string, string>();

  const labels = sourceLabels(results);
  for (const result of results) {
    const label = labels.get(result) ?? result.file;
    issues.push(...(label === result.file ? result.issues : result.issues.map((i) => ({ ...i, location: { ...i.location, file: label } }))));
    let duplicates = 0;
    let firstDuplicate: CanonicalRecord | undefined;
    for (const record of result.records) {
      const identity = `${record.type}\u0000${record.key}`;
      const earlier = seen.get(identity);
      if (earlier !== undefined) {
        duplicates += 1;
        firstDuplicate ??= record;
        continue;
      }
      seen.set(identity, label);
      routeRecord(record, sink, kept);
    }
    if (duplicates > 0 && firstDuplicate !== undefined)
      issues.push(duplicateAcrossFiles(duplicates, firstDuplicate, seen.get(`${firstDuplicate.type}\u0000${firstDuplicate.key}`), label));
  }

  // Sources that give the payer only on the visit (Synthea claim lines) take it from the encounter.
  const { encounters, providers, payers, locations, procedures } = kept;
  payerFromEncounter(charges, encounters);
  payerFromEncounter(transactions, encounters);
  resolveNames(charges, providers, payers, locations, procedures);
  resolveNames(transactions, providers, payers, locations, procedures);
  resolveNames(appointments, providers, payers, locations, procedures);
  resolveNames(encounters, providers, payers, locations, procedures);

  return {
    charges,
    transactions,
    appointments,
    ...kept,
    voided,
    sources: results.map((r) => ({
      file: labels.get(r) ?? r.file,
      format: r.format,
      profile: r.profile,
      rowsRead: r.rowsRead,
      recordsImported: r.recordsImported,
      rowsRejected: r.rowsRejected,
    })),
    issues,
  };
}

type KeptKind = 'encounters' | 'remitClaims' | 'remitLines' | 'providerAdjustments' | 'providers' | 'payers' | 'locations' | 'procedures' | 'other';

/** The record kinds a dataset keeps as imported (all but charges, transactions and appointments, which calculations sum), being filled. */
export type KeptRecords = { readonly [K in KeptKind]: Dataset[K] extends ReadonlyMap<infer Id, infer R> ? Map<Id, R> : Dataset[K] };

/** Nothing kept yet. */
export function emptyKeptRecords(): KeptRecords {
  return {
    encounters: [],
    remitClaims: [],
    remitLines: [],
    providerAdjustments: [],
    providers: new Map(),
    payers: new Map(),
    locations: new Map(),
    procedures: new Map(),
    other: new Map(),
  };
}

/** Where the summed record kinds go (a list in assembleDataset, a running sum in the streaming aggregator). */
export interface RecordSink {
  charge(record: ChargeLine): void;
  transaction(record: Transaction): void;
  appointment(record: Appointment): void;
  /** A charge or transaction the source system voided (Epic VOID_DATE): out of every calculation. */
  voided(record: ChargeLine | Transaction): void;
}

/**
 * Sends one record (the first of its natural key) where a dataset puts it: charges, transactions
 * and appointments to `sink`, every other kind into `kept`.
 */
export function routeRecord(record: CanonicalRecord, sink: RecordSink, kept: KeptRecords): void {
  switch (record.type) {
    case 'charge':
      if (record.voidDate !== undefined) sink.voided(record);
      else sink.charge(record);
      break;
    case 'payment':
    case 'adjustment':
    case 'transfer':
      if (record.voidDate !== undefined) sink.voided(record);
      else sink.transaction(record);
      break;
    case 'appointment':
      sink.appointment(record);
      break;
    case 'encounter':
      kept.encounters.push(record);
      break;
    case 'remit-claim':
      kept.remitClaims.push(record);
      break;
    case 'remit-line':
      kept.remitLines.push(record);
      break;
    case 'provider-adjustment':
      kept.providerAdjustments.push(record);
      break;
    case 'provider':
      kept.providers.set(record.providerId, record);
      break;
    case 'payer':
      kept.payers.set(record.payerId, record);
      break;
    case 'location':
      kept.locations.set(record.locationId, record);
      break;
    case 'procedure':
      kept.procedures.set(record.procedureId, record);
      break;
    default: {
      const list = kept.other.get((record as CanonicalRecord).type) ?? [];
      list.push(record as CanonicalRecord);
      kept.other.set((record as CanonicalRecord).type, list);
    }
  }
}

/** The warning for the records of `file` whose natural key an earlier file already had (each is counted once). */
export function duplicateAcrossFiles(count: number, first: CanonicalRecord, firstFile: string | undefined, file: string): Issue {
  return issue(
    'duplicate-across-files',
    'warning',
    `${count} record(s) were already imported from an earlier file (same natural key, e.g. ${first.key} first seen in ${firstFile}); each is counted once`,
    { file, ...(first.lineage.line !== undefined ? { line: first.lineage.line } : {}) },
  );
}

/** The party fields names are resolved on. */
export type Named = {
  renderingProviderId?: string | undefined;
  renderingProviderName?: string | undefined;
  payerId?: string | undefined;
  payerName?: string | undefined;
  payerClass: Payer['payerClass'];
  locationId?: string | undefined;
  locationName?: string | undefined;
  procedureCode?: string | undefined;
  procedureDescription?: string | undefined;
};

/** Fills names and payer classes from lookup records, in place, where the record has only ids. */
export function resolveNames(
  records: Named[],
  providers: ReadonlyMap<string, Provider>,
  payers: ReadonlyMap<string, Payer>,
  locations: ReadonlyMap<string, Location>,
  procedures: ReadonlyMap<string, ProcedureCode>,
): void {
  for (const r of records) {
    if (r.renderingProviderName === undefined && r.renderingProviderId !== undefined) {
      const name = providers.get(r.renderingProviderId)?.name;
      if (name !== undefined) r.renderingProviderName = name;
    }
    if (r.payerId !== undefined) {
      const payer = payers.get(r.payerId);
      if (payer !== undefined) {
        if (r.payerName === undefined) r.payerName = payer.name;
        if (r.payerClass === 'unknown') r.payerClass = payer.payerClass;
      }
    }
    if (r.payerClass === 'unknown' && r.payerName !== undefined) r.payerClass = payerClassFromName(r.payerName);
    if (r.locationName === undefined && r.locationId !== undefined) {
      const name = locations.get(r.locationId)?.name;
      if (name !== undefined) r.locationName = name;
    }
    if ('procedureDescription' in r || r.procedureCode !== undefined) {
      if (r.procedureDescription === undefined && r.procedureCode !== undefined) {
        const description = procedures.get(r.procedureCode)?.description;
        if (description !== undefined && 'procedureDescription' in r) r.procedureDescription = description;
      }
    }
  }
}

/** Fills a missing payer id from the record's encounter, in place. */
export function payerFromEncounter(
  records: { payerId?: string | undefined; encounterId?: string | undefined }[],
  encounters: readonly Encounter[],
): void {
  if (encounters.length === 0) return;
  const payerOf = new Map<string, string>();
  for (const e of encounters) if (e.payerId !== undefined) payerOf.set(e.encounterId, e.payerId);
  for (const r of records) {
    if (r.payerId !== undefined || r.encounterId === undefined) continue;
    const payerId = payerOf.get(r.encounterId);
    if (payerId !== undefined) r.payerId = payerId;
  }
}

/**
 * What workbooks call each source: its file name, except for a patient-level file (a per-patient
 * FHIR bundle, often named after the patient), which becomes "patient-level file N (format)".
 */
function sourceLabels(results: readonly ImportResult[]): Map<ImportResult, string> {
  const labels = new Map<ImportResult, string>();
  let n = 0;
  for (const r of results) if (r.patientLevel === true) labels.set(r, `patient-level file ${++n} (${r.format})`);
  return labels;
}
