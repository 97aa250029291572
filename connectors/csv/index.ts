/**
 * The delimited-text importer (CSV, TSV, semicolon, pipe): streams the file through our tokenizer (tokenizer.ts) and
 * maps each row through a profile. Also refuses, with a clear issue, files of another kind that
 * reach it directly (an 835 renamed .csv).
 */
import { messages } from '../../core/messages';
import type { ImportResult } from '../../core/source';
import { detect } from '../detect';
import type { ImportContext, ImportOptions } from '../importer';
import { builtInProfiles, genericProfile, resolveProfile } from '../profiles';
import { readHead, type SourceFile } from '../source';
import { unreadable } from '../unreadable';
import { streamDelimited } from './stream';
import { TableImport } from './table';

/** Imports a CSV/TSV source. `context` is optional so tests and the bench can call it directly. */
export async function importDelimited(source: SourceFile, context?: Partial<ImportContext>): Promise<ImportResult> {
  const options: ImportOptions = context?.options ?? {};
  const detection = context?.detection ?? detect(await readHead(source), source.name);
  if (detection.format !== 'csv' && detection.format !== 'tsv') {
    const reason = detection.format.startsWith('x12') ? messages.x12NotCsv() : detection.format === 'unknown' ? detection.reason : messages.notAnExport(detection.reason);
    return unreadable(source.name, detection.format, reason);
  }
  const resolved = resolveProfile(options.profile);
  if (!resolved.ok) return unreadable(source.name, detection.format, resolved.error);
  const table = new TableImport({
    file: source.name,
    format: detection.format,
    profile: resolved.profile,
    candidates: builtInProfiles,
    fallbackReport: genericProfile,
    sink: options.onRecords,
  });
  const streamed = await streamDelimited(source, (cells, line) => table.row(cells, line), {
    delimiter: detection.format === 'tsv' ? '\t' : undefined,
    onProgress: options.onProgress,
  });
  return table.finish({ issues: streamed.issues });
}
