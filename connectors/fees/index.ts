/**
 * Fee schedules, contract terms and the CMS Physician Fee Schedule files (PPRRVU, GPCI), from CSV,
 * TSV or XLSX. `recognizeFeeTable` says whether rows are one of these; `importFeeFile` reads one
 * source into an ImportResult like every other connector.
 */
import { issue } from '../../core/issues';
import { messages } from '../../core/messages';
import type { CanonicalRecord } from '../../core/model';
import type { ImportResult } from '../../core/source';
import type { ImportContext, Importer } from '../importer';
import { readHead, sourceFromBytes, type SourceFile } from '../source';
import { streamDelimited } from '../csv/stream';
import { gpciHeaderRow, readGpciRows, readRvuRows, rvuHeaderRow, type Read } from './pfs';
import { feeHeader, readContractTermRows, readFeeScheduleRows, type FeeReadOptions } from './schedule';
import { readTextTable } from './table';

export { readGpciRows, readRvuRows } from './pfs';
export { feeHeader, readContractTermRows, readFeeScheduleRows } from './schedule';
export { readTextTable } from './table';

export type FeeTableKind = 'cms-pprrvu' | 'cms-gpci' | 'fee-schedule' | 'contract-terms';

/** Which contract file the rows are, from their header rows; undefined when none. */
export function recognizeFeeTable(rows: readonly (readonly string[])[]): FeeTableKind | undefined {
  if (rvuHeaderRow(rows) !== -1) return 'cms-pprrvu';
  if (gpciHeaderRow(rows) !== -1) return 'cms-gpci';
  return feeHeader(rows)?.kind;
}

/** Reads already-split rows of a contract file (any of the four kinds). */
export function readFeeRows(rows: readonly (readonly string[])[], file: string, options: FeeReadOptions = {}): Read<CanonicalRecord> & { kind: FeeTableKind | undefined } {
  const kind = recognizeFeeTable(rows);
  switch (kind) {
    case 'cms-pprrvu':
      return { kind, ...readRvuRows(rows, file) };
    case 'cms-gpci':
      return { kind, ...readGpciRows(rows, file) };
    case 'fee-schedule':
    case 'contract-terms': {
      const header = feeHeader(rows);
      if (header === undefined) break;
      return { kind, ...(kind === 'fee-schedule' ? readFeeScheduleRows(rows, header, file, options) : readContractTermRows(rows, header, file, options)) };
    }
    default:
      break;
  }
  return { kind: undefined, records: [], issues: [issue('layout-unknown', 'error', messages.feeFileKindUnknown(), { file })], rowsRead: 0, rowsRejected: 0 };
}

/** Imports one fee schedule, contract-terms, PPRRVU or GPCI file. Never throws for bad input. */
export async function importFeeFile(source: SourceFile, options: FeeReadOptions = {}): Promise<ImportResult> {
  const table = await readTextTable(source);
  const read = readFeeRows(table.rows, source.name, options);
  return {
    file: source.name,
    format: table.format,
    profile: read.kind,
    rowsRead: read.rowsRead,
    recordsImported: read.records.length,
    rowsRejected: read.rowsRejected,
    records: read.records,
    issues: [...table.issues, ...read.issues],
  };
}

/** Rows of the first bytes of a delimited file (enough for title rows and the header). */
async function headRows(source: SourceFile): Promise<string[][]> {
  const head = await readHead(source, 16 * 1024);
  const rows: string[][] = [];
  await streamDelimited(sourceFromBytes(source.name, head), (cells) => {
    if (rows.length < 40) rows.push([...cells]);
  });
  return rows;
}

/** The first rows of a CSV, TSV or XLSX source (title rows and the header), for recognising what it is. */
export async function firstRows(source: SourceFile): Promise<readonly (readonly string[])[]> {
  const head = await readHead(source, 4);
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  return isZip ? (await readTextTable(source)).rows.slice(0, 40) : await headRows(source);
}

/** Which contract file a CSV, TSV or XLSX source is, from its first rows; undefined for any other export. */
export async function detectFeeFile(source: SourceFile): Promise<FeeTableKind | undefined> {
  return recognizeFeeTable(await firstRows(source));
}

/**
 * Wraps a tabular importer (CSV/TSV, XLSX): a fee schedule, contract terms, PPRRVU or GPCI file is
 * read here; every other file goes to `fallback` untouched.
 */
export function withFeeFiles(fallback: Importer): Importer {
  return async (source: SourceFile, context: ImportContext) => ((await detectFeeFile(source)) === undefined ? fallback(source, context) : importFeeFile(source));
}
