/**
 * The KPI aggregation, fed one record at a time (records streamed from importSource's `onRecords`),
 * so a year of a large group's charge lines is never held in memory. It is the JavaScript engine
 * (core/aggregate/sql-engine.ts is the same tables in SQL, and a test holds them equal):
 * `aggregate(dataset)` (index.ts) feeds an assembled dataset's records through it, so streaming the
 * files gives the same tables as `aggregate(assembleDataset(results))`:
 * - charges, transactions and appointments are summed as they arrive into cells keyed by month ×
 *   the record's raw party fields (ids, names, payer class); names are resolved and members keyed
 *   only in `finish`, when every lookup record has been seen (measures are additive, so resolving
 *   a cell is the same as resolving each of its records);
 * - per claim it keeps what A/R aging, visits and initial denials need (parties, first day of
 *   service, patient, first insurance action, money movements), in typed arrays (claims.ts);
 * - the small record kinds (lookups, encounters, remittances, RVU and other records) are kept as
 *   records, as assembleDataset keeps them;
 * - duplicates across files are found by natural key (core/key-index.ts: the key's characters and
 *   the file's index, 21 to 31 bytes per record beside the characters), released when `finish` starts.
 * Work RVUs are summed as work RVU × Σ units per code, modifiers and year of service (the RVU
 * files are yearly), looked up once in `finish`.
 */
import type { Issue } from '../issues';
import {
  duplicateAcrossFiles,
  emptyKeptRecords,
  payerFromEncounter,
  resolveNames,
  routeRecord,
  type Dataset,
  type Named,
  type RecordSink,
  type SourceInfo,
} from '../dataset';
import type { Appointment, CanonicalRecord, ChargeLine, PayerClass, RemitClaim, Transaction } from '../model';
import { dayNumber, daysBetween, fromDayNumber, monthOf, secondsBetween, type CalendarDate, type MonthKey } from '../period';
import type { ImportResult } from '../source';
import { buildAging, type ClaimLedger } from './aging';
import { emptyMeasures } from './definitions';
import { adjustmentCodeDenialsNote, initialDenialsFromRemittances } from './denials';
import { buildDistinct, type Visit } from './distinct';
import { Members, whoOf, type Who } from './members';
import { encounterSourceOf, periodOf, readingOf } from './reading';
import { isDenialPosting } from '../denials';
import { carcOf, classifyAdjustment } from './reason-codes';
import { RVU_RECORD_TYPE, workRvuLookup } from './rvu';
import { KeyIndex } from '../key-index';
import { ClaimTable } from './claims';
import type { AggregateOptions, Aggregates, Availability, FactKey, FactMeasures, FactRow } from './types';

const SEP = '\u0000';
/** E/M codes of new-patient visits (office 99202–99205, preventive 99381–99387) and of established ones. */
export const NEW_PATIENT_EM = /^(9920[1-5]|9938[1-7])$/;
export const ESTABLISHED_EM = /^(9921[1-5]|9939[1-7])$/;

/** A record's raw party fields (before names are resolved). */
interface Parties extends Named {
  renderingNpi?: string | undefined;
  encounterId?: string | undefined;
}

interface ChargeCell {
  readonly month: MonthKey;
  readonly parties: number;
  chargeCents: number;
  chargeLines: number;
  chargeLagDays: number;
  chargeLagLines: number;
  emNew: number;
  emEstablished: number;
  /** code SEP modifiers SEP service date → Σ units (work RVUs are looked up in finish). */
  readonly units: Map<string, number>;
}

interface MoneyCell {
  readonly month: MonthKey;
  readonly parties: number;
  paymentCents: number;
  contractualAdjustmentCents: number;
  otherAdjustmentCents: number;
}

interface AppointmentCell {
  readonly month: MonthKey;
  readonly parties: number;
  /** Cycle and wait times in whole seconds (inUnits makes them minutes). */
  readonly m: FactMeasures;
  /** Completed appointments that say new or established, and how many were new (used when nothing else says). */
  flagged: number;
  flaggedNew: number;
}

const PAYMENT = 0;
const CONTRACTUAL = 1;
const OTHER = 2;

export interface StreamedAggregation {
  /** The dataset without its charge, transaction and appointment lists (they were aggregated as they streamed). */
  readonly dataset: Dataset;
  readonly aggregates: Aggregates;
  /** Charges and transactions the source system voided: left out, as assembleDataset leaves them out of the calculations. */
  readonly voidedRecords: number;
  /**
   * Claims with an adjustment posted with a denial reason code. The KPI workbook's Denials sheet
   * reads those claims' charge and transaction records (without remittances): `createDenialKeeper`
   * keeps them in a second pass over the files.
   */
  readonly claimsWithDenialPostings: ReadonlySet<string>;
}

