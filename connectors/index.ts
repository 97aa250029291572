/**
 * The one entry point for importing a file: detect its format, hand it to the importer registered
 * for that format, and always return an ImportResult (a file that cannot be read at all is a
 * result with a `file-unreadable` issue, never an exception).
 *
 * To add a format: write `importX(source, context): Promise<ImportResult>` in its folder and add
 * ONE line to `importers` below.
 */
import { issue } from '../core/issues';
import { messages } from '../core/messages';
import type { ImportResult, SourceFormat } from '../core/source';
import { detect, type Detection } from './detect';
import { readHead, type SourceFile } from './source';

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

/** Format → importer. One line per format. */
export const importers: Partial<Record<SourceFormat, Importer>> = {
};

/** The issue code that marks a file as not readable at all (the CLI exits 2 on it). */
export const UNREADABLE = 'file-unreadable';

/** True when the file could not be read at all (wrong kind, unsupported format, I/O failure). */
export function isUnreadable(result: ImportResult): boolean {
  return result.issues.some((i) => i.code === UNREADABLE);
}

/** A result for a file nothing could be read from, with the one-line reason. */
export function unreadable(file: string, format: SourceFormat, reason: string): ImportResult {
  return {
    file,
    format,
    rowsRead: 0,
    recordsImported: 0,
    rowsRejected: 0,
    records: [],
    issues: [issue(UNREADABLE, 'error', reason, { file })],
  };
}

/** Detects the format of `source` and imports it with the registered importer. */
export async function importSource(source: SourceFile, options: ImportOptions = {}): Promise<ImportResult> {
  let head: Uint8Array;
  try {
    head = await readHead(source);
  } catch (e) {
    return unreadable(source.name, 'unknown', e instanceof Error ? e.message : String(e));
  }
  const detection = detect(head, source.name);
  if (detection.format === 'unknown' || detection.format === 'xls') return unreadable(source.name, detection.format, detection.reason);
  const importer = importers[detection.format];
  if (importer === undefined) return unreadable(source.name, detection.format, messages.formatNotSupported(detection.format));
  return importer(source, { detection, options });
}
