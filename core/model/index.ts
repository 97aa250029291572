/** The canonical record union and its schema registry. */
import { z } from 'zod';
import { Appointment, ChargeLine, Encounter, Location, Payer, ProcedureCode, Provider, Transaction } from './records';
import { ProviderAdjustment, RemitClaim, RemitLine } from './remit';
import { BillingVisit, Claim, ClinicalEvent, Coverage, GuarantorAccount, Patient, TransactionAction, TransactionDetail } from './billing';
import { BudgetLine, GlEntry, PlLine } from './ledger';
import { ContractTerm, FeeScheduleRate, Gpci, MedicareRvu } from './contracts';

export * from './common';
export * from './records';
export * from './remit';
export * from './billing';
export * from './ledger';
export * from './contracts';

export const CanonicalRecord = z.discriminatedUnion('type', [
  ChargeLine,
  Transaction,
  Appointment,
  Encounter,
  Provider,
  Payer,
  Location,
  ProcedureCode,
  RemitClaim,
  RemitLine,
  ProviderAdjustment,
  FeeScheduleRate,
  ContractTerm,
  MedicareRvu,
  Gpci,
  GlEntry,
  PlLine,
  BudgetLine,
  Claim,
  Patient,
  Coverage,
  ClinicalEvent,
  GuarantorAccount,
  BillingVisit,
  TransactionAction,
  TransactionDetail,
]);
export type CanonicalRecord = z.infer<typeof CanonicalRecord>;
export type RecordType = CanonicalRecord['type'];
