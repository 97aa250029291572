/**
 * Supporting records of billing and EHR exports (Epic PB tables, Synthea): claim headers, coverage,
 * guarantor accounts, transaction actions, clinical events. They carry no names, addresses, phone
 * numbers or full birth dates: patients and guarantors appear only as pseudonymous keys.
 */
import { z } from 'zod';
import { CalendarDateSchema, CentsSchema, Identifier, Lineage, PayerClass } from './common';

const base = {
  key: z.string().min(1),
  lineage: Lineage,
};

/** A claim header (Synthea claims.csv): the visit, who billed, which payers. */
export const Claim = z.object({
  type: z.literal('claim'),
  ...base,
  claimId: Identifier,
  patientKey: z.string().optional(),
  encounterId: Identifier.optional(),
  renderingProviderId: Identifier.optional(),
  payerId: Identifier.optional(),
  secondaryPayerId: Identifier.optional(),
  payerClass: PayerClass.default('unknown'),
  serviceDate: CalendarDateSchema,
  /** Claim status as the source states it, e.g. Synthea's CLOSED / BILLED per payer. */
  status: z.string().optional(),
  diagnosisCodes: z.array(z.string()).default([]),
});
export type Claim = z.infer<typeof Claim>;

/** A patient as analytics may see one: a pseudonymous key, at most birth year and sex. */
export const Patient = z.object({
  type: z.literal('patient'),
  ...base,
  patientKey: z.string().min(1),
  birthYear: z.number().int().optional(),
  sex: z.string().optional(),
});
export type Patient = z.infer<typeof Patient>;

/** A period of insurance coverage (Synthea payer_transitions.csv). */
export const Coverage = z.object({
  type: z.literal('coverage'),
  ...base,
  patientKey: z.string().min(1),
  payerId: Identifier,
  secondaryPayerId: Identifier.optional(),
  startDate: CalendarDateSchema,
  endDate: CalendarDateSchema.optional(),
});
export type Coverage = z.infer<typeof Coverage>;

/** A coded clinical event of a visit: a procedure performed or a condition diagnosed. */
export const ClinicalEvent = z.object({
  type: z.enum(['clinical-procedure', 'condition']),
  ...base,
  patientKey: z.string().optional(),
  encounterId: Identifier.optional(),
  date: CalendarDateSchema,
  endDate: CalendarDateSchema.optional(),
  code: Identifier,
  codeSystem: z.string().optional(),
  description: z.string().optional(),
  baseCostCents: CentsSchema.optional(),
});
export type ClinicalEvent = z.infer<typeof ClinicalEvent>;

/** A guarantor account (Epic ACCOUNT): financial class and balances, never the guarantor's details. */
export const GuarantorAccount = z.object({
  type: z.literal('guarantor-account'),
  ...base,
  accountKey: z.string().min(1),
  financialClass: z.string().optional(),
  payerClass: PayerClass.default('unknown'),
  totalBalanceCents: CentsSchema.optional(),
  insuranceBalanceCents: CentsSchema.optional(),
  patientBalanceCents: CentsSchema.optional(),
  lastInsurancePaymentDate: CalendarDateSchema.optional(),
  lastPatientPaymentDate: CalendarDateSchema.optional(),
});
export type GuarantorAccount = z.infer<typeof GuarantorAccount>;

/** A professional-billing visit (Epic ARPB_VISITS): totals of the charges billed for one visit. */
export const BillingVisit = z.object({
  type: z.literal('billing-visit'),
  ...base,
  visitId: Identifier,
  visitNumber: z.string().optional(),
  encounterId: Identifier.optional(),
  accountKey: z.string().optional(),
  financialClass: z.string().optional(),
  payerClass: PayerClass.default('unknown'),
  locationId: Identifier.optional(),
  departmentId: Identifier.optional(),
  billingStatus: z.string().optional(),
  chargesCents: CentsSchema.optional(),
  paymentsCents: CentsSchema.optional(),
  adjustmentsCents: CentsSchema.optional(),
  balanceCents: CentsSchema.optional(),
  firstChargeTransactionId: Identifier.optional(),
});
export type BillingVisit = z.infer<typeof BillingVisit>;

/** Something done to an A/R transaction (Epic ARPB_TX_ACTIONS): denials, transfers, recalculations. */
export const TransactionAction = z.object({
  type: z.literal('transaction-action'),
  ...base,
  transactionId: Identifier,
  line: z.string().optional(),
  actionType: z.string().min(1),
  actionDate: CalendarDateSchema.optional(),
  postDate: CalendarDateSchema.optional(),
  amountCents: CentsSchema.optional(),
  payerId: Identifier.optional(),
  payerName: z.string().optional(),
  payerClass: PayerClass.default('unknown'),
  /** The denial (remit) code when the action is a denial, e.g. a CARC. */
  denialCode: z.string().optional(),
  denialDescription: z.string().optional(),
  remarkCodes: z.array(z.string()).default([]),
  /** Every code the payer sent with the action as the source lists them (CARCs and RARCs mixed, e.g. Epic ACTION_REMIT_CODES). */
  remitCodes: z.array(z.string()).default([]),
  procedureCode: z.string().optional(),
});
export type TransactionAction = z.infer<typeof TransactionAction>;

/**
 * More about one A/R transaction from a table beside the main one (Epic ACCT_TX,
 * ARPB_TRANSACTIONS2/3): the account it belongs to, reversal links, where a payment came from.
 */
export const TransactionDetail = z.object({
  type: z.literal('transaction-detail'),
  ...base,
  transactionId: Identifier,
  accountKey: z.string().optional(),
  reversedTransactionId: Identifier.optional(),
  reversalTransactionId: Identifier.optional(),
  placeOfServiceType: z.string().optional(),
  benefitPlanName: z.string().optional(),
  paymentSourceType: z.string().optional(),
  networkStatus: z.string().optional(),
});
export type TransactionDetail = z.infer<typeof TransactionDetail>;