/** Incremental aggregation: `add` records (or `addResult` whole import results) in file order, then `finish`. */
export interface Aggregator {
  /** Adds one record read from `file` (the files' order is the order they were first added in). */
  add(record: CanonicalRecord, file: string): void;
  /** Adds the records of an assembled dataset (already deduplicated; `aggregate` is this, then `finish`). */
  addDataset(dataset: Dataset): void;
  /** A sink for importSource's `onRecords` that adds the records of `file`. */
  sink(file: string): (batch: readonly CanonicalRecord[]) => void;
  /** Closes one file: its counts and issues (its records too, if the result still holds them). */
  addResult(result: ImportResult): void;
  finish(options?: AggregateOptions): StreamedAggregation;
}

/** A new incremental aggregator (see the file comment for what it keeps in memory). */
export function createAggregator(): Aggregator {
  // Duplicate detection across files: type → natural key → index of the file it was first seen in.
  const seen = new Map<string, KeyIndex>();
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const duplicates = new Map<number, { count: number; first: CanonicalRecord }>();
  const sources: SourceInfo[] = [];
  const issues: Issue[] = [];

  // Kept records.
  const kept = emptyKeptRecords();
  const { encounters, remitClaims, remitLines, providers, payers, locations, procedures } = kept;
  let voided = 0;

  // Parties, interned.
  const partyTrie: PartyTrie = new Map();
  const partyList: Parties[] = [];
  // The parties of the record before: consecutive records (a claim's lines, a day's visits) share them.
  let last: Parties | undefined;
  let lastEncounterId: string | undefined;
  let lastParties = -1;
  const partiesOf = (r: Parties, withEncounter: boolean): number => {
    const encounterId = withEncounter && r.payerId === undefined ? r.encounterId : undefined;
    if (
      last !== undefined &&
      encounterId === lastEncounterId &&
      r.renderingProviderId === last.renderingProviderId &&
      r.renderingNpi === last.renderingNpi &&
      r.renderingProviderName === last.renderingProviderName &&
      r.locationId === last.locationId &&
      r.locationName === last.locationName &&
      r.payerId === last.payerId &&
      r.payerName === last.payerName &&
      r.payerClass === last.payerClass
    )
      return lastParties;
    const n = internParties(r, encounterId);
    last = r;
    lastEncounterId = encounterId;
    lastParties = n;
    return n;
  };
  const internParties = (r: Parties, encounterId: string | undefined): number => {
    // A trie of the fields, one Map per field: looking up strings the connectors share (their hashes
    // are kept) costs less than building one key string of nine fields per record.
    let node = partyTrie;
    node = step(node, r.renderingProviderId);
    node = step(node, r.renderingNpi);
    node = step(node, r.renderingProviderName);
    node = step(node, r.locationId);
    node = step(node, r.locationName);
    node = step(node, r.payerId);
    node = step(node, r.payerName);
    node = step(node, r.payerClass);
    let n = node.get(encounterId) as number | undefined;
    if (n === undefined) {
      n = partyList.length;
      node.set(encounterId, n);
      const p: Parties = { payerClass: r.payerClass };
      if (r.renderingProviderId !== undefined) p.renderingProviderId = r.renderingProviderId;
      if (r.renderingNpi !== undefined) p.renderingNpi = r.renderingNpi;
      if (r.renderingProviderName !== undefined) p.renderingProviderName = r.renderingProviderName;
      if (r.locationId !== undefined) p.locationId = r.locationId;
      if (r.locationName !== undefined) p.locationName = r.locationName;
      if (r.payerId !== undefined) p.payerId = r.payerId;
      if (r.payerName !== undefined) p.payerName = r.payerName;
      if (encounterId !== undefined) p.encounterId = encounterId;
      partyList.push(p);
    }
    return n;
  };

  // Charges.
  const chargeCells = new Map<number, ChargeCell>();
  const chargeParties: number[] = [];
  const chargePartySeen = new Set<number>();
  let chargeCount = 0;
  /** Units per code are kept for work RVUs, unless it is known that no RVU records will come. */
  let keepUnits = true;
  let postDates = 0;
  let latest: CalendarDate | null = null;
  const seeDate = (d: CalendarDate | undefined) => {
    if (d !== undefined && (latest === null || d > latest)) latest = d;
  };
  const claims = new ClaimTable();

  // Payments and adjustments.
  const moneyCells = new Map<number, MoneyCell>();
  /** Parties of transactions that name no charged claim → sequence of the first such transaction. */
  const unlinkedFirst = new Map<number, number>();
  let sequence = 0;
  let payments = 0;
  let contractual = 0;
  let transactionCount = 0;
  let claimlessTransactions = 0;
  let anyCoded = false;
  let actionOrder = 0;
  const denialClaims = new Set<string>();
  const addMoney = (parties: number, date: CalendarDate, kind: number, cents: number) => {
    const id = cellId(date, parties);
    let cell = moneyCells.get(id);
    if (cell === undefined) {
      cell = { month: monthOf(date), parties, paymentCents: 0, contractualAdjustmentCents: 0, otherAdjustmentCents: 0 };
      moneyCells.set(id, cell);
    }
    if (kind === PAYMENT) cell.paymentCents += cents;
    else if (kind === CONTRACTUAL) cell.contractualAdjustmentCents += cents;
    else cell.otherAdjustmentCents += cents;
  };

  // Appointments.
  const appointmentCells = new Map<number, AppointmentCell>();
  const appointmentParties: number[] = [];
  const appointmentPartySeen = new Set<number>();
  let appointmentFlags = false;
  let appointmentFlagsCompleted = false;
  let appointmentsKnown = false;
  let cancellations = false;
  let leadTimes = 0;
  let cycleTimes = 0;
  let waitTimes = 0;

  function addCharge(c: ChargeLine): void {
    chargeCount += 1;
    const parties = partiesOf(c, true);
    if (!chargePartySeen.has(parties)) {
      chargePartySeen.add(parties);
      chargeParties.push(parties);
    }
    const id = cellId(c.serviceDate, parties);
    let cell = chargeCells.get(id);
    if (cell === undefined) {
      cell = { month: monthOf(c.serviceDate), parties, chargeCents: 0, chargeLines: 0, chargeLagDays: 0, chargeLagLines: 0, emNew: 0, emEstablished: 0, units: new Map() };
      chargeCells.set(id, cell);
    }
    cell.chargeCents += c.chargeCents;
    cell.chargeLines += 1;
    seeDate(c.serviceDate);
    if (c.postDate !== undefined) {
      seeDate(c.postDate);
      postDates += 1;
      const lag = daysBetween(c.serviceDate, c.postDate);
      if (lag >= 0) {
        cell.chargeLagDays += lag;
        cell.chargeLagLines += 1;
      }
    }
    if (keepUnits) {
      const unitKey = `${c.procedureCode}${SEP}${c.modifiers.join('\u0001')}${SEP}${c.serviceDate.slice(0, 4)}`;
      cell.units.set(unitKey, (cell.units.get(unitKey) ?? 0) + c.units);
    }
    const code = c.procedureCode.trim();
    if (NEW_PATIENT_EM.test(code)) cell.emNew += 1;
    else if (ESTABLISHED_EM.test(code)) cell.emEstablished += 1;

    const n = claims.numberOf(c.claimId);
    claims.chargeCents[n] = (claims.chargeCents[n] as number) + c.chargeCents;
    const serviceDay = dayNumber(c.serviceDate);
    if (claims.parties[n] === -1) {
      claims.parties[n] = parties;
      claims.serviceDay[n] = serviceDay;
      claims.setPatient(n, c.patientKey);
      // Payments read before the claim's first charge line now know where they belong.
      const pending = claims.pending.get(n);
      if (pending !== undefined) {
        claims.pending.delete(n);
        for (let i = 0; i < pending.length; i += 5) addMoney(parties, pending[i + 1] as string, pending[i + 2] as number, pending[i + 3] as number);
      }
    } else if (serviceDay < (claims.serviceDay[n] as number)) claims.serviceDay[n] = serviceDay;
    claims.addEvent(n, c.postDate === undefined ? serviceDay : dayNumber(c.postDate), c.chargeCents);
  }

  function addTransaction(t: Transaction): void {
    const adjustment = t.type === 'adjustment';
    const coded = adjustment && carcOf(t.reasonCode) !== undefined;
    const kindOfAdjustment = adjustment ? classifyAdjustment(t.reasonGroup, t.reasonCode) : undefined;
    if (coded) anyCoded = true;
    // The transaction's own parties are needed only where no charged claim gives them.
    let parties = -1;
    const claimId = t.claimId;
    const n = claimId === undefined ? -1 : claims.numberOf(claimId);
    if (claimId !== undefined && isDenialPosting(t)) denialClaims.add(claimId);
    if (n !== -1) {
      // Initial denials from adjustment reason codes: the first day the payer acted on the claim.
      const insurance = (t.type === 'payment' && t.paymentSource !== 'patient') || (coded && t.reasonGroup?.toUpperCase() !== 'PR');
      if (insurance) {
        const denial = kindOfAdjustment === 'denial';
        const day = dayNumber(t.postDate);
        const first = claims.actionOrder[n] as number;
        if (first === -1 || day < (claims.actionDay[n] as number)) {
          if (first === -1) claims.actionOrder[n] = actionOrder++;
          claims.actionDay[n] = day;
          claims.actionDenied[n] = denial ? 1 : 0;
          claims.actionParties[n] = parties = partiesOf(t, true);
        } else if (day === claims.actionDay[n] && denial) claims.actionDenied[n] = 1;
      }
    }
    if (t.type === 'transfer') return;
    transactionCount += 1;
    seeDate(t.postDate);
    let kind = OTHER;
    if (t.type === 'payment') {
      kind = PAYMENT;
      payments += 1;
    } else if (kindOfAdjustment === 'contractual') {
      kind = CONTRACTUAL;
      contractual += 1;
    }
    const order = sequence++;
    if (n === -1) {
      claimlessTransactions += 1;
      const own = parties === -1 ? partiesOf(t, true) : parties;
      if (!unlinkedFirst.has(own)) unlinkedFirst.set(own, order);
      addMoney(own, t.postDate, kind, t.amountCents);
      return;
    }
    claims.addEvent(n, dayNumber(t.postDate), -t.amountCents);
    const claimParties = claims.parties[n] as number;
    if (claimParties !== -1) addMoney(claimParties, t.postDate, kind, t.amountCents);
    else {
      let pending = claims.pending.get(n);
      if (pending === undefined) claims.pending.set(n, (pending = []));
      pending.push(parties === -1 ? partiesOf(t, true) : parties, t.postDate, kind, t.amountCents, order);
    }
  }

  function addAppointment(a: Appointment): void {
    const parties = partiesOf(a, false);
    if (!appointmentPartySeen.has(parties)) {
      appointmentPartySeen.add(parties);
      appointmentParties.push(parties);
    }
    const day = a.scheduledFor.slice(0, 10);
    const id = cellId(day, parties);
    let cell = appointmentCells.get(id);
    if (cell === undefined) {
      cell = { month: monthOf(day), parties, m: emptyMeasures(), flagged: 0, flaggedNew: 0 };
      appointmentCells.set(id, cell);
    }
    const m = cell.m;
    m.appointments += 1;
    if (a.status === 'completed') m.completed += 1;
    else if (a.status === 'no_show') m.noShows += 1;
    else if (a.status === 'cancelled') m.cancelled += 1;
    else if (a.status === 'late_cancel') m.lateCancels += 1;
    if (a.status !== 'unknown' && a.status !== 'scheduled') appointmentsKnown = true;
    if (a.status === 'cancelled' || a.status === 'late_cancel') cancellations = true;
    if (a.status === 'completed' || a.status === 'no_show') seeDate(day);
    if (a.bookedAt !== undefined) {
      const lead = daysBetween(a.bookedAt.slice(0, 10), day);
      if (lead >= 0) {
        m.leadDays += lead;
        m.leadAppointments += 1;
        leadTimes += 1;
      }
    }
    if (a.arrivedAt !== undefined && a.checkedOutAt !== undefined) {
      const seconds = secondsBetween(a.arrivedAt, a.checkedOutAt);
      if (seconds >= 0) {
        m.cycleMinutes += seconds;
        m.cycleVisits += 1;
        cycleTimes += 1;
      }
    }
    const roomed = a.roomedAt ?? a.seenAt;
    if (a.arrivedAt !== undefined && roomed !== undefined) {
      const seconds = secondsBetween(a.arrivedAt, roomed);
      if (seconds >= 0) {
        m.waitMinutes += seconds;
        m.waitVisits += 1;
        waitTimes += 1;
      }
    }
    if (a.newPatient !== undefined) {
      appointmentFlags = true;
      if (a.status === 'completed') {
        appointmentFlagsCompleted = true;
        cell.flagged += 1;
        if (a.newPatient) cell.flaggedNew += 1;
      }
    }
  }

  let lastFile: string | undefined;
  let lastIndex = -1;
  let lastType: string | undefined;
  let lastKeys: KeyIndex | undefined;
  function add(record: CanonicalRecord, file: string): void {
    let index = lastIndex;
    if (file !== lastFile) {
      let known = fileIndex.get(file);
      if (known === undefined) {
        known = files.length;
        files.push(file);
        fileIndex.set(file, known);
      }
      lastFile = file;
      lastIndex = index = known;
    }
    if (record.type !== lastType) {
      lastType = record.type;
      lastKeys = seen.get(record.type);
      if (lastKeys === undefined) {
        lastKeys = new KeyIndex();
        seen.set(record.type, lastKeys);
      }
    }
    if ((lastKeys as KeyIndex).addIfAbsent(record.key, index) !== -1) {
      const d = duplicates.get(index);
      if (d === undefined) duplicates.set(index, { count: 1, first: record });
      else d.count += 1;
      return;
    }
    routeRecord(record, sink, kept);
  }

  // Charges, transactions and appointments are summed as they arrive; the other kinds are kept.
  const sink: RecordSink = {
    charge: addCharge,
    transaction: addTransaction,
    appointment: addAppointment,
    voided: () => {
      voided += 1;
    },
  };

  function addDataset(d: Dataset): void {
    // A whole dataset says up front whether it has RVU records: without them no charge's units are needed.
    keepUnits = (d.other.get(RVU_RECORD_TYPE)?.length ?? 0) > 0;
    for (const r of d.charges) routeRecord(r, sink, kept);
    keepUnits = true;
    for (const r of d.transactions) routeRecord(r, sink, kept);
    for (const r of d.appointments) routeRecord(r, sink, kept);
    // Copied: finish resolves the encounters' names in place, and the caller's dataset stays as it was.
    for (const r of d.encounters) encounters.push({ ...r });
    for (const r of d.remitClaims) remitClaims.push(r);
    for (const r of d.remitLines) remitLines.push(r);
    for (const r of d.providerAdjustments) kept.providerAdjustments.push(r);
    for (const [id, r] of d.providers) providers.set(id, r);
    for (const [id, r] of d.payers) payers.set(id, r);
    for (const [id, r] of d.locations) locations.set(id, r);
    for (const [id, r] of d.procedures) procedures.set(id, r);
    for (const [type, list] of d.other) kept.other.set(type, [...list]);
  }

  function addResult(result: ImportResult): void {
    for (const r of result.records) add(r, result.file);
    issues.push(...result.issues);
    sources.push({
      file: result.file,
      format: result.format,
      profile: result.profile,
      rowsRead: result.rowsRead,
      recordsImported: result.recordsImported,
      rowsRejected: result.rowsRejected,
    });
    const index = fileIndex.get(result.file);
    const d = index === undefined ? undefined : duplicates.get(index);
    if (d !== undefined && index !== undefined) {
      duplicates.delete(index);
      const firstFile = files[seen.get(d.first.type)?.get(d.first.key) ?? -1];
      issues.push(duplicateAcrossFiles(d.count, d.first, firstFile, result.file));
    }
  }

  function finish(options: AggregateOptions = {}): StreamedAggregation {
    // No record comes after this: the natural keys (tens of bytes per record read) can go before the tables are built.
    seen.clear();
    lastKeys = undefined;
    lastType = undefined;
    // Names as assembleDataset resolves them, once per distinct set of party fields.
    payerFromEncounter(partyList, encounters);
    resolveNames(partyList, providers, payers, locations, procedures);
    resolveNames(encounters, providers, payers, locations, procedures);
    const dataset: Dataset = { charges: [], transactions: [], appointments: [], ...kept, voided: [], sources, issues };
    const providerMembers = new Members('P');
    const locationMembers = new Members('L');
    const payerMembers = new Members('Y');
    const payerClasses = new Map<string, PayerClass>();
    const who = (r: Parameters<typeof whoOf>[0]) => whoOf(r, providerMembers, locationMembers, payerMembers, payerClasses);
    const cells = new Map<number, { month: MonthKey; who: Who; m: FactMeasures }>();
    // Cells by number (members × 8192 + month): Who objects are numbered by their members once.
    const whoNumbers = new Map<Who, number>();
    const memberNumbers = new Map<string, number>();
    const cell = (month: MonthKey, w: Who): FactMeasures => {
      let n = whoNumbers.get(w);
      if (n === undefined) {
        const members = `${w.provider}${SEP}${w.location}${SEP}${w.payerClass}${SEP}${w.payer}`;
        n = memberNumbers.get(members);
        if (n === undefined) {
          n = memberNumbers.size;
          memberNumbers.set(members, n);
        }
        whoNumbers.set(w, n);
      }
      const id = cellId(month, n);
      let c = cells.get(id);
      if (c === undefined) {
        c = { month, who: w, m: emptyMeasures() };
        cells.set(id, c);
      }
      return c.m;
    };

    // Charges (members are registered in the order the records were, so the first name seen wins as in the batch).
    const whoOfParties: (Who | undefined)[] = new Array<Who | undefined>(partyList.length);
    for (const p of chargeParties) whoOfParties[p] = who(partyList[p] as Parties);
    const rvu = workRvuLookup(dataset);
    const useEmCodes = !encounters.some((e) => e.newPatient !== undefined) && !appointmentFlags;
    let emSeen = false;
    for (const c of chargeCells.values()) {
      const m = cell(c.month, whoOfParties[c.parties] as Who);
      m.chargeCents += c.chargeCents;
      m.chargeLines += c.chargeLines;
      m.chargeLagDays += c.chargeLagDays;
      m.chargeLagLines += c.chargeLagLines;
      if (rvu !== undefined)
        for (const [key, units] of c.units) {
          const [code, modifiers, year] = key.split(SEP) as [string, string, string];
          const work = rvu(code, modifiers === '' ? [] : modifiers.split('\u0001'), `${year}-01-01`);
          if (work !== undefined) m.workRvus += Math.round(work * units * 100);
        }
      if (useEmCodes && c.emNew + c.emEstablished > 0) {
        m.newPatientVisits += c.emNew;
        m.visitsWithNewFlag += c.emNew + c.emEstablished;
        emSeen = true;
      }
    }
    // Claims whose payments arrived but no charge line ever did: their money is reported under its own parties.
    let unmatchedTransactions = claimlessTransactions;
    let chargedClaims = 0;
    for (let n = 0; n < claims.size; n++) if (claims.charged(n)) chargedClaims += 1;
    for (const pending of claims.pending.values()) {
      for (let i = 0; i < pending.length; i += 5) {
        const parties = pending[i] as number;
        const order = pending[i + 4] as number;
        const firstOrder = unlinkedFirst.get(parties);
        if (firstOrder === undefined || order < firstOrder) unlinkedFirst.set(parties, order);
        addMoney(parties, pending[i + 1] as string, pending[i + 2] as number, pending[i + 3] as number);
        unmatchedTransactions += 1;
      }
    }
    const linkedTransactions = transactionCount - unmatchedTransactions;
    for (const [p] of [...unlinkedFirst.entries()].sort((a, b) => a[1] - b[1])) whoOfParties[p] ??= who(partyList[p] as Parties);
    for (const mc of moneyCells.values()) {
      const m = cell(mc.month, whoOfParties[mc.parties] as Who);
      m.paymentCents += mc.paymentCents;
      m.contractualAdjustmentCents += mc.contractualAdjustmentCents;
      m.otherAdjustmentCents += mc.otherAdjustmentCents;
    }

    /** The claim's number when it has charge lines, else -1. */
    const chargedClaim = (id: string | undefined): number => {
      const n = claims.find(id);
      return claims.charged(n) ? n : -1;
    };
    const whoOfClaim = (n: number) => whoOfParties[claims.parties[n] as number] as Who;

    // Remittances stand in for payments only when no payment rows were imported.
    let remitPayments = false;
    if (payments === 0 && remitClaims.length > 0) {
      remitPayments = true;
      // A claim's or line's CAS adjustments; patient responsibility (PR) stays in A/R, billed to the patient.
      const adjust = (m: FactMeasures, claim: number, date: CalendarDate, adjustments: RemitClaim['adjustments']) => {
        for (const a of adjustments) {
          if (a.group.toUpperCase() === 'PR') continue;
          if (classifyAdjustment(a.group, a.reason) === 'contractual') {
            m.contractualAdjustmentCents += a.amountCents;
            contractual += 1;
          } else m.otherAdjustmentCents += a.amountCents;
          if (claim !== -1) claims.addEvent(claim, dayNumber(date), -a.amountCents);
        }
      };
      for (const rc of remitClaims) {
        if (rc.paymentDate === undefined) continue;
        seeDate(rc.paymentDate);
        const claim = chargedClaim(rc.claimId);
        const w = claim !== -1 ? whoOfClaim(claim) : who({ payerId: rc.payerId, payerName: rc.payerName, payerClass: rc.payerClass });
        const m = cell(monthOf(rc.paymentDate), w);
        m.paymentCents += rc.paidCents;
        if (claim !== -1) claims.addEvent(claim, dayNumber(rc.paymentDate), -rc.paidCents);
        adjust(m, claim, rc.paymentDate, rc.adjustments);
      }
      for (const line of remitLines) {
        if (line.paymentDate === undefined) continue;
        const claim = chargedClaim(line.claimId);
        const w = claim !== -1 ? whoOfClaim(claim) : who({ payerId: line.payerId, payerName: line.payerName, payerClass: line.payerClass });
        adjust(cell(monthOf(line.paymentDate), w), claim, line.paymentDate, line.adjustments);
      }
    }

    // Encounters (visits).
    let visits: Iterable<Visit> = [];
    let patientKeys = false;
    const encounterSource = encounterSourceOf(encounters.length, chargedClaims);
    let encounterNewFlags = false;
    if (encounterSource === 'encounters') {
      const list: Visit[] = [];
      visits = list;
      for (const e of encounters) {
        const w = who(e);
        const m = cell(monthOf(e.date), w);
        m.encounters += 1;
        seeDate(e.date);
        if (e.newPatient !== undefined) {
          encounterNewFlags = true;
          m.visitsWithNewFlag += 1;
          if (e.newPatient) m.newPatientVisits += 1;
        }
        list.push({ date: e.date, who: w, patientKey: e.patientKey });
        if (e.patientKey !== undefined) patientKeys = true;
      }
    } else if (encounterSource === 'claims') {
      for (let n = 0; n < claims.size; n++) {
        if (!claims.charged(n)) continue;
        cell(monthOf(fromDayNumber(claims.serviceDay[n] as number)), whoOfClaim(n)).encounters += 1;
        if (claims.patientOf(n) !== undefined) patientKeys = true;
      }
      // Read once more by the distinct counts, one claim at a time, rather than held as a list.
      visits = {
        *[Symbol.iterator]() {
          for (let n = 0; n < claims.size; n++)
            if (claims.charged(n)) yield { date: fromDayNumber(claims.serviceDay[n] as number), who: whoOfClaim(n), patientKey: claims.patientOf(n) };
        },
      };
    }

    // Appointments.
    for (const p of appointmentParties) whoOfParties[p] = who(partyList[p] as Parties);
    // Appointments' new/established flags count only when no encounter records were imported.
    const appointmentNewFlags = encounterSource !== 'encounters';
    for (const a of appointmentCells.values()) {
      const m = cell(a.month, whoOfParties[a.parties] as Who);
      for (const k of Object.keys(a.m) as (keyof FactMeasures)[]) m[k] += a.m[k];
      if (appointmentNewFlags) {
        m.visitsWithNewFlag += a.flagged;
        m.newPatientVisits += a.flaggedNew;
      }
    }

    // Denials: first adjudication of each claim (remittances, or adjustment reason codes).
    let denialSource: Availability['denials'] = 'none';
    let denialsNote: string | undefined;
    const adjudicated = (w: Who, date: CalendarDate, chargeCents: number, denied: boolean) => {
      const m = cell(monthOf(date), w);
      m.claimsAdjudicated += 1;
      m.adjudicatedCents += chargeCents;
      if (denied) {
        m.denials += 1;
        m.deniedCents += chargeCents;
      }
    };
    if (remitClaims.length > 0) {
      const denials = initialDenialsFromRemittances(dataset);
      denialSource = denials.source;
      for (const d of denials.claims) {
        const claim = chargedClaim(d.claimId);
        adjudicated(claim !== -1 ? whoOfClaim(claim) : who(d.parties), d.date, d.chargeCents, d.denied);
      }
      denialsNote = denials.note;
    } else if (anyCoded) {
      // The claims the payer acted on, in the order of their first action.
      const acted: number[] = [];
      for (let n = 0; n < claims.size; n++) if (claims.actionOrder[n] !== -1) acted.push(n);
      acted.sort((a, b) => (claims.actionOrder[a] as number) - (claims.actionOrder[b] as number));
      for (const n of acted) {
        const p = partyList[claims.actionParties[n] as number] as Parties;
        const w = claims.charged(n) ? whoOfClaim(n) : who({ payerId: p.payerId, payerName: p.payerName, payerClass: p.payerClass });
        adjudicated(w, fromDayNumber(claims.actionDay[n] as number), claims.chargeCents[n] as number, claims.actionDenied[n] === 1);
      }
      denialSource = 'adjustment-reason-codes';
      denialsNote = adjustmentCodeDenialsNote;
    }

    const providersKeyed = providerMembers.finish();
    const locationsKeyed = locationMembers.finish();
    const payersKeyed = payerMembers.finish();
    const keyed = (w: Who) => ({
      providerKey: providerMembers.keyOf(w.provider),
      locationKey: locationMembers.keyOf(w.location),
      payerClass: w.payerClass,
      payerKey: payerMembers.keyOf(w.payer),
    });
    const facts: FactRow[] = [...cells.values()].map((c) => ({ month: c.month, ...keyed(c.who), measures: inUnits(c.m) })).sort(compareFactRows);
    const { months, asOfDate, lastClosedMonth } = periodOf(facts, latest, options.reportMonth);
    const hasPayments = facts.some((f) => f.measures.paymentCents !== 0);
    const { availability, notes } = readingOf({
      chargeLines: chargeCount,
      chargePostDates: postDates,
      chargedClaims,
      contractualAdjustments: contractual,
      unmatchedTransactions,
      linkedTransactions,
      remitPayments,
      hasPayments,
      encounterRecords: encounters.length,
      encounterNewFlags,
      completedAppointmentNewFlags: appointmentFlagsCompleted,
      emCodesCounted: emSeen,
      visitsWithPatient: patientKeys,
      appointmentOutcomes: appointmentsKnown,
      cancellations,
      leadTimes,
      cycleTimes,
      waitTimes,
      denials: denialSource,
      denialsNote,
      workRvus: rvu !== undefined,
    });
    // The claims' ledgers, one claim at a time (one ledger object, refilled) as A/R aging reads them.
    function* ledgers(): Generator<ClaimLedger> {
      const ledger = { who: undefined as unknown as Who, serviceDay: 0, days: [] as number[], cents: [] as number[] };
      for (let n = 0; n < claims.size; n++) {
        if (!claims.charged(n)) continue;
        ledger.who = whoOfClaim(n);
        ledger.serviceDay = claims.serviceDay[n] as number;
        claims.eventsOf(n, ledger.days, ledger.cents);
        yield ledger;
      }
    }
    const aging = availability.arAging ? buildAging(ledgers(), months, keyed) : [];
    const distinct = buildDistinct(visits, months, keyed);
    const aggregates: Aggregates = {
      facts,
      aging,
      distinct,
      providers: providersKeyed,
      locations: locationsKeyed,
      payers: payersKeyed.map((m) => ({ ...m, payerClass: payerClasses.get(payerMembers.identityOf(m.key)) ?? 'unknown' })),
      months,
      asOfDate,
      lastClosedMonth,
      availability,
      notes,
    };
    return { dataset, aggregates, voidedRecords: voided, claimsWithDenialPostings: denialClaims };
  }

  return {
    add,
    addDataset,
    addResult,
    sink: (file) => (batch) => {
      for (let i = 0; i < batch.length; i++) add(batch[i] as CanonicalRecord, file);
    },
    finish,
  };
}

