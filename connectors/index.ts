/**
 * The one entry point for importing a file: detect its format, hand it to the importer registered
 * for that format, and always return an ImportResult (a file that cannot be read at all is a
 * result with a `file-unreadable` issue, never an exception).
 *
 * To add a format: write an `Importer` (connectors/importer.ts) in its folder and add ONE line to
 * `importers` below. Importers import the contract from './importer', never from this file (no cycles).
 */
import { messages } from '../core/messages';
import type { CanonicalRecord } from '../core/model';
import { SummaryCounter, type ImportResult, type SourceFormat } from '../core/source';
import { importDelimited } from './csv';
import { detect } from './detect';
import { withFeeFiles } from './fees';
import { importFhirSource, importFhirSources } from './fhir/import';
import { withGlFiles } from './gl';
import type { ImportOptions, Importer } from './importer';
import { readHead, type SourceFile } from './source';
import { import835, import837p } from './x12';
import { unreadable } from './unreadable';
import { importWorkbook } from './xlsx';

export type { ImportContext, ImportOptions, Importer, RecordSink } from './importer';

/** Format → importer. One line per format. */
export const importers: Partial<Record<SourceFormat, Importer>> = {
  // Fee schedules, contract terms and the CMS PFS files are CSVs too: recognised by their headers first.
  // General-ledger exports (GL detail, P&L by month) likewise, by their headers and shape.
  csv: withFeeFiles(withGlFiles(importDelimited)),
  tsv: withFeeFiles(withGlFiles(importDelimited)),
  xlsx: withFeeFiles(withGlFiles(importWorkbook)),
  'fhir-bundle': importFhirSource,
  'fhir-resource': importFhirSource,
  'fhir-ndjson': importFhirSource,
  'x12-835': import835,
  'x12-837p': import837p,
};

export { isUnreadable, UNREADABLE, unreadable } from './unreadable';

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
  const sink = options.onRecords;
  if (sink === undefined) return importer(source, { detection, options });
  // Records go to the sink as they are read; an importer that cannot stream hands its list over at the end.
  const counter = new SummaryCounter();
  const counted = (batch: readonly CanonicalRecord[]) => {
    for (let i = 0; i < batch.length; i++) counter.add(batch[i] as CanonicalRecord);
    sink(batch);
  };
  const result = await importer(source, { detection, options: { ...options, onRecords: counted } });
  for (let i = 0; i < result.records.length; i += SINK_BATCH) counted(result.records.slice(i, i + SINK_BATCH));
  return { ...result, records: [], summary: counter.result() };
}

/** Records per sink call. */
export const SINK_BATCH = 4096;

const FHIR_FORMATS: ReadonlySet<SourceFormat> = new Set<SourceFormat>(['fhir-bundle', 'fhir-resource', 'fhir-ndjson']);

/**
 * Imports the files of one build or inspection: the FHIR files together (in two passes, so a
 * Synthea patient bundle resolves the practitioners and organisations of the practitioner and
 * hospital bundles beside it), every other file on its own through `importSource`. One result per
 * source, in order. With `onRecords` every file streams through `importSource` on its own.
 */
export async function importSources(sources: readonly SourceFile[], options: ImportOptions = {}): Promise<ImportResult[]> {
  const results: (ImportResult | undefined)[] = sources.map(() => undefined);
  const fhir: number[] = [];
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i] as SourceFile;
    if (options.onRecords === undefined) {
      let format: SourceFormat | undefined;
      try {
        format = detect(await readHead(source), source.name).format;
      } catch {
        format = undefined; // importSource reports the unreadable file
      }
      if (format !== undefined && FHIR_FORMATS.has(format)) {
        fhir.push(i);
        continue;
      }
    }
    results[i] = await importSource(source, options);
  }
  if (fhir.length > 0) {
    const together = await importFhirSources(
      fhir.map((i) => sources[i] as SourceFile),
      { onProgress: options.onProgress },
    );
    fhir.forEach((at, k) => (results[at] = together[k]));
  }
  return results.map((r, i) => r ?? unreadable((sources[i] as SourceFile).name, 'unknown', messages.formatNotSupported('unknown')));
}
