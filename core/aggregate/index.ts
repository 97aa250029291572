/**
 * Dataset → the fact tables of the KPI workbook (Facts, Aging, Distinct), in one pass over each
 * record list with Maps keyed by joined strings. The group-by definitions are in definitions.ts.
 */
import type { Dataset } from '../dataset';
import type { Appointment, ChargeLine, PayerClass, Transaction } from '../model';
import { addMonths, daysBetween, endOfMonth, minutesBetween, monthOf, monthsBetween, type CalendarDate, type MonthKey } from '../period';
import { buildAging, type ClaimLedger } from './aging';
import { emptyMeasures } from './definitions';
import { initialDenials } from './denials';
import { buildDistinct, type Visit } from './distinct';
import { Members, whoOf, type Who } from './members';
import { classifyAdjustment } from './reason-codes';
import { workRvuLookup } from './rvu';
import type { Aggregates, Availability, FactMeasures, FactRow } from './types';

export * from './types';
export { agingBuckets } from './types';

export interface AggregateOptions {
  /** The month the workbook reports on; by default the last month complete in the data. */
  readonly reportMonth?: MonthKey | undefined;
}

const SEP = '\u0000';

/** E/M codes that say new vs established patient, for datasets without a new-patient flag. */
const NEW_PATIENT_EM = /^(9920[1-5]|9938[1-7])$/;
const ESTABLISHED_EM = /^(9921[1-5]|9939[1-7])$/;

/**
 * Aggregates a dataset to the workbook grain. Pure: the same dataset gives the same tables.
 */
