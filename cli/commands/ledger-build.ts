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
import { practiceChart } from '../../core/accounts/chart';
import { defaultMappingRules, mapActuals, type LedgerAmount } from '../../core/accounts/mapping';
import { computeBudget, defaultAssumptions, variableShare, volumeByMonth, type CapitalItem, type StaffRole } from '../../core/budget/model';
import { driversFromPriorYear } from '../../core/budget/prior-year';
import type { Dataset } from '../../core/dataset';
import type { Issue } from '../../core/issues';
import type { GlEntry, PlLine } from '../../core/model';
import type { Cents } from '../../core/money';
import { buildBudgetWorkbook, type BuiltBudget } from '../../core/plan/budget-workbook';
import type { CellValue, WorkbookPlan } from '../../core/plan/types';
import { collectUserValues, noUserValues, type UserValues } from '../../core/plan/user-values';
import { buildVarianceWorkbook, type VarianceWorkbookInput } from '../../core/plan/variance-workbook';
import type { ImportResult } from '../../core/source';
import type { SourceFile } from '../../connectors/source';
import { renderXlsx } from '../../render/xlsx';

/** GL amounts (debit positive, by month) of GL detail or P&L-by-month imports. */
export function ledgerAmounts(results: readonly ImportResult[]): LedgerAmount[] {
  const out: LedgerAmount[] = [];
  for (const r of results) {
    for (const rec of r.records) {
      if (rec.type === 'gl-entry') {
        const e = rec as GlEntry;
        out.push({ account: { number: e.accountNumber, name: e.accountName }, month: e.date.slice(0, 7), debitCents: e.amountCents });
      } else if (rec.type === 'pl-line') {
        const p = rec as PlLine;
        out.push({ account: { number: p.accountNumber, name: p.accountName }, month: p.month, debitCents: p.debitCents });
      }
    }
  }
  return out;
}

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

export interface LedgerBuildOptions {
  readonly dataset: Dataset;
  /** Prior-year GL detail or P&L-by-month files. */
  readonly priorYear: readonly ImportResult[];
  readonly name: string;
  /** The demo knows its staffing plan; otherwise one "Support staff" role is inferred from the prior year. */
  readonly staff?: readonly { readonly role: StaffRole; readonly fte: number; readonly hourlyRate: number }[] | undefined;
  readonly capital?: readonly CapitalItem[] | undefined;
}

/** Prior-year actuals by practice account, 12 months each. */
function priorYearActuals(results: readonly ImportResult[], year: number): { byLine: Map<string, Cents[]>; issues: Issue[] } {
  const amounts = ledgerAmounts(results).filter((a) => a.month.startsWith(String(year)));
  const mapped = mapActuals(amounts, defaultMappingRules, results.map((r) => r.file).join(', '));
  const byLine = new Map<string, Cents[]>();
  for (const a of practiceChart) byLine.set(a.id, Array.from({ length: 12 }, (_, i) => mapped.byLine.get(a.id)?.get(`${year}-${String(i + 1).padStart(2, '0')}`) ?? 0));
  return { byLine, issues: [...mapped.issues] };
}

/** The last calendar year the prior-year files cover. */
function priorYearOf(results: readonly ImportResult[]): number | undefined {
  const months = ledgerAmounts(results).map((a) => a.month).sort();
  const last = months[months.length - 1];
  return last === undefined ? undefined : Number(last.slice(0, 4)) - (last.endsWith('-12') ? 0 : 1);
}

/** Builds the budget (plan and numbers) for the year after the prior-year files. */
export function budgetFromInputs(o: LedgerBuildOptions, userValues: UserValues = noUserValues): { built: BuiltBudget; issues: Issue[]; priorRevenue: Cents[] } | string {
  const prior = priorYearOf(o.priorYear);
  if (prior === undefined) return 'the GL files hold no amounts for a prior year';
  const actuals = priorYearActuals(o.priorYear, prior);
  const file = o.priorYear.map((r) => r.file).join(', ');
  const supportCost = (actuals.byLine.get('5100') ?? []).reduce((s, c) => s + c, 0) / 100;
  const staff = o.staff ?? [{ role: { id: 'STAFF', label: 'Support staff' }, fte: Math.max(1, Math.round((supportCost / (21 * 2080 * 1.24)) * 10) / 10), hourlyRate: 21 }];
  const drivers = driversFromPriorYear({
    year: prior,
    encounters: o.dataset.encounters.map((e) => ({ date: e.date, providerId: e.renderingProviderId ?? e.renderingProviderName ?? 'unknown', payerClass: e.payerClass })),
    payments: o.dataset.transactions.filter((t) => t.type === 'payment').map((t) => ({ date: t.postDate, amountCents: t.amountCents, payerClass: t.payerClass })),
    actuals: actuals.byLine,
    staff,
    capital: o.capital ?? [],
    file,
  });
  const built = buildBudgetWorkbook({
    practiceName: o.name,
    assumptions: defaultAssumptions(drivers.inputs),
    scenario: 'base',
    priorYearRevenueByMonth: actuals.byLine.get('4000') ?? [],
    sources: o.priorYear.map((r) => ({ file: r.file, rows: r.rowsRead })),
    issues: [...o.priorYear.flatMap((r) => r.issues), ...actuals.issues, ...drivers.issues],
    userValues,
  });
  if (!built.ok) return built.error;
  return { built: built.value, issues: [...actuals.issues, ...drivers.issues], priorRevenue: actuals.byLine.get('4000') ?? [] };
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

/** The Variance workbook input: actuals of the budget year against the base budget built from the prior year. */
export function varianceInputFrom(o: LedgerBuildOptions, actuals: readonly ImportResult[]): VarianceWorkbookInput | string {
  const budget = budgetFromInputs(o);
  if (typeof budget === 'string') return budget;
  const a = budget.built.assumptions;
  const base = computeBudget(a, 'base');
  if (!base.ok) return base.error;
  const year = a.year;
  const amounts = ledgerAmounts(actuals).filter((x) => x.month.startsWith(String(year)));
  const months = amounts.map((x) => Number(x.month.slice(5, 7)));
  const asOfMonth = months.length === 0 ? 1 : Math.max(...months);
  const actualVolume = Array.from({ length: 12 }, (_, i) => o.dataset.encounters.filter((e) => e.date.startsWith(`${year}-${String(i + 1).padStart(2, '0')}`)).length);
  return {
    practiceName: o.name,
    budgetLabel: `Base scenario of the ${year} budget`,
    year,
    asOfMonth,
    budget: new Map(base.value.lines.map((l) => [l.account, l.months])),
    actuals: amounts,
    actualsFile: actuals.map((r) => r.file).join(', '),
    rules: defaultMappingRules,
    variableShare: new Map(base.value.lines.map((l) => [l.account, variableShare(l.behaviour)])),
    budgetVolume: volumeByMonth(base.value),
    actualVolume,
    materiality: { absoluteCents: 250_000, percent: 0.1, mode: 'AND' },
    sources: actuals.map((r) => ({ file: r.file, rows: r.rowsRead })),
    issues: actuals.flatMap((r) => r.issues),
  };
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
