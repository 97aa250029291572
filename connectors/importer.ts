/** The contract every format's importer implements (registered in connectors/index.ts). */
import type { CanonicalRecord } from '../core/model';
import type { ImportResult } from '../core/source';
import type { Detection } from './detect';
import type { SourceFile } from './source';

export interface ImportOptions {
  /**
   * A built-in profile id (`synthea-claims-transactions`) or a user profile as parsed JSON; it is
   * validated by the delimited-text importer. Without it the profile is recognised from the headers.
   */
  readonly profile?: string | Readonly<Record<string, unknown>> | undefined;
  /** Called now and then with the bytes read so far (the task pane's progress bar). */
  readonly onProgress?: ((bytesRead: number) => void) | undefined;
  /**
   * Receives the records in batches as they are read. When given, the result keeps no records
   * (`records` is empty; `summary` holds the totals), so memory does not grow with the file: the
   * way to aggregate a large export (core/aggregate/stream.ts).
   */
  readonly onRecords?: RecordSink | undefined;
}

/** A consumer of records in batches; a batch array may be reused after the call returns. */
export type RecordSink = (batch: readonly CanonicalRecord[]) => void;

export interface ImportContext {
  readonly detection: Detection;
  readonly options: ImportOptions;
}

/** Reads one source file of the format it is registered for. Never throws for bad input. */
export type Importer = (source: SourceFile, context: ImportContext) => Promise<ImportResult>;
