/**
 * The demo practice's simulated history as plain data: what the CSV writer serialises today and
 * what the 835/837P, fee-schedule and general-ledger writers read next. generate.ts fills these
 * structures; the only function here (paymentBatches) regroups them the way an 835 is laid out.
 *
 * Money rule, per adjudicated claim line (the 835 balancing rule):
 *   charge = paid + Σ adjustments (CO, PR, … all groups);  allowed = paid + Σ PR + Σ CO-253.
 * The ledger (transactions) posts: insurance payments; CO adjustments (contractual, sequestration);
 * PR amounts as transfers to the patient; a denial as a zero-amount adjustment with its CARC, later
 * either reprocessed (paid) or written off with the same CARC; patient payments; self-pay discount
 * and bad-debt write-offs with the practice's own codes. Per line, Σ payments + Σ adjustments never
 * exceeds the charge; what is left is open A/R as of the export date.
 */
import type { Cents } from '../../core/money';
import type { PayerClass } from '../../core/model';
import type { CalendarDate, LocalDateTime, MonthKey } from '../../core/period';
import type { AdjustmentGroup, AgeBand, Practice } from './practice';

export interface DemoOptions {
  readonly seed: number;
  /** Months of history ending with `endMonth`. */
  readonly months: number;
  readonly providers: number;
  /** The last closed month: the export is as of its last day. */
  readonly endMonth: MonthKey;
}

export const DEMO_DEFAULTS: DemoOptions = { seed: 20261128, months: 24, providers: 10, endMonth: '2026-10' };

/** How far past the export date booked (future) appointments reach. */
export const FUTURE_DAYS = 60;

export type VisitType =
  | 'New Patient'
  | 'Follow-up'
  | 'Sick Visit'
  | 'Annual Physical'
  | 'Well Child'
  | 'Medicare AWV'
  | 'Nurse Visit'
  | 'Telehealth'
  | 'Procedure';

export type AppointmentStatus = 'scheduled' | 'completed' | 'no_show' | 'cancelled' | 'late_cancel';

export interface DemoPatient {
  /** Practice account number, e.g. "A0012345" (leading zeros are part of it). */
  readonly patientId: string;
  readonly ageBand: AgeBand;
  /** Last digit of the preventive-visit code for the patient's age (1 = under 1 year … 7 = 65+). */
  readonly preventiveAgeDigit: number;
  readonly payerId: string;
  /** Member of a plan whose deductible and coinsurance apply (Medicare Part B: always). */
  readonly hasDeductible: boolean;
  readonly providerId: string;
  readonly chronicConditions: readonly string[];
}

export interface DemoAppointment {
  readonly appointmentId: string;
  readonly patientId: string;
  readonly providerId: string;
  readonly locationId: string;
  readonly visitType: VisitType;
  readonly bookedAt: LocalDateTime;
  readonly scheduledFor: LocalDateTime;
  readonly status: AppointmentStatus;
  readonly cancelledAt?: LocalDateTime | undefined;
  readonly arrivedAt?: LocalDateTime | undefined;
  readonly roomedAt?: LocalDateTime | undefined;
  readonly seenAt?: LocalDateTime | undefined;
  readonly checkedOutAt?: LocalDateTime | undefined;
  readonly newPatient: boolean;
  readonly payerId: string;
  readonly payerClass: PayerClass;
  /** Days from booking to the appointment date. */
  readonly leadDays: number;
  readonly encounterId?: string | undefined;
}

export interface DemoEncounter {
  readonly encounterId: string;
  readonly appointmentId: string;
  readonly date: CalendarDate;
  readonly patientId: string;
  readonly providerId: string;
  readonly locationId: string;
  readonly payerId: string;
  readonly encounterClass: 'ambulatory' | 'virtual';
  readonly visitType: VisitType;
  readonly newPatient: boolean;
  readonly claimId: string;
}

export interface DemoClaimLine {
  readonly lineNumber: number;
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly units: number;
  readonly chargeCents: Cents;
  readonly diagnosisCodes: readonly string[];
}

/** One CAS adjustment: group, reason code and amount (positive reduces payment). */
export interface CasAdjustment {
  readonly group: AdjustmentGroup;
  readonly carc: string;
  readonly amountCents: Cents;
}

export interface LineAdjudication {
  readonly lineNumber: number;
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly units: number;
  readonly chargeCents: Cents;
  /** What the payer allowed (0 when denied): paid + Σ PR + Σ CO-253. */
  readonly allowedCents: Cents;
  readonly paidCents: Cents;
  readonly patientResponsibilityCents: Cents;
  readonly adjustments: readonly CasAdjustment[];
}

/** One remittance of a claim by its payer (an 835 CLP loop). */
export interface Adjudication {
  readonly claimId: string;
  readonly payerId: string;
  /** 1 for the first adjudication, 2 for the reprocessing after a corrected claim or appeal. */
  readonly sequence: number;
  readonly kind: 'original' | 'reprocessed';
  /** X12 CLP02: 1 = processed as primary, 4 = denied. */
  readonly claimStatus: '1' | '4';
  /** The payer's claim control number (CLP07). */
  readonly payerClaimControlNumber: string;
  /** Payment (or remittance) date; the practice posts it the same day. */
  readonly paidOn: CalendarDate;
  /** EFT trace number or check number (TRN02). */
  readonly paymentId: string;
  readonly paymentMethod: 'EFT' | 'check';
  readonly lines: readonly LineAdjudication[];
}