export function aggregate(dataset: Dataset, options: AggregateOptions = {}): Aggregates {
  const providers = new Members('P');
  const locations = new Members('L');
  const payers = new Members('Y');
  const payerClasses = new Map<string, PayerClass>();
  const who = (r: Parameters<typeof whoOf>[0]) => whoOf(r, providers, locations, payers, payerClasses);
  const notes: string[] = [];

  const cells = new Map<string, { month: MonthKey; who: Who; m: FactMeasures }>();
  const cell = (month: MonthKey, w: Who): FactMeasures => {
    const id = `${month}${SEP}${w.provider}${SEP}${w.location}${SEP}${w.payerClass}${SEP}${w.payer}`;
    let c = cells.get(id);
    if (c === undefined) {
      c = { month, who: w, m: emptyMeasures() };
      cells.set(id, c);
    }
    return c.m;
  };
  let latest: CalendarDate | null = null;
  const seeDate = (d: CalendarDate | undefined) => {
    if (d !== undefined && (latest === null || d > latest)) latest = d;
  };

  // Charges: service-date basis. The claim's parties are remembered so payments on it land with it.
  const rvu = workRvuLookup(dataset);
  const claims = new Map<string, ClaimLedger>();
  const useEmCodes = !dataset.encounters.some((e) => e.newPatient !== undefined) && !dataset.appointments.some((a) => a.newPatient !== undefined);
  let emSeen = false;
  let postDates = 0;
  let voided = 0;
  for (const c of dataset.charges) {
    // A voided line (Epic VOID_DATE) was reversed in the source system: it is neither a charge nor A/R.
    if (c.voidDate !== undefined) {
      voided += 1;
      continue;
    }
    const w = who(c);
    const m = cell(monthOf(c.serviceDate), w);
    m.chargeCents += c.chargeCents;
    m.chargeLines += 1;
    seeDate(c.serviceDate);
    if (c.postDate !== undefined) {
      seeDate(c.postDate);
      postDates += 1;
      const lag = daysBetween(c.serviceDate, c.postDate);
      if (lag >= 0) {
        m.chargeLagDays += lag;
        m.chargeLagLines += 1;
      }
    }
    if (rvu !== undefined) {
      const work = rvu(c.procedureCode, c.modifiers, c.serviceDate);
      if (work !== undefined) m.workRvus += work * c.units;
    }
    if (useEmCodes) {
      const code = c.procedureCode.trim();
      if (NEW_PATIENT_EM.test(code)) {
        m.newPatientVisits += 1;
        m.visitsWithNewFlag += 1;
        emSeen = true;
      } else if (ESTABLISHED_EM.test(code)) {
        m.visitsWithNewFlag += 1;
        emSeen = true;
      }
    }
    ledgerOf(claims, c, w).events.push({ date: c.postDate ?? c.serviceDate, cents: c.chargeCents });
  }

  // Payments and adjustments: post-date basis, under the claim's provider/location/payer when the claim is known.
  let payments = 0;
  let contractual = 0;
  let unmatchedTransactions = 0;
  let linkedTransactions = 0;
  for (const t of dataset.transactions) {
    if (t.type === 'transfer') continue;
    if (t.voidDate !== undefined) {
      voided += 1;
      continue;
    }
    seeDate(t.postDate);
    const ledger = t.claimId !== undefined ? claims.get(t.claimId) : undefined;
    if (ledger === undefined) unmatchedTransactions += 1;
    else linkedTransactions += 1;
    const w = ledger?.who ?? who(t);
    const m = cell(monthOf(t.postDate), w);
    if (t.type === 'payment') {
      m.paymentCents += t.amountCents;
      payments += 1;
    } else if (adjustmentKind(t) === 'contractual') {
      m.contractualAdjustmentCents += t.amountCents;
      contractual += 1;
    } else {
      m.otherAdjustmentCents += t.amountCents;
    }
    ledger?.events.push({ date: t.postDate, cents: -t.amountCents });
  }
  if (voided > 0) notes.push(`${voided} voided charge or transaction row(s) were left out.`);
  if (unmatchedTransactions > 0)
    notes.push(`${unmatchedTransactions} payment/adjustment row(s) name no claim that has charges; they count in collections but not in A/R aging.`);

  // Remittances stand in for payments only when no payment rows were imported (never both: that would count money twice).
  let remitPayments = false;
  if (payments === 0 && dataset.remitClaims.length > 0) {
    remitPayments = true;
    for (const rc of dataset.remitClaims) {
      if (rc.paymentDate === undefined) continue;
      seeDate(rc.paymentDate);
      const ledger = claims.get(rc.claimId);
      const w = ledger?.who ?? who({ payerId: rc.payerId, payerName: rc.payerName, payerClass: rc.payerClass });
      const m = cell(monthOf(rc.paymentDate), w);
      m.paymentCents += rc.paidCents;
      ledger?.events.push({ date: rc.paymentDate, cents: -rc.paidCents });
      for (const a of rc.adjustments) {
        if (a.group.toUpperCase() === 'PR') continue; // patient responsibility stays in A/R, billed to the patient
        const kind = classifyAdjustment(a.group, a.reason);
        if (kind === 'contractual') {
          m.contractualAdjustmentCents += a.amountCents;
          contractual += 1;
        } else m.otherAdjustmentCents += a.amountCents;
        ledger?.events.push({ date: rc.paymentDate, cents: -a.amountCents });
      }
    }
    for (const line of dataset.remitLines) {
      if (line.paymentDate === undefined) continue;
      const ledger = claims.get(line.claimId);
      const w = ledger?.who ?? who({ payerId: line.payerId, payerName: line.payerName, payerClass: line.payerClass });
      const m = cell(monthOf(line.paymentDate), w);
      for (const a of line.adjustments) {
        if (a.group.toUpperCase() === 'PR') continue;
        if (classifyAdjustment(a.group, a.reason) === 'contractual') {
          m.contractualAdjustmentCents += a.amountCents;
          contractual += 1;
        } else m.otherAdjustmentCents += a.amountCents;
        ledger?.events.push({ date: line.paymentDate, cents: -a.amountCents });
      }
    }
    notes.push('No payment rows were imported, so payments and adjustments are read from the remittances (835 / EOB), by payment date.');
  }

  // Encounters (visits): encounter records; without them, one visit per claim on its first date of service.
  const visits: Visit[] = [];
  let encounterSource: Availability['encounterSource'] = 'none';
  let newFlag: Availability['newPatientFlag'] = 'none';
  if (dataset.encounters.length > 0) {
    encounterSource = 'encounters';
    for (const e of dataset.encounters) {
      const w = who(e);
      const m = cell(monthOf(e.date), w);
      m.encounters += 1;
      seeDate(e.date);
      if (e.newPatient !== undefined) {
        newFlag = 'encounters';
        m.visitsWithNewFlag += 1;
        if (e.newPatient) m.newPatientVisits += 1;
      }
      visits.push({ date: e.date, who: w, patientKey: e.patientKey });
    }
  } else if (claims.size > 0) {
    encounterSource = 'claims';
    for (const ledger of claims.values()) {
      cell(monthOf(ledger.serviceDate), ledger.who).encounters += 1;
      visits.push({ date: ledger.serviceDate, who: ledger.who, patientKey: ledger.patientKey });
    }
    notes.push('No encounter file was imported, so each claim counts as one encounter on its first date of service.');
  }

  // Appointments: appointment-date basis.
  let leadTimes = 0;
  let cycleTimes = 0;
  let waitTimes = 0;
  for (const a of dataset.appointments) {
    const w = who(a);
    const day = a.scheduledFor.slice(0, 10);
    const m = cell(monthOf(day), w);
    m.appointments += 1;
    countStatus(m, a);
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
      const minutes = minutesBetween(a.arrivedAt, a.checkedOutAt);
      if (minutes >= 0) {
        m.cycleMinutes += minutes;
        m.cycleVisits += 1;
        cycleTimes += 1;
      }
    }
    const roomed = a.roomedAt ?? a.seenAt;
    if (a.arrivedAt !== undefined && roomed !== undefined) {
      const minutes = minutesBetween(a.arrivedAt, roomed);
      if (minutes >= 0) {
        m.waitMinutes += minutes;
        m.waitVisits += 1;
        waitTimes += 1;
      }
    }
    if (newFlag === 'none' && encounterSource !== 'encounters' && a.newPatient !== undefined && a.status === 'completed') {
      m.visitsWithNewFlag += 1;
      if (a.newPatient) m.newPatientVisits += 1;
    }
  }
  if (newFlag === 'none' && dataset.appointments.some((a) => a.newPatient !== undefined && a.status === 'completed') && encounterSource !== 'encounters')
    newFlag = 'appointments';
  if (newFlag === 'none' && emSeen) {
    newFlag = 'procedure-codes';
    notes.push('New-patient ratio is read from E/M codes on charge lines (99202–99205, 99381–99387 new; 99211–99215, 99391–99397 established).');
  }

  // Denials: first adjudication of each claim.
  const denials = initialDenials(dataset);
  for (const d of denials.claims) {
    const ledger = claims.get(d.claimId);
    const w = ledger?.who ?? who(d.parties);
    const m = cell(monthOf(d.date), w);
    m.claimsAdjudicated += 1;
    m.adjudicatedCents += d.chargeCents;
    if (d.denied) {
      m.denials += 1;
      m.deniedCents += d.chargeCents;
    }
  }
  if (denials.note !== undefined) notes.push(denials.note);

  // Keys are assigned now that every name has been seen.
  const providerMembers = providers.finish();
  const locationMembers = locations.finish();
  const payerMembers = payers.finish();
  const keyed = (w: Who) => ({
    providerKey: providers.keyOf(w.provider),
    locationKey: locations.keyOf(w.location),
    payerClass: w.payerClass,
    payerKey: payers.keyOf(w.payer),
  });

  const facts: FactRow[] = [...cells.values()]
    .map((c) => ({ month: c.month, ...keyed(c.who), measures: c.m }))
    .sort(compareFactRows);
  const factMonths = facts.map((f) => f.month);
  const first = factMonths.reduce<MonthKey | null>((a, b) => (a === null || b < a ? b : a), null);
  const last = factMonths.reduce<MonthKey | null>((a, b) => (a === null || b > a ? b : a), null);
  const months = first !== null && last !== null ? monthsBetween(first, last) : [];

  const asOfDate: CalendarDate | null = latest;
  let lastClosedMonth: MonthKey | null = options.reportMonth ?? null;
  if (lastClosedMonth === null && asOfDate !== null) {
    const month = monthOf(asOfDate);
    lastClosedMonth = endOfMonth(month) === asOfDate ? month : addMonths(month, -1);
    if (first !== null && lastClosedMonth < first) lastClosedMonth = month;
  }

  const hasPayments = facts.some((f) => f.measures.paymentCents !== 0);
  // Open A/R needs payments and adjustments posted to the claims they pay: with most of them unlinked, every claim would look unpaid.
  const arAging = claims.size > 0 && hasPayments && (remitPayments || linkedTransactions >= unmatchedTransactions);
  if (claims.size > 0 && hasPayments && !arAging)
    notes.push('A/R aging is not derived: most payments and adjustments do not name the claim they pay, so open balances per claim cannot be known.');
  const aging = arAging ? buildAging(claims, months, (w) => keyed(w)) : [];
  const distinct = buildDistinct(visits, months, (w) => keyed(w));

  const availability: Availability = {
    charges: dataset.charges.length > 0,
    chargePostDates: postDates > 0,
    payments: hasPayments,
    contractualAdjustments: contractual > 0,
    encounters: encounterSource !== 'none',
    encounterSource,
    newPatientFlag: newFlag,
    patients: visits.some((v) => v.patientKey !== undefined),
    appointments: dataset.appointments.some((a) => a.status !== 'unknown' && a.status !== 'scheduled'),
    cancellations: dataset.appointments.some((a) => a.status === 'cancelled' || a.status === 'late_cancel'),
    leadTimes: leadTimes > 0,
    cycleTimes: cycleTimes > 0,
    waitTimes: waitTimes > 0,
    denials: denials.source,
    workRvus: rvu !== undefined,
    arAging,
  };
  if (remitPayments) notes.push('A/R balances subtract remittance payments and non-patient adjustments.');

  return {
    facts,
    aging,
    distinct,
    providers: providerMembers,
    locations: locationMembers,
    payers: payerMembers.map((m) => ({ ...m, payerClass: payerClasses.get(payers.identityOf(m.key)) ?? 'unknown' })),
    months,
    asOfDate,
    lastClosedMonth,
    availability,
    notes,
  };
}

