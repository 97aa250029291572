/**
 * The contract between connectors and everything downstream: what one source file yielded.
 * Connectors return data, never print and never throw for bad input.
 */
import type { Issue } from './issues';
import type { CanonicalRecord, RecordType } from './model';
import type { Cents } from './money';
import type { CalendarDate } from './period';

export type SourceFormat =
  | 'csv'
  | 'tsv'
  | 'xlsx'
  | 'xls'
  | 'x12-835'
  | 'x12-837p'
  | 'x12'
  | 'fhir-bundle'
  | 'fhir-ndjson'
  | 'fhir-resource'
  | 'unknown';

/** What the mapping step shows a user when a file's columns do not match a profile well enough. */
export interface MappingReport {
  /** Headers as found in the file, in order. */
  readonly headers: readonly string[];
  /** Canonical field → header it was mapped from. */
  readonly mapped: Readonly<Record<string, string>>;
  /** Required canonical fields no header supplied. */
  readonly missingRequired: readonly string[];
  /** Headers that map to no canonical field (kept for the user to assign). */
  readonly unmappedHeaders: readonly string[];
}

export interface ImportResult {
  readonly file: string;
  readonly format: SourceFormat;
  /** Mapping profile or connector that read the file; undefined when none fitted. */
  readonly profile?: string | undefined;
  /**
   * Input units read: data rows for tabular files (the header excluded), segments of
   * transactions for X12, resources for FHIR. Always `recordsImported + rowsRejected`.
   */
  readonly rowsRead: number;
  /** Units that became canonical records (one row may yield several records). */
  readonly recordsImported: number;
  /** Units that did not, each with at least one issue saying why (duplicates included). */
  readonly rowsRejected: number;
  readonly records: readonly CanonicalRecord[];
  readonly issues: readonly Issue[];
  readonly mapping?: MappingReport | undefined;
  /** Format-specific summary figures (e.g. Σ CLP03 for an 835), merged into the file summary. */
  readonly extraSummary?: Readonly<Record<string, unknown>> | undefined;
}

export interface SourceSummary {
  readonly recordsByType: Partial<Record<RecordType, number>>;
  /** Σ charge amounts as the export states them. */
  readonly chargeCents: Cents;
  /** Σ payment amounts as the export states them (Epic states payments as negative credits). */
  readonly paymentCents: Cents;
  /** Σ adjustment amounts as the export states them. */
  readonly adjustmentCents: Cents;
  readonly firstDate: CalendarDate | null;
  readonly lastDate: CalendarDate | null;
  readonly [extra: string]: unknown;
}

/** Totals of one file's records, plus whatever the connector adds. */
export function summarize(result: Pick<ImportResult, 'records' | 'extraSummary'>): SourceSummary {
  const recordsByType: Partial<Record<RecordType, number>> = {};
  let chargeCents = 0;
  let paymentCents = 0;
  let adjustmentCents = 0;
  let first: string | null = null;
  let last: string | null = null;
  const see = (d: string | undefined) => {
    if (d === undefined) return;
    if (first === null || d < first) first = d;
    if (last === null || d > last) last = d;
  };
  for (const r of result.records) {
    recordsByType[r.type] = (recordsByType[r.type] ?? 0) + 1;
    switch (r.type) {
      case 'charge':
        chargeCents += r.chargeCents;
        see(r.serviceDate);
        break;
      case 'payment':
        paymentCents += r.statedAmountCents;
        see(r.postDate);
        break;
      case 'adjustment':
        adjustmentCents += r.statedAmountCents;
        see(r.postDate);
        break;
      case 'transfer':
        see(r.postDate);
        break;
      case 'appointment':
        see(r.scheduledFor.slice(0, 10));
        break;
      case 'encounter':
        see(r.date);
        break;
      default:
        break;
    }
  }
  return { recordsByType, chargeCents, paymentCents, adjustmentCents, firstDate: first, lastDate: last, ...result.extraSummary };
}