export interface DemoClaim {
  readonly claimId: string;
  readonly encounterId: string;
  readonly patientId: string;
  readonly serviceDate: CalendarDate;
  /** Charge entry date; insured claims are submitted that day. */
  readonly postDate: CalendarDate;
  readonly renderingProviderId: string;
  readonly billingProviderId: string;
  readonly locationId: string;
  readonly placeOfService: string;
  readonly payerId: string;
  /** Claim-level diagnosis codes in pointer order. */
  readonly diagnosisCodes: readonly string[];
  readonly lines: readonly DemoClaimLine[];
  /** Remittances received by the export date, in date order (none for self-pay). */
  readonly adjudications: readonly Adjudication[];
}

export type TransactionType = 'payment' | 'adjustment' | 'transfer';

/** A ledger row as the PM system posts it; amounts in canonical sign (payment in +, write-off +). */
export interface DemoTransaction {
  readonly transactionId: string;
  readonly type: TransactionType;
  readonly claimId: string;
  readonly lineNumber: number;
  readonly postDate: CalendarDate;
  readonly amountCents: Cents;
  readonly paymentSource: 'insurance' | 'patient';
  /** EFT or check for insurance; card, cash or check for patients; empty for adjustments. */
  readonly method: '' | 'EFT' | 'check' | 'card' | 'cash';
  readonly reasonGroup: AdjustmentGroup | '';
  readonly reasonCode: string;
  /** The EFT trace or check number, for insurance payments. */
  readonly paymentId?: string | undefined;
}

/** Truth kept for the denials work: every denied line and what became of it by the export date. */
export interface DenialTruth {
  readonly claimId: string;
  readonly lineNumber: number;
  readonly payerId: string;
  readonly procedureCode: string;
  readonly group: AdjustmentGroup;
  readonly carc: string;
  readonly chargeCents: Cents;
  readonly deniedOn: CalendarDate;
  readonly outcome: 'overturned' | 'written_off' | 'open';
  readonly resolvedOn?: CalendarDate | undefined;
}

/** Truth kept for the contracts work: every line a payer allowed below its contract, and by how much. */
export interface UnderpaymentTruth {
  readonly claimId: string;
  readonly lineNumber: number;
  readonly payerId: string;
  readonly procedureCode: string;
  readonly units: number;
  readonly serviceDate: CalendarDate;
  readonly paidOn: CalendarDate;
  /** The contract's allowed amount (lesser of contract and charge). */
  readonly contractAllowedCents: Cents;
  /** What the payer allowed. */
  readonly allowedCents: Cents;
  /** contractAllowedCents − allowedCents (> 0). */
  readonly shortfallCents: Cents;
}

/** What one simulated day produced. */
export interface DemoDay {
  readonly date: CalendarDate;
  readonly appointments: readonly DemoAppointment[];
  readonly encounters: readonly DemoEncounter[];
  readonly claims: readonly DemoClaim[];
  /** Ledger rows of the day's claims (all their postings up to the export date, in claim order). */
  readonly transactions: readonly DemoTransaction[];
  readonly denials: readonly DenialTruth[];
  readonly underpayments: readonly UnderpaymentTruth[];
}

/** The whole demo practice as of the export date. */
export interface DemoModel {
  readonly options: DemoOptions;
  readonly practice: Practice;
  readonly firstDay: CalendarDate;
  /** Export date: the last day of the end month. Nothing after it has happened yet. */
  readonly asOf: CalendarDate;
  readonly patients: readonly DemoPatient[];
  readonly appointments: readonly DemoAppointment[];
  readonly encounters: readonly DemoEncounter[];
  readonly claims: readonly DemoClaim[];
  readonly transactions: readonly DemoTransaction[];
  readonly truth: { readonly denials: readonly DenialTruth[]; readonly underpayments: readonly UnderpaymentTruth[] };
}

/** One insurance payment (an 835 file's BPR/TRN): every adjudication paid in the same run. */
export interface PaymentBatch {
  readonly paymentId: string;
  readonly payerId: string;
  readonly method: 'EFT' | 'check';
  readonly paidOn: CalendarDate;
  readonly amountCents: Cents;
  readonly adjudications: readonly Adjudication[];
}

/** Groups adjudications into payment runs (one EFT/check per payer per date), as an 835 writer needs them. */
export function paymentBatches(claims: readonly DemoClaim[]): PaymentBatch[] {
  const byId = new Map<string, { payerId: string; method: 'EFT' | 'check'; paidOn: CalendarDate; amountCents: Cents; adjudications: Adjudication[] }>();
  for (const claim of claims) {
    for (const a of claim.adjudications) {
      let batch = byId.get(a.paymentId);
      if (batch === undefined) {
        batch = { payerId: a.payerId, method: a.paymentMethod, paidOn: a.paidOn, amountCents: 0, adjudications: [] };
        byId.set(a.paymentId, batch);
      }
      batch.adjudications.push(a);
      for (const line of a.lines) batch.amountCents += line.paidCents;
    }
  }
  return [...byId.entries()]
    .map(([paymentId, b]) => ({ paymentId, ...b }))
    .sort((x, y) => (x.paidOn < y.paidOn ? -1 : x.paidOn > y.paidOn ? 1 : x.paymentId < y.paymentId ? -1 : 1));
}
