/**
 * How the data was read: which KPI inputs it had (Availability) and the About sheet's notes on the
 * rules that followed from that. One function for both engines (stream.ts in JavaScript, the SQL
 * of sql-engine.ts in DuckDB): each counts what it saw, and this decides what the counts mean.
 */
import { addMonths, endOfMonth, monthOf, monthsBetween, type CalendarDate, type MonthKey } from '../period';
import type { Availability } from './types';

/** What one aggregation saw, counted. */
export interface ReadingCounts {
  readonly chargeLines: number;
  readonly chargePostDates: number;
  /** Claims with at least one charge line. */
  readonly chargedClaims: number;
  /** Contractual adjustments: payment/adjustment rows, or remittance CAS adjustments when those stand in for payments. */
  readonly contractualAdjustments: number;
  /** Payment/adjustment rows (transfers aside) that name no claim with charges, and those that do. */
  readonly unmatchedTransactions: number;
  readonly linkedTransactions: number;
  /** No payment rows were imported, so remittances stand in for them. */
  readonly remitPayments: boolean;
  /** Some Facts cell has payments. */
  readonly hasPayments: boolean;
  readonly encounterRecords: number;
  /** Some encounter says new or established. */
  readonly encounterNewFlags: boolean;
  /** Some completed appointment says new or established. */
  readonly completedAppointmentNewFlags: boolean;
  /** New-patient visits were counted from E/M codes on charge lines. */
  readonly emCodesCounted: boolean;
  readonly visitsWithPatient: boolean;
  readonly appointmentOutcomes: boolean;
  readonly cancellations: boolean;
  readonly leadTimes: number;
  readonly cycleTimes: number;
  readonly waitTimes: number;
  readonly denials: Availability['denials'];
  /** The initial-denials rule's note (denials.ts), when a rule was used. */
  readonly denialsNote: string | undefined;
  readonly workRvus: boolean;
}

/** Where encounters come from: encounter records, else each charged claim as one encounter. */
export function encounterSourceOf(encounterRecords: number, chargedClaims: number): Availability['encounterSource'] {
  return encounterRecords > 0 ? 'encounters' : chargedClaims > 0 ? 'claims' : 'none';
}

/** A/R aging needs claims with charges, payments, and payments that mostly name their claim. */
export function arAgingDerivable(c: Pick<ReadingCounts, 'chargedClaims' | 'hasPayments' | 'remitPayments' | 'linkedTransactions' | 'unmatchedTransactions'>): boolean {
  return c.chargedClaims > 0 && c.hasPayments && (c.remitPayments || c.linkedTransactions >= c.unmatchedTransactions);
}

/** Availability and the notes, in the order the About sheet lists them. */
export function readingOf(c: ReadingCounts): { availability: Availability; notes: string[] } {
  const notes: string[] = [];
  const encounterSource = encounterSourceOf(c.encounterRecords, c.chargedClaims);
  const newPatientFlag: Availability['newPatientFlag'] = c.encounterNewFlags
    ? 'encounters'
    : c.completedAppointmentNewFlags && encounterSource !== 'encounters'
      ? 'appointments'
      : c.emCodesCounted
        ? 'procedure-codes'
        : 'none';
  const arAging = arAgingDerivable(c);
  if (c.unmatchedTransactions > 0)
    notes.push(`${c.unmatchedTransactions} payment/adjustment row(s) name no claim that has charges; they count in collections but not in A/R aging.`);
  if (c.remitPayments) notes.push('No payment rows were imported, so payments and adjustments are read from the remittances (835 / EOB), by payment date.');
  if (encounterSource === 'claims') notes.push('No encounter file was imported, so each claim counts as one encounter on its first date of service.');
  if (newPatientFlag === 'procedure-codes')
    notes.push('New-patient ratio is read from E/M codes on charge lines (99202–99205, 99381–99387 new; 99211–99215, 99391–99397 established).');
  if (c.denialsNote !== undefined) notes.push(c.denialsNote);
  if (c.chargedClaims > 0 && c.hasPayments && !arAging)
    notes.push('A/R aging is not derived: most payments and adjustments do not name the claim they pay, so open balances per claim cannot be known.');
  if (c.remitPayments) notes.push('A/R balances subtract remittance payments and non-patient adjustments.');
  const availability: Availability = {
    charges: c.chargeLines > 0,
    chargePostDates: c.chargePostDates > 0,
    payments: c.hasPayments,
    contractualAdjustments: c.contractualAdjustments > 0,
    encounters: encounterSource !== 'none',
    encounterSource,
    newPatientFlag,
    patients: c.visitsWithPatient,
    appointments: c.appointmentOutcomes,
    cancellations: c.cancellations,
    leadTimes: c.leadTimes > 0,
    cycleTimes: c.cycleTimes > 0,
    waitTimes: c.waitTimes > 0,
    denials: c.denials,
    workRvus: c.workRvus,
    arAging,
  };
  return { availability, notes };
}

/**
 * The months the tables cover (every month from the first Facts month to the last), the latest date
 * in the data, and the report month: the one asked for, else the last month complete by that date.
 */
export function periodOf(
  facts: readonly { readonly month: MonthKey }[],
  latest: CalendarDate | null,
  reportMonth: MonthKey | undefined,
): { months: MonthKey[]; asOfDate: CalendarDate | null; lastClosedMonth: MonthKey | null } {
  let first: MonthKey | null = null;
  let last: MonthKey | null = null;
  for (const f of facts) {
    if (first === null || f.month < first) first = f.month;
    if (last === null || f.month > last) last = f.month;
  }
  const months = first !== null && last !== null ? monthsBetween(first, last) : [];
  let lastClosedMonth: MonthKey | null = reportMonth ?? null;
  if (lastClosedMonth === null && latest !== null) {
    const month = monthOf(latest);
    lastClosedMonth = endOfMonth(month) === latest ? month : addMonths(month, -1);
    if (first !== null && lastClosedMonth < first) lastClosedMonth = month;
  }
  return { months, asOfDate: latest, lastClosedMonth };
}

/** The note on voided charge and transaction rows left out of the tables. */
export function voidedNote(voided: number): string {
  return `${voided} voided charge or transaction row(s) were left out.`;
}
