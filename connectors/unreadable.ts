/** The one way a connector says "nothing could be read from this file at all". */
import { issue } from '../core/issues';
import type { ImportResult, SourceFormat } from '../core/source';

/** The issue code that marks a file as not readable at all (the CLI exits 2 on it). */
export const UNREADABLE = 'file-unreadable';

/** True when the file could not be read at all (wrong kind, unsupported format, I/O failure). */
export function isUnreadable(result: ImportResult): boolean {
  return result.issues.some((i) => i.code === UNREADABLE);
}

/** A result for a file nothing could be read from, with the one-line reason. */
export function unreadable(file: string, format: SourceFormat, reason: string, profile?: string): ImportResult {
  return {
    file,
    format,
    profile,
    rowsRead: 0,
    recordsImported: 0,
    rowsRejected: 0,
    records: [],
    issues: [issue(UNREADABLE, 'error', reason, { file })],
  };
}