function ledgerOf(claims: Map<string, ClaimLedger>, c: ChargeLine, w: Who): ClaimLedger {
  let ledger = claims.get(c.claimId);
  if (ledger === undefined) {
    ledger = { who: w, serviceDate: c.serviceDate, patientKey: c.patientKey, events: [] };
    claims.set(c.claimId, ledger);
  } else if (c.serviceDate < ledger.serviceDate) ledger.serviceDate = c.serviceDate;
  return ledger;
}

function adjustmentKind(t: Transaction): 'contractual' | 'denial' | 'other' {
  return classifyAdjustment(t.reasonGroup, t.reasonCode);
}

function countStatus(m: FactMeasures, a: Appointment): void {
  switch (a.status) {
    case 'completed':
      m.completed += 1;
      break;
    case 'no_show':
      m.noShows += 1;
      break;
    case 'cancelled':
      m.cancelled += 1;
      break;
    case 'late_cancel':
      m.lateCancels += 1;
      break;
    default:
      break;
  }
}

function compareFactRows(a: FactRow, b: FactRow): number {
  const ka = `${a.month}${SEP}${a.providerKey}${SEP}${a.locationKey}${SEP}${a.payerClass}${SEP}${a.payerKey}`;
  const kb = `${b.month}${SEP}${b.providerKey}${SEP}${b.locationKey}${SEP}${b.payerClass}${SEP}${b.payerKey}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