type PartyTrie = Map<string | undefined, PartyTrie | number>;

function step(node: PartyTrie, key: string | undefined): PartyTrie {
  let next = node.get(key) as PartyTrie | undefined;
  if (next === undefined) {
    next = new Map();
    node.set(key, next);
  }
  return next;
}

/**
 * The cell of a date's month and a set of parties, as one number (parties × 8192 + months since
 * 1800-01): cheaper to build and look up than a string key, for every charge, payment and visit.
 * Dates are calendar dates from 1800 to 2200 (core/period).
 */
function cellId(date: CalendarDate | MonthKey, parties: number): number {
  const year = date.charCodeAt(0) * 1000 + date.charCodeAt(1) * 100 + date.charCodeAt(2) * 10 + date.charCodeAt(3) - 48 * 1111;
  const month = date.charCodeAt(5) * 10 + date.charCodeAt(6) - 48 * 11;
  return parties * 8192 + (year - 1800) * 12 + month - 1;
}

/**
 * A cell's measures in their units. Cycle and wait times were summed in whole seconds and work RVUs
 * in hundredths (each code's RVU × units rounded to 0.01, which CMS RVUs with whole units already
 * are), integers whose sums do not depend on the order they were added in: the DuckDB engine
 * (cli/engine/duckdb.ts) sums the same integers and gets the same numbers.
 */
