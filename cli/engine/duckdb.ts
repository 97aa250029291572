/**
 * Embedded DuckDB as the aggregation engine: the path for data that outgrows files, where the same
 * SQL runs on the group's warehouse.
 * - `duckdbAggregate`: a dataset's canonical records (imported by our connectors, which give the
 *   row-level rejections, lineage and natural-key duplicates) are appended to staging tables and the
 *   whole aggregation runs as SQL (core/aggregate/sql-engine.ts); JavaScript only assigns the
 *   workbook's member keys and orders the rows. `practice build --engine duckdb` uses it.
 * - `duckdbFacts`: a subset of the Facts measures straight from canonical-layout CSVs
 *   (core/aggregate/sql.ts), the bench's "DuckDB read_csv + GROUP BY" stage.
 */
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { compareAgingRows } from '../../core/aggregate/aging';
import { adjustmentCodeDenialsNote, remittanceDenialsNote } from '../../core/aggregate/denials';
import { compareDistinctRows } from '../../core/aggregate/distinct';
import { factMeasures } from '../../core/aggregate/definitions';
import { Members } from '../../core/aggregate/members';
import { periodOf, readingOf, voidedNote } from '../../core/aggregate/reading';
import { RVU_RECORD_TYPE } from '../../core/aggregate/rvu';
import { agingQuery, countsQuery, derivedTables, distinctQuery, factsQuery, membersQuery, MODIFIER_SEPARATOR, stagingTables, type StagingTable } from '../../core/aggregate/sql-engine';
import { factsSql, sqlFactMeasures, type CanonicalFiles } from '../../core/aggregate/sql';
import { compareFactRows } from '../../core/aggregate/stream';
import type { AggregateOptions, Aggregates, AgingBucket, AgingRow, Availability, DistinctRow, FactMeasure, FactMeasures, FactRow, PeriodKind, SliceDimension } from '../../core/aggregate/types';
import { payerFromEncounter, resolveNames, type Dataset, type Named } from '../../core/dataset';
import type { MedicareRvu, PayerClass } from '../../core/model';

/** One Facts row keyed by member identities (`id:PRV001`), as core/aggregate/members.ts names them. */
export interface SqlFactRow {
  readonly month: string;
  readonly provider: string;
  readonly location: string;
  readonly payerClass: PayerClass;
  readonly payer: string;
  readonly measures: Partial<Record<FactMeasure, number>>;
}

/** Runs the Facts SQL over `files` in an in-memory DuckDB. */
export async function duckdbFacts(files: CanonicalFiles): Promise<SqlFactRow[]> {
  return withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(factsSql(files));
    return reader.getRowObjectsJS().map((r) => {
      const measures: Partial<Record<FactMeasure, number>> = {};
      for (const m of sqlFactMeasures) measures[m] = Number(r[m] ?? 0);
      return {
        month: String(r.month),
        provider: String(r.provider),
        location: String(r.location),
        payerClass: String(r.payer_class) as PayerClass,
        payer: String(r.payer),
        measures,
      };
    });
  });
}

