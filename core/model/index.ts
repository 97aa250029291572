/** The canonical record union and its schema registry. */
import { z } from 'zod';
import { Appointment, ChargeLine, Encounter, Location, Payer, ProcedureCode, Provider, Transaction } from './records';

export * from './common';
export * from './records';

export const CanonicalRecord = z.discriminatedUnion('type', [
  ChargeLine,
  Transaction,
  Appointment,
  Encounter,
  Provider,
  Payer,
  Location,
  ProcedureCode,
]);
export type CanonicalRecord = z.infer<typeof CanonicalRecord>;
export type RecordType = CanonicalRecord['type'];
