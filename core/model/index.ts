/** The canonical record union and its schema registry. */
import { z } from 'zod';
import { Appointment, ChargeLine, Encounter, Location, Payer, ProcedureCode, Provider, Transaction } from './records';
import { ProviderAdjustment, RemitClaim, RemitLine } from './remit';

export * from './common';
export * from './records';
export * from './remit';

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
]);
export type CanonicalRecord = z.infer<typeof CanonicalRecord>;
export type RecordType = CanonicalRecord['type'];
