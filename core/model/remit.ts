/**
 * Remittance records: what a payer said about each claim and service line (X12 835, FHIR
 * ExplanationOfBenefit). Flat records keyed by claim, so aggregation never walks trees.
 */
import { z } from 'zod';
import { CalendarDateSchema, CentsSchema, Identifier, Lineage, PayerClass } from './common';

/** One CAS adjustment: group (CO, PR, OA, PI, CR), reason (a CARC), amount, optional quantity. */
export const Adjustment = z.object({
  group: z.string().min(1),
  reason: z.string().min(1),
  amountCents: CentsSchema,
  quantity: z.number().optional(),
});
export type Adjustment = z.infer<typeof Adjustment>;

const remitBase = {
  key: z.string().min(1),
  lineage: Lineage,
  payerId: Identifier.optional(),
  payerName: z.string().optional(),
  payerClass: PayerClass.default('unknown'),
  /** TRN02: check or EFT trace number of the payment that carried this claim. */
  paymentId: z.string().optional(),
  /** BPR16 (or EOB payment.date): when the payer paid. */
  paymentDate: CalendarDateSchema.optional(),
  /** The provider's claim id (CLP01 / EOB claim reference): joins to ChargeLine.claimId. */
  claimId: Identifier,
  /** CLP07: the payer's own claim control number. */
  payerControlNumber: z.string().optional(),
};

/** A claim as adjudicated (CLP loop). Status codes as X12 CLP02: 1 primary, 2 secondary, 4 denied, 22 reversal … */
export const RemitClaim = z.object({
  type: z.literal('remit-claim'),
  ...remitBase,
  claimStatus: z.string().min(1),
  chargeCents: CentsSchema,
  paidCents: CentsSchema,
  patientResponsibilityCents: CentsSchema.optional(),
  /** CLP06 claim filing indicator (MB Medicare B, MC Medicaid, CI commercial, …). */
  filingIndicator: z.string().optional(),
  patientKey: z.string().optional(),
  renderingNpi: z.string().optional(),
  payeeNpi: z.string().optional(),
  serviceDateFrom: CalendarDateSchema.optional(),
  serviceDateTo: CalendarDateSchema.optional(),
  /** Claim-level CAS adjustments (line-level ones are on the lines). */
  adjustments: z.array(Adjustment).default([]),
  /** Claim-level remark codes (MIA/MOA). */
  remarkCodes: z.array(z.string()).default([]),
  interestCents: CentsSchema.optional(),
  /** AMT*B6 at claim level, when the payer sent it. */
  allowedCents: CentsSchema.optional(),
  /** BPR04: how the payment travelled (ACH, CHK, NON for no payment, …). */
  paymentMethod: z.string().optional(),
  /** CLP08: facility code; the place of service for professional claims. */
  placeOfService: z.string().optional(),
  /** CLP09: claim frequency (1 original, 7 replacement, 8 void). */
  claimFrequency: z.string().optional(),
  /** DTM*050: when the payer received the claim. */
  receivedDate: CalendarDateSchema.optional(),
});
export type RemitClaim = z.infer<typeof RemitClaim>;

/** A service line as adjudicated (SVC loop). */
export const RemitLine = z.object({
  type: z.literal('remit-line'),
  ...remitBase,
  claimStatus: z.string().min(1),
  /** Line control number (REF*6R) when sent, else the 1-based position in the claim. */
  lineNumber: z.string().min(1),
  procedureQualifier: z.string().optional(),
  /** The code the payer adjudicated (SVC01-2). */
  procedureCode: z.string().min(1),
  modifiers: z.array(z.string()).default([]),
  /** SVC06: the code the provider submitted, when the payer changed it. */
  submittedProcedureCode: z.string().optional(),
  submittedModifiers: z.array(z.string()).optional(),
  chargeCents: CentsSchema,
  paidCents: CentsSchema,
  /** Paid units (SVC05), default 1. */
  units: z.number().default(1),
  serviceDate: CalendarDateSchema.optional(),
  /** AMT*B6 allowed amount. */
  allowedCents: CentsSchema.optional(),
  adjustments: z.array(Adjustment).default([]),
  /** LQ*HE remark codes. */
  remarkCodes: z.array(z.string()).default([]),
  /** `key` of the RemitClaim this line belongs to. */
  claimKey: z.string().optional(),
  /** The claim's rendering provider (NM1*82 with an NPI), repeated on each line for provider analytics. */
  renderingNpi: z.string().optional(),
  /** SVC04: NUBC revenue code, when sent. */
  revenueCode: z.string().optional(),
});
export type RemitLine = z.infer<typeof RemitLine>;

/** A PLB provider-level adjustment: one reason/amount pair. Positive reduces the payment. */
export const ProviderAdjustment = z.object({
  type: z.literal('provider-adjustment'),
  key: z.string().min(1),
  lineage: Lineage,
  payerId: Identifier.optional(),
  payerName: z.string().optional(),
  paymentId: z.string().optional(),
  providerId: z.string().optional(),
  fiscalPeriodDate: CalendarDateSchema.optional(),
  reasonCode: z.string().min(1),
  reference: z.string().optional(),
  amountCents: CentsSchema,
});
export type ProviderAdjustment = z.infer<typeof ProviderAdjustment>;
