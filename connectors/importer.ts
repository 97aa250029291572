/** The contract every format's importer implements (registered in connectors/index.ts). */
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
}

export interface ImportContext {
  readonly detection: Detection;
  readonly options: ImportOptions;
}

/** Reads one source file of the format it is registered for. Never throws for bad input. */
export type Importer = (source: SourceFile, context: ImportContext) => Promise<ImportResult>;