/** The KPI tables of a dataset computed by DuckDB: the same Aggregates as core/aggregate `aggregate`. */
export async function duckdbAggregate(dataset: Dataset, options: AggregateOptions = {}): Promise<Aggregates> {
  return withConnection(async (connection) => {
    const voided = await stage(connection, dataset);
    for (const { name, sql } of derivedTables) await connection.run(`CREATE TABLE ${name} AS ${sql}`);
    const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();

    const providers = new Members('P');
    const locations = new Members('L');
    const payers = new Members('Y');
    const payerClasses = new Map<string, PayerClass>();
    for (const m of await rows(membersQuery)) {
      const identity = String(m.identity);
      if (m.dimension === 'provider') providers.see(identity, String(m.name));
      else if (m.dimension === 'location') locations.see(identity, String(m.name));
      else {
        payers.see(identity, String(m.name));
        payerClasses.set(identity, String(m.payer_class) as PayerClass);
      }
    }
    const providersKeyed = providers.finish();
    const locationsKeyed = locations.finish();
    const payersKeyed = payers.finish();
    const keyed = (r: Record<string, unknown>) => ({
      providerKey: providers.keyOf(String(r.provider)),
      locationKey: locations.keyOf(String(r.location)),
      payerClass: String(r.payer_class) as PayerClass,
      payerKey: payers.keyOf(String(r.payer)),
    });

    const facts: FactRow[] = (await rows(factsQuery))
      .map((r) => {
        const measures = {} as FactMeasures;
        for (const { measure } of factMeasures) measures[measure] = Number(r[measure]);
        return { month: String(r.month), ...keyed(r), measures };
      })
      .sort(compareFactRows);

    const c = (await rows(countsQuery))[0] as Record<string, unknown>;
    const denials = String(c.denials) as Availability['denials'];
    const { availability, notes } = readingOf({
      chargeLines: Number(c.charge_lines),
      chargePostDates: Number(c.charge_post_dates),
      chargedClaims: Number(c.charged_claims),
      contractualAdjustments: Number(c.contractual_adjustments),
      unmatchedTransactions: Number(c.unmatched_transactions),
      linkedTransactions: Number(c.linked_transactions),
      remitPayments: c.remit_payments === true,
      hasPayments: facts.some((f) => f.measures.paymentCents !== 0),
      encounterRecords: Number(c.encounter_records),
      encounterNewFlags: c.encounter_new_flags === true,
      completedAppointmentNewFlags: c.completed_appointment_new_flags === true,
      emCodesCounted: c.em_codes_counted === true,
      visitsWithPatient: c.visits_with_patient === true,
      appointmentOutcomes: c.appointment_outcomes === true,
      cancellations: c.cancellations === true,
      leadTimes: Number(c.lead_times),
      cycleTimes: Number(c.cycle_times),
      waitTimes: Number(c.wait_times),
      denials,
      denialsNote: denials === 'remittances' ? remittanceDenialsNote(Number(c.undated_adjudications)) : denials === 'adjustment-reason-codes' ? adjustmentCodeDenialsNote : undefined,
      workRvus: c.work_rvus === true,
    });
    const { months, asOfDate, lastClosedMonth } = periodOf(facts, c.latest === null ? null : String(c.latest), options.reportMonth);

    const aging: AgingRow[] = availability.arAging
      ? (await rows(agingQuery))
          .map((r) => ({ month: String(r.month), ...keyed(r), bucket: String(r.bucket) as AgingBucket, openCents: Number(r.open_cents), claims: Number(r.claims) }))
          .sort(compareAgingRows)
      : [];
    const sliceKey = (dimension: SliceDimension, identity: string) =>
      dimension === 'provider' ? providers.keyOf(identity) : dimension === 'location' ? locations.keyOf(identity) : dimension === 'payer' ? payers.keyOf(identity) : identity;
    const distinct: DistinctRow[] = (await rows(distinctQuery))
      .map((r) => {
        const dimension = String(r.dimension) as SliceDimension;
        return {
          period: String(r.period) as PeriodKind,
          month: String(r.month),
          dimension,
          key: sliceKey(dimension, String(r.slice_key)),
          uniquePatients: Number(r.unique_patients),
          clinicDays: Number(r.clinic_days),
          providers: Number(r.providers),
        };
      })
      .sort(compareDistinctRows);

    return {
      facts,
      aging,
      distinct,
      providers: providersKeyed,
      locations: locationsKeyed,
      payers: payersKeyed.map((m) => ({ ...m, payerClass: payerClasses.get(payers.identityOf(m.key)) ?? 'unknown' })),
      months,
      asOfDate,
      lastClosedMonth,
      availability,
      notes: voided > 0 ? [voidedNote(voided), ...notes] : notes,
    };
  });
}

async function withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

type Cell = string | number | boolean | undefined;

/** The party columns of a record, names resolved as the JavaScript aggregation resolves them (from the lookup records). */
function partyCells(records: readonly (Named & { renderingNpi?: string | undefined; encounterId?: string | undefined })[], dataset: Dataset, withEncounter: boolean): Cell[][] {
  const parties = records.map((r) => {
    const p: Named & { renderingNpi?: string | undefined; encounterId?: string | undefined } = {
      renderingProviderId: r.renderingProviderId,
      renderingNpi: r.renderingNpi,
      renderingProviderName: r.renderingProviderName,
      locationId: r.locationId,
      locationName: r.locationName,
      payerId: r.payerId,
      payerName: r.payerName,
      payerClass: r.payerClass,
    };
    if (withEncounter && r.payerId === undefined) p.encounterId = r.encounterId;
    return p;
  });
  if (withEncounter) payerFromEncounter(parties, dataset.encounters);
  resolveNames(parties, dataset.providers, dataset.payers, dataset.locations, dataset.procedures);
  return parties.map((p) => [p.renderingProviderId, p.renderingNpi, p.renderingProviderName, p.locationId, p.locationName, p.payerId, p.payerName, p.payerClass]);
}