function inUnits(m: FactMeasures): FactMeasures {
  m.cycleMinutes /= 60;
  m.waitMinutes /= 60;
  m.workRvus /= 100;
  return m;
}

/** Facts rows in order of month, provider, location, payer class and payer key. */
export function compareFactRows(a: FactKey, b: FactKey): number {
  const ka = `${a.month}${SEP}${a.providerKey}${SEP}${a.locationKey}${SEP}${a.payerClass}${SEP}${a.payerKey}`;
  const kb = `${b.month}${SEP}${b.providerKey}${SEP}${b.locationKey}${SEP}${b.payerClass}${SEP}${b.payerKey}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Keeps the charge and transaction records of some claims (a second pass over the files), as
 * assembleDataset would hold them: first of each natural key, voided ones left out, names resolved.
 */
export function createDenialKeeper(claims: ReadonlySet<string>) {
  const charges: ChargeLine[] = [];
  const transactions: Transaction[] = [];
  const seen = new Set<string>();
  const add = (r: CanonicalRecord) => {
    if (r.type !== 'charge' && r.type !== 'payment' && r.type !== 'adjustment' && r.type !== 'transfer') return;
    if (r.claimId === undefined || !claims.has(r.claimId)) return;
    const identity = `${r.type}${SEP}${r.key}`;
    if (seen.has(identity)) return;
    seen.add(identity);
    if (r.voidDate !== undefined) return;
    if (r.type === 'charge') charges.push(r);
    else transactions.push(r);
  };
  return {
    sink: (batch: readonly CanonicalRecord[]) => {
      for (let i = 0; i < batch.length; i++) add(batch[i] as CanonicalRecord);
    },
    /** The dataset with those claims' charges and transactions. */
    into(dataset: Dataset): Dataset {
      payerFromEncounter(charges, dataset.encounters);
      payerFromEncounter(transactions, dataset.encounters);
      resolveNames(charges, dataset.providers, dataset.payers, dataset.locations, dataset.procedures);
      resolveNames(transactions, dataset.providers, dataset.payers, dataset.locations, dataset.procedures);
      return { ...dataset, charges, transactions };
    },
  };
}
