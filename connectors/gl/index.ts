/**
 * General-ledger exports, CSV or XLSX: a GL detail export (postings) or a "profit and loss by
 * month" report. The layout is recognised from the header row; rows are read through the shared
 * text-table reader (the same decoding and CSV reading as every other small export).
 */
import { issue } from '../../core/issues';
import { messages } from '../../core/messages';
import type { ImportResult } from '../../core/source';
import { firstRows } from '../fees';
import { readTextTable } from '../fees/table';
import type { ImportContext, Importer } from '../importer';
import type { SourceFile } from '../source';
import { findGlHeader, parseGlDetail, type GlOptions } from './detail';
import { EXPENSE_SECTION, findPlHeader, INCOME_SECTION, NET_INCOME, parsePlByMonth } from './pl-by-month';

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
    // Debits and credits as posted: a complete ledger's postings balance (debits = credits).
    let debitCents = 0;
    let creditCents = 0;
    for (const e of r.records) {
      if (e.amountCents > 0) debitCents += e.amountCents;
      else creditCents -= e.amountCents;
    }
    return {
      ...base,
      profile: 'gl-detail',
      rowsRead: r.rowsRead,
      recordsImported: r.records.length,
      rowsRejected: r.rowsRejected,
      records: r.records,
      issues: [...table.issues, ...r.issues],
      extraSummary: { postings: r.records.length, debitCents, creditCents, accounts: new Set(r.records.map((e) => `${e.accountNumber ?? ''} ${e.accountName}`)).size },
    };
  }
  return { ...base, rowsRead: 0, recordsImported: 0, rowsRejected: 0, records: [], issues: [...table.issues, issue('gl-layout-unknown', 'error', messages.glNotALedger(), { file: source.name })] };
}

/** Header words of billing and clinical exports: a table with any of them is not a ledger. */
const CLINICAL_HEADER = /patient|claim|cpt|hcpcs|procedure|payer|payor|encounter|\bmrn\b|\bnpi\b|diagnos|\bicd|modifier|guarantor|insurance|date of service|service date|\bdos\b|appointment/i;
/** Columns of a QuickBooks-style GL detail whose account is a heading row above its postings. */
const LEDGER_COLUMN = /^(split|transaction type|num|balance|journal|journal no\.?|reference|ref)$/i;

/**
 * Whether the first rows of a CSV, TSV or XLSX are a GL export, by shape (never by file name), so
 * `importSource` can route it to `importGl`. Stricter than `glLayout`: a table of month columns is a
 * P&L only with a section heading (Income, Expenses) or a net income line under its header; a table
 * with a date and an amount is GL detail only with an account column (or two ledger columns such as
 * Split and Balance) and no billing or clinical column (patient, claim, CPT, payer …).
 */
export function recognizeGlExport(rows: readonly (readonly string[])[]): 'pl-by-month' | 'gl-detail' | undefined {
  const pl = findPlHeader(rows);
  if (pl !== undefined) {
    const firstMonth = Math.min(...pl.months.keys());
    const plRow = (row: readonly string[]) => row.slice(0, firstMonth).some((cell) => INCOME_SECTION.test(cell) || EXPENSE_SECTION.test(cell) || NET_INCOME.test(cell));
    if (rows.slice(pl.row + 1).some(plRow)) return 'pl-by-month';
  }
  const gl = findGlHeader(rows);
  if (gl === undefined || gl.headers.some((h) => CLINICAL_HEADER.test(h))) return undefined;
  const account = gl.columns.accountName !== undefined || gl.columns.accountNumber !== undefined;
  return account || gl.headers.filter((h) => LEDGER_COLUMN.test(h.trim())).length >= 2 ? 'gl-detail' : undefined;
}

/**
 * Wraps a tabular importer (CSV/TSV, XLSX): a recognisable GL detail export or P&L by month is read
 * by `importGl`; every other file, and any file read with an explicit profile, goes to `fallback`.
 */
export function withGlFiles(fallback: Importer): Importer {
  return async (source: SourceFile, context: ImportContext) =>
    context.options.profile === undefined && recognizeGlExport(await firstRows(source)) !== undefined ? importGl(source) : fallback(source, context);
}
