/**
 * The budget and variance builds behind `practice build --workbook budget|variance` and `practice demo`:
 * reads the GL exports (GL detail or P&L by month), takes the budget drivers from the prior year,
 * builds the plan and writes the .xlsx. When the output file already exists, the values the user
 * typed into it (drivers, comments, owners, mapping, thresholds) are read first and kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import ExcelJS from 'exceljs';
import { importGl } from '../../connectors/gl';
import { budgetFromInputs, varianceInputFrom, type LedgerBuildOptions } from '../../core/plan/ledger-inputs';
import type { CellValue, WorkbookPlan } from '../../core/plan/types';
import { collectUserValues, noUserValues, type UserValues } from '../../core/plan/user-values';
import { buildVarianceWorkbook } from '../../core/plan/variance-workbook';
import type { ImportResult } from '../../core/source';
import type { SourceFile } from '../../connectors/source';
import { renderXlsx } from '../../render/xlsx';

// The pure input assembly moved to core (the add-in builds the same workbooks); re-exported for callers here.
export { budgetFromInputs, ledgerAmounts, varianceInputFrom, type LedgerBuildOptions } from '../../core/plan/ledger-inputs';

export async function importLedgerFiles(files: readonly SourceFile[]): Promise<ImportResult[]> {
  return Promise.all(files.map((f) => importGl(f)));
}

/** What a build says: whether the workbook was written, and the line to print. */
export interface LedgerBuildOutcome {
  readonly written: boolean;
  readonly message: string;
}

/** The user's values in an existing workbook of this kind (none when the file is not there or unreadable). */
export async function previousUserValues(path: string, plan: WorkbookPlan): Promise<UserValues> {
  if (!existsSync(path)) return noUserValues;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  } catch {
    return noUserValues;
  }
  const read = (sheet: string, ref: string): CellValue => {
    const v = wb.getWorksheet(sheet)?.getCell(ref).value;
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return { date: v.toISOString().slice(0, 10) };
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((t) => t.text).join('');
      if ('result' in v) {
        const res = v.result;
        return res instanceof Date ? { date: res.toISOString().slice(0, 10) } : typeof res === 'object' || res === undefined ? null : res;
      }
      return null;
    }
    return v;
  };
  return collectUserValues(plan, read);
}

async function write(path: string, plan: WorkbookPlan): Promise<number> {
  const bytes = await renderXlsx(plan);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return bytes.byteLength;
}

/** Builds and writes the Budget workbook; keeps what the user typed into an existing one at `outPath`. */
export async function buildBudgetFile(o: LedgerBuildOptions, outPath: string): Promise<LedgerBuildOutcome> {
  const first = budgetFromInputs(o);
  if (typeof first === 'string') return { written: false, message: first };
  const userValues = await previousUserValues(outPath, first.built.plan);
  const again = userValues.cells.size === 0 ? first : budgetFromInputs(o, userValues);
  if (typeof again === 'string') return { written: false, message: again };
  const bytes = await write(outPath, again.built.plan);
  const net = again.built.budget.lines.reduce((s, l) => s + (l.account.startsWith('4') ? 1 : -1) * l.totalCents, 0);
  return { written: true, message: `Wrote ${basename(outPath)} (${Math.round(bytes / 1024)} KB): budget ${again.built.budget.year}, ${again.built.budget.scenario} scenario, net income ${(net / 100).toFixed(2)}` };
}

/**
 * Builds and writes the Variance workbook: actuals from `actuals` (GL files of the budget year)
 * against the base budget built from the prior year; keeps the comments of an existing workbook.
 */
export async function buildVarianceFile(o: LedgerBuildOptions, actuals: readonly ImportResult[], outPath: string): Promise<LedgerBuildOutcome> {
  const input = varianceInputFrom(o, actuals);
  if (typeof input === 'string') return { written: false, message: input };
  const first = buildVarianceWorkbook(input);
  const userValues = await previousUserValues(outPath, first.plan);
  const { plan, report } = userValues.cells.size === 0 && userValues.rows.size === 0 ? first : buildVarianceWorkbook({ ...input, userValues });
  const bytes = await write(outPath, plan);
  const unmapped = report.mapped.issues.filter((i) => i.code === 'account-unmapped').length;
  const month = `${input.year}-${String(input.asOfMonth).padStart(2, '0')}`;
  const message =
    `Wrote ${basename(outPath)} (${Math.round(bytes / 1024)} KB): actuals through ${month}, ` +
    `net income YTD ${(report.ytdNetIncome.actual / 100).toFixed(2)} vs budget ${(report.ytdNetIncome.budget / 100).toFixed(2)}` +
    (unmapped > 0 ? `; ${unmapped} GL account(s) not mapped (see the Import log)` : '');
  return { written: true, message };
}
