/**
 * What each canonical record type expects, derived once from its zod schema: the fields, which are
 * required, their defaults, and what kind of value each holds. Rows are then built without a zod
 * parse per row (too slow for a million lines); the profile is checked against this once per file.
 */
import { z } from 'zod';
import {
  Appointment,
  BillingVisit,
  ChargeLine,
  Claim,
  ClinicalEvent,
  Coverage,
  Encounter,
  GuarantorAccount,
  Location,
  Patient,
  Payer,
  ProcedureCode,
  Provider,
  Transaction,
  TransactionAction,
  TransactionDetail,
} from '../../core/model';
import type { RecordRule } from '../profiles/schema';

export type FieldCategory = 'string' | 'enum' | 'date' | 'datetime' | 'cents' | 'number' | 'integer' | 'boolean' | 'list';

export interface FieldInfo {
  readonly name: string;
  readonly category: FieldCategory;
  readonly required: boolean;
  /** The schema default (a fresh copy is made per record for arrays). */
  readonly defaultValue: unknown;
  /** Allowed values of an enum field. */
  readonly options?: ReadonlySet<string>;
}

export type RuleType = RecordRule['type'];

const schemas: Record<RuleType, z.ZodObject> = {
  charge: ChargeLine,
  payment: Transaction,
  adjustment: Transaction,
  transfer: Transaction,
  appointment: Appointment,
  encounter: Encounter,
  provider: Provider,
  payer: Payer,
  location: Location,
  procedure: ProcedureCode,
  claim: Claim,
  patient: Patient,
  coverage: Coverage,
  'clinical-procedure': ClinicalEvent,
  condition: ClinicalEvent,
  'guarantor-account': GuarantorAccount,
  'billing-visit': BillingVisit,
  'transaction-action': TransactionAction,
  'transaction-detail': TransactionDetail,
};

/** Fields every record has that no input fills. */
const SYSTEM_FIELDS = new Set(['type', 'key', 'lineage']);
/** Fields computed from others: a transaction's canonical amount from the stated one. */
export const DERIVED_FIELDS = new Set(['amountCents']);

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

function categoryOf(schema: z.ZodType): FieldCategory {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodEnum) return 'enum';
  const accepts = (v: unknown) => inner.safeParse(v).success;
  if (accepts([])) return 'list';
  if (accepts(true)) return 'boolean';
  if (accepts(1.5)) return 'number';
  if (accepts(1)) return 'integer';
  if (accepts('2024-01-31T00:00:00') && !accepts('2024-01-31')) return 'datetime';
  if (accepts('2024-01-31') && !accepts('x')) return 'date';
  return 'string';
}

function describe(type: RuleType): ReadonlyMap<string, FieldInfo> {
  const shape = schemas[type].shape as Record<string, z.ZodType>;
  const fields = new Map<string, FieldInfo>();
  for (const [name, schema] of Object.entries(shape)) {
    if (SYSTEM_FIELDS.has(name)) continue;
    const probe = schema.safeParse(undefined);
    const inner = unwrap(schema);
    const category = name.endsWith('Cents') ? 'cents' : categoryOf(schema);
    fields.set(name, {
      name,
      category,
      required: !probe.success,
      defaultValue: probe.success ? probe.data : undefined,
      ...(inner instanceof z.ZodEnum ? { options: new Set((inner.options as readonly (string | number)[]).map(String)) } : {}),
    });
  }
  return fields;
}

const cache = new Map<RuleType, ReadonlyMap<string, FieldInfo>>();

/** The fields of a record type (without type, key and lineage). */
export function fieldsOf(type: RuleType): ReadonlyMap<string, FieldInfo> {
  let fields = cache.get(type);
  if (fields === undefined) {
    fields = describe(type);
    cache.set(type, fields);
  }
  return fields;
}

/** The record's `type` value for a rule type (clinical events and transactions share schemas). */
export function isTransactionType(type: RuleType): type is 'payment' | 'adjustment' | 'transfer' {
  return type === 'payment' || type === 'adjustment' || type === 'transfer';
}
