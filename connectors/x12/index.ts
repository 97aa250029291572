/**
 * The X12 importers: `import835` (remittances) and `import837p` (professional claims). Each reads
 * the file as a stream and returns an ImportResult whose unit is the segment:
 * rowsRead = segments in the file, recordsImported = segments used, rowsRejected = segments
 * reported as unusable (so rowsRead = recordsImported + rowsRejected always holds).
 */
import type { CanonicalRecord } from '../../core/model';
import type { ImportResult, SourceFormat } from '../../core/source';
import type { SourceFile } from '../source';
import { readInterchanges, type TransactionSet } from './envelope';
import { claims837p, emptyClaims837pSummary, PROFILE_837P } from './claims837p';
import { emptyRemit835Summary, PROFILE_835, remit835 } from './remit835';
import { Reporter } from './report';

export interface X12ImportOptions {
  readonly onProgress?: ((bytesRead: number) => void) | undefined;
  /** Called with each record as it is read (a streaming consumer). */
  readonly onRecord?: ((record: CanonicalRecord) => void) | undefined;
  /** False to not keep records in the result (with `onRecord`, memory stays bounded on huge files). Default true. */
  readonly keepRecords?: boolean | undefined;
}

/** Accepts the dispatcher's context (`{ options }`) or the options directly. */
type Context = { readonly options?: X12ImportOptions | undefined } | X12ImportOptions | undefined;

function optionsOf(context: Context): X12ImportOptions {
  if (context === undefined) return {};
  return 'options' in context && context.options !== undefined ? context.options : (context as X12ImportOptions);
}

async function importX12(
  source: SourceFile,
  context: Context,
  format: SourceFormat,
  profile: string,
  makeSet: (emit: (record: CanonicalRecord) => void) => TransactionSet,
  summary: object,
): Promise<ImportResult> {
  const options = optionsOf(context);
  const records: CanonicalRecord[] = [];
  const keep = options.keepRecords !== false;
  const onRecord = options.onRecord;
  const emit = (record: CanonicalRecord) => {
    if (keep) records.push(record);
    onRecord?.(record);
  };
  const report = new Reporter(source.name);
  const counts = await readInterchanges(source, makeSet(emit), report, options.onProgress);
  return {
    file: source.name,
    format,
    profile,
    rowsRead: counts.segments,
    recordsImported: counts.used,
    rowsRejected: counts.rejected,
    records,
    issues: report.finish(),
    extraSummary: { ...summary },
  };
}

/** Imports an 835 remittance file: RemitClaim, RemitLine and ProviderAdjustment records, balanced. */
export async function import835(source: SourceFile, context?: Context): Promise<ImportResult> {
  const summary = emptyRemit835Summary();
  const result = await importX12(source, context, 'x12-835', PROFILE_835, (emit) => remit835(emit, summary), summary);
  // The file summary's generic totals, in the 835's own terms: payments = Σ CLP04 (what the payer
  // paid on the claims), adjustments = Σ CAS amounts (claim and line level, every group).
  const adjustmentCents = Object.values(summary.adjustmentCentsByGroup).reduce((a, b) => a + b, 0);
  return { ...result, extraSummary: { ...result.extraSummary, paymentCents: summary.paidCents, adjustmentCents } };
}

/** Imports an 837P claim file: one ChargeLine per service line. */
export async function import837p(source: SourceFile, context?: Context): Promise<ImportResult> {
  const summary = emptyClaims837pSummary();
  return importX12(source, context, 'x12-837p', PROFILE_837P, (emit) => claims837p(emit, summary), summary);
}
