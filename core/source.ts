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
  /**
   * Totals of the file's records, present when the records were handed to a sink as they were read
   * (ImportOptions.onRecords) instead of being kept in `records`.
   */
  readonly summary?: SourceSummary | undefined;
  /**
   * The file is about one patient (a per-patient FHIR bundle): its name may identify the patient
   * (Synthea names bundles after them), so workbooks show a neutral label instead of the file name.
   */
  readonly patientLevel?: boolean | undefined;
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

/**
 * Totals of records added one at a time (a file whose records stream to a sink keeps no list to
 * sum over). `summarize` is the same counter run over a kept list.
 */
export class SummaryCounter {
  private readonly recordsByType: Partial<Record<RecordType, number>> = {};
  private chargeCents = 0;
  private paymentCents = 0;
  private adjustmentCents = 0;
  private first: string | null = null;
  private last: string | null = null;

  /** Counts one record. */
  add(r: CanonicalRecord): void {
    this.recordsByType[r.type] = (this.recordsByType[r.type] ?? 0) + 1;
    switch (r.type) {
      case 'charge':
        this.chargeCents += r.chargeCents;
        this.see(r.serviceDate);
        break;
      case 'payment':
        this.paymentCents += r.statedAmountCents;
        this.see(r.postDate);
        break;
      case 'adjustment':
        this.adjustmentCents += r.statedAmountCents;
        this.see(r.postDate);
        break;
      case 'transfer':
        this.see(r.postDate);
        break;
      case 'appointment':
        this.see(r.scheduledFor.slice(0, 10));
        break;
      case 'encounter':
        this.see(r.date);
        break;
      // Remittances: when the payer paid (else the claim's service dates), each line's date of service, PLB fiscal dates.
      case 'remit-claim':
        this.see(r.paymentDate ?? r.serviceDateFrom);
        break;
      case 'remit-line':
        this.see(r.serviceDate);
        break;
      case 'provider-adjustment':
        this.see(r.fiscalPeriodDate);
        break;
      default:
        break;
    }
  }

  private see(d: string | undefined): void {
    if (d === undefined) return;
    if (this.first === null || d < this.first) this.first = d;
    if (this.last === null || d > this.last) this.last = d;
  }

  /** The totals so far. */
  result(): SourceSummary {
    const { recordsByType, chargeCents, paymentCents, adjustmentCents } = this;
    return { recordsByType: { ...recordsByType }, chargeCents, paymentCents, adjustmentCents, firstDate: this.first, lastDate: this.last };
  }
}

/** Totals of one file's records (or the totals counted while they streamed), plus whatever the connector adds. */
export function summarize(result: Pick<ImportResult, 'records' | 'extraSummary' | 'summary'>): SourceSummary {
  if (result.summary !== undefined && result.records.length === 0) return { ...result.summary, ...result.extraSummary };
  const counter = new SummaryCounter();
  for (const r of result.records) counter.add(r);
  return { ...counter.result(), ...result.extraSummary };
}