/** A remittance's party columns: only its payer, as it was remitted. */
const payerCells = (r: { payerId?: string | undefined; payerName?: string | undefined; payerClass: PayerClass }): Cell[] => [
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  r.payerId,
  r.payerName,
  r.payerClass,
];

/** Appends the dataset's records to the staging tables; returns how many voided rows were left out. */
async function stage(connection: DuckDBConnection, dataset: Dataset): Promise<number> {
  for (const [table, columns] of Object.entries(stagingTables)) await connection.run(`CREATE TABLE ${table} (${columns.join(', ')})`);
  const charges = dataset.charges.filter((c) => c.voidDate === undefined);
  const transactions = dataset.transactions.filter((t) => t.voidDate === undefined);
  const voided = dataset.charges.length - charges.length + dataset.transactions.length - transactions.length;

  const chargeParties = partyCells(charges, dataset, true);
  await append(connection, 'stg_charge', charges.map((c, i) => [
    i, c.claimId, c.serviceDate, c.postDate, c.chargeCents, c.units, c.procedureCode, c.modifiers.join(MODIFIER_SEPARATOR), c.patientKey, ...(chargeParties[i] as Cell[]),
  ]));
  const transactionParties = partyCells(transactions, dataset, true);
  await append(connection, 'stg_transaction', transactions.map((t, i) => [
    i, t.type, t.claimId, t.postDate, t.amountCents, t.reasonGroup, t.reasonCode, t.paymentSource, ...(transactionParties[i] as Cell[]),
  ]));
  const appointmentParties = partyCells(dataset.appointments, dataset, false);
  await append(connection, 'stg_appointment', dataset.appointments.map((a, i) => [
    i, a.status, a.scheduledFor, a.bookedAt, a.arrivedAt, a.roomedAt, a.seenAt, a.checkedOutAt, a.newPatient, ...(appointmentParties[i] as Cell[]),
  ]));
  const encounterParties = partyCells(dataset.encounters, dataset, false);
  await append(connection, 'stg_encounter', dataset.encounters.map((e, i) => [i, e.date, e.patientKey, e.newPatient, ...(encounterParties[i] as Cell[])]));
  await append(connection, 'stg_remit_claim', dataset.remitClaims.map((r, i) => [
    i, r.key, r.claimId, r.paymentDate, r.claimStatus, r.paidCents, r.chargeCents, r.lineage.source, r.lineage.segment, ...payerCells(r),
  ]));
  await append(connection, 'stg_remit_line', dataset.remitLines.map((l, i) => [i, l.claimKey, l.claimId, l.paymentDate, ...payerCells(l)]));
  const adjustments: Cell[][] = [];
  dataset.remitClaims.forEach((r, i) => r.adjustments.forEach((a, j) => adjustments.push(['claim', i, j, a.group, a.reason, a.amountCents])));
  dataset.remitLines.forEach((l, i) => l.adjustments.forEach((a, j) => adjustments.push(['line', i, j, a.group, a.reason, a.amountCents])));
  await append(connection, 'stg_remit_adjustment', adjustments);
  const rvus = (dataset.other.get(RVU_RECORD_TYPE) ?? []) as readonly MedicareRvu[];
  await append(connection, 'stg_rvu', rvus.map((r, i) => [i, r.procedureCode, r.modifier, r.year, r.workRvu]));
  return voided;
}

/** Appends rows with DuckDB's Appender, each value by its column's declared type. */
async function append(connection: DuckDBConnection, table: StagingTable, rows: readonly (readonly Cell[])[]): Promise<void> {
  const types = stagingTables[table].map((column) => column.split(' ')[1] as string);
  const appender = await connection.createAppender(table);
  try {
    for (const row of rows) {
      types.forEach((type, i) => appendCell(appender, type, row[i]));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function appendCell(appender: DuckDBAppender, type: string, value: Cell): void {
  if (value === undefined) appender.appendNull();
  else if (type === 'BIGINT') appender.appendBigInt(BigInt(value as number));
  else if (type === 'DOUBLE') appender.appendDouble(value as number);
  else if (type === 'BOOLEAN') appender.appendBoolean(value as boolean);
  else appender.appendVarchar(String(value));
}
