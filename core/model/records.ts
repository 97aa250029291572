/**
 * The canonical records of DESIGN.md section 3. Every connector produces these and nothing else;
 * every calculation reads these and nothing else. Each carries `key` (its natural key, used to
 * count a row once across overlapping exports) and `lineage`.
 */
import { z } from 'zod';
import { CalendarDateSchema, CentsSchema, Identifier, Lineage, LocalDateTimeSchema, PayerClass } from './common';

const base = {
  /** Natural key: the source system's transaction/row id, or a digest of the mapped fields. */
  key: z.string().min(1),
  lineage: Lineage,
};

/** Who is involved, by reference; names are resolved from lookup records when a source has only ids. */
const parties = {
  /** Pseudonymous patient key (a digest, never an MRN or a name). */
  patientKey: z.string().optional(),
  encounterId: Identifier.optional(),
  renderingProviderId: Identifier.optional(),
  renderingProviderName: z.string().optional(),
  renderingNpi: z.string().regex(/^\d{10}$/).optional(),
  billingProviderId: Identifier.optional(),
  billingNpi: z.string().regex(/^\d{10}$/).optional(),
  locationId: Identifier.optional(),
  locationName: z.string().optional(),
  payerId: Identifier.optional(),
  payerName: z.string().optional(),
  payerClass: PayerClass.default('unknown'),
};

/** One billed service line: a procedure on a date of service for an amount. */
export const ChargeLine = z.object({
  type: z.literal('charge'),
  ...base,
  ...parties,
  claimId: Identifier,
  lineNumber: z.string().optional(),
  serviceDate: CalendarDateSchema,
  postDate: CalendarDateSchema.optional(),
  procedureCode: Identifier,
  /** `CPT`, `HCPCS`, `SNOMED`, `local` (a PM system's own charge code) … */
  procedureCodeSystem: z.string().optional(),
  procedureDescription: z.string().optional(),
  modifiers: z.array(z.string()).default([]),
  units: z.number().positive().default(1),
  chargeCents: CentsSchema,
  diagnosisCodes: z.array(z.string()).default([]),
  placeOfService: z.string().optional(),
  /** When the claim was sent to the payer (837 BHT04): the start of submission-to-payment lag. */
  submittedDate: CalendarDateSchema.optional(),
  /** Claim frequency (837 CLM05-3: 1 original, 7 replacement, 8 void). */
  claimFrequency: z.string().optional(),
  /** Set when the source system voided the line (Epic VOID_DATE): kept so file totals tie, left out of the dataset. */
  voidDate: CalendarDateSchema.optional(),
});
export type ChargeLine = z.infer<typeof ChargeLine>;

/**
 * Money that moved against A/R after the charge. Canonical signs: a payment received is positive
 * (a refund negative); an adjustment that reduces A/R (a write-off) is positive. `statedAmountCents`
 * keeps the amount with the sign the export used, so file totals tie to the export.
 */
export const Transaction = z.object({
  type: z.enum(['payment', 'adjustment', 'transfer']),
  ...base,
  ...parties,
  transactionId: Identifier.optional(),
  claimId: Identifier.optional(),
  lineNumber: z.string().optional(),
  /** The date the money was posted (or paid, for remittances). */
  postDate: CalendarDateSchema,
  serviceDate: CalendarDateSchema.optional(),
  amountCents: CentsSchema,
  statedAmountCents: CentsSchema,
  /** Who paid: insurance or the patient. */
  paymentSource: z.enum(['insurance', 'patient', 'unknown']).default('unknown'),
  method: z.string().optional(),
  /** Adjustment reason: a CARC, or the PM system's own adjustment code. */
  reasonCode: z.string().optional(),
  /** CAS group (CO, PR, OA, PI, CR) when known. */
  reasonGroup: z.string().optional(),
  procedureCode: z.string().optional(),
  /** Set when the source system voided the transaction (Epic VOID_DATE): kept so file totals tie, left out of the dataset. */
  voidDate: CalendarDateSchema.optional(),
});
export type Transaction = z.infer<typeof Transaction>;

export const AppointmentStatus = z.enum(['scheduled', 'completed', 'no_show', 'cancelled', 'late_cancel', 'unknown']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

/** A scheduled visit and what became of it. */
export const Appointment = z.object({
  type: z.literal('appointment'),
  ...base,
  ...parties,
  appointmentId: Identifier,
  visitType: z.string().optional(),
  /** When the appointment was booked. */
  bookedAt: LocalDateTimeSchema.optional(),
  /** When the appointment was for. */
  scheduledFor: LocalDateTimeSchema,
  status: AppointmentStatus,
  cancelledAt: LocalDateTimeSchema.optional(),
  arrivedAt: LocalDateTimeSchema.optional(),
  roomedAt: LocalDateTimeSchema.optional(),
  seenAt: LocalDateTimeSchema.optional(),
  checkedOutAt: LocalDateTimeSchema.optional(),
  newPatient: z.boolean().optional(),
});
export type Appointment = z.infer<typeof Appointment>;

/** A face-to-face (or virtual) visit: the unit of "encounters" and "visits per provider". */
export const Encounter = z.object({
  type: z.literal('encounter'),
  ...base,
  ...parties,
  encounterId: Identifier,
  date: CalendarDateSchema,
  encounterClass: z.string().optional(),
  visitType: z.string().optional(),
  newPatient: z.boolean().optional(),
});
export type Encounter = z.infer<typeof Encounter>;

/** Lookup records: names and classes for the ids other records carry. */
export const Provider = z.object({
  type: z.literal('provider'),
  ...base,
  providerId: Identifier,
  name: z.string().optional(),
  npi: z.string().regex(/^\d{10}$/).optional(),
  specialty: z.string().optional(),
});
export type Provider = z.infer<typeof Provider>;

export const Payer = z.object({
  type: z.literal('payer'),
  ...base,
  payerId: Identifier,
  name: z.string(),
  payerClass: PayerClass,
});
export type Payer = z.infer<typeof Payer>;

export const Location = z.object({
  type: z.literal('location'),
  ...base,
  locationId: Identifier,
  name: z.string(),
});
export type Location = z.infer<typeof Location>;

/** A PM system's own procedure/charge-code master (e.g. Epic CLARITY_EAP). */
export const ProcedureCode = z.object({
  type: z.literal('procedure'),
  ...base,
  procedureId: Identifier,
  description: z.string(),
  /** The CPT/HCPCS code the local code bills as, when the master says so. */
  billingCode: z.string().optional(),
});
export type ProcedureCode = z.infer<typeof ProcedureCode>;
