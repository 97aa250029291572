/**
 * General-ledger exports, CSV or XLSX: a GL detail export (postings) or a "profit and loss by
 * month" report. The layout is recognised from the header row; rows are read through the shared
 * text-table reader (the same decoding and CSV reading as every other small export).
 */
import { issue } from '../../core/issues';
import { messages } from '../../core/messages';
import type { ImportResult } from '../../core/source';
import { readTextTable } from '../fees/table';
import type { SourceFile } from '../source';
import { findGlHeader, parseGlDetail, type GlOptions } from './detail';
import { findPlHeader, parsePlByMonth } from './pl-by-month';

export { GL_PROFILE } from './detail';
export { PL_PROFILE } from './pl-by-month';
export { splitAccount } from './account';

/** Which GL layout the rows are: a P&L by month wins when month columns are found. */
export function glLayout(rows: readonly (readonly string[])[]): 'pl-by-month' | 'gl-detail' | undefined {
  if (findPlHeader(rows) !== undefined) return 'pl-by-month';
  if (findGlHeader(rows) !== undefined) return 'gl-detail';
  return undefined;
}

/**
 * Imports a GL detail export or a P&L-by-month report. `extraSummary` carries, for a P&L, the
 * report's own net income line and the account rows' net income per month, so a caller can show
 * that they tie. Never throws for bad input.
 */
export async function importGl(source: SourceFile, options: GlOptions = {}): Promise<ImportResult> {
  const table = await readTextTable(source);
  const format = table.format === 'xlsx' ? 'xlsx' : table.format === 'tsv' ? 'tsv' : 'csv';
  const base = { file: source.name, format } as const;
  if (table.rows.length === 0) return { ...base, rowsRead: 0, recordsImported: 0, rowsRejected: 0, records: [], issues: [...table.issues] };
  const pl = findPlHeader(table.rows);
  if (pl !== undefined) {
    const r = parsePlByMonth(table.rows, source.name, pl);
    return {
      ...base,
      profile: 'pl-by-month',
      rowsRead: r.rowsRead,
      recordsImported: r.rowsRead - r.rowsRejected,
      rowsRejected: r.rowsRejected,
      records: r.records,
      issues: [...table.issues, ...r.issues],
      extraSummary: { months: r.months, reportedNetIncomeCents: r.reportedNetIncome, computedNetIncomeCents: r.computedNetIncome, subtotalsSkipped: r.subtotalsSkipped },
    };
  }
  const gl = findGlHeader(table.rows);
  if (gl !== undefined) {
    const r = parseGlDetail(table.rows, source.name, gl, options);
    return { ...base, profile: 'gl-detail', rowsRead: r.rowsRead, recordsImported: r.records.length, rowsRejected: r.rowsRejected, records: r.records, issues: [...table.issues, ...r.issues] };
  }
  return { ...base, rowsRead: 0, recordsImported: 0, rowsRejected: 0, records: [], issues: [...table.issues, issue('gl-layout-unknown', 'error', messages.glNotALedger(), { file: source.name })] };
}
