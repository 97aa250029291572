/** Pieces every canonical record shares: lineage, identifiers as text, dates as ISO text, cents as integers. */
import { z } from 'zod';

/** Where a record came from: enough to find the row that made it. */
export const Lineage = z.object({
  /** File name as given. */
  source: z.string().min(1),
  /** 1-based physical line (CSV/TSV/NDJSON) where the record's row starts. */
  line: z.number().int().positive().optional(),
  /** 1-based segment index (X12) or entry index (FHIR bundle). */
  segment: z.number().int().positive().optional(),
  /** Mapping profile or connector that read it, e.g. `epic-arpb-transactions`, `x12-835`. */
  profile: z.string().min(1),
});
export type Lineage = z.infer<typeof Lineage>;

export const CalendarDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const LocalDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'a date-time as YYYY-MM-DDTHH:MM:SS');
export const CentsSchema = z.number().int().refine(Number.isSafeInteger, 'a safe integer number of cents');
/** Identifiers are text, never numbers: leading zeros survive. */
export const Identifier = z.string().min(1);

/** Payer classes as practice managers report payer mix. */
export const PayerClass = z.enum(['medicare', 'medicaid', 'commercial', 'self_pay', 'workers_comp', 'other', 'unknown']);
export type PayerClass = z.infer<typeof PayerClass>;

export const payerClassLabels: Record<PayerClass, string> = {
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  commercial: 'Commercial',
  self_pay: 'Self-pay',
  workers_comp: "Workers' comp",
  other: 'Other',
  unknown: 'Unknown',
};

/**
 * Guesses a payer class from a payer or financial-class name, for sources that give only a name.
 * Profiles with an explicit class column win over this.
 */
export function payerClassFromName(name: string | undefined): PayerClass {
  if (name === undefined || name.trim() === '') return 'unknown';
  const n = name.toLowerCase().replace(/[_]+/g, ' ');
  if (/self[\s-]*pay|no insurance|not insured|uninsured|patient|guarantor|private pay/.test(n)) return 'self_pay';
  if (/medicare/.test(n)) return 'medicare';
  if (/medicaid|medi-cal|chip\b|badgercare|masshealth/.test(n)) return 'medicaid';
  if (/workers|work comp|\bwc\b/.test(n)) return 'workers_comp';
  if (/tricare|champva|va\b|veteran|indian health/.test(n)) return 'other';
  return 'commercial';
}
