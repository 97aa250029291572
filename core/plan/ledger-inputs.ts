/**
 * The inputs of the Budget and Variance plan builders from imported files: GL amounts of GL detail
 * and P&L-by-month imports, the prior year's drivers and actuals, and the budget year's actuals
 * against the base budget. Pure (no files): the CLI (`practice build --workbook budget|variance`)
 * and the add-in's Build step both come through here, so they build the same workbooks.
 */
import { practiceChart } from '../accounts/chart';
import { defaultMappingRules, mapActuals, type LedgerAmount } from '../accounts/mapping';
import { computeBudget, defaultAssumptions, variableShare, volumeByMonth, type CapitalItem, type StaffRole } from '../budget/model';
import { driversFromPriorYear } from '../budget/prior-year';
import type { Dataset } from '../dataset';
import type { Issue } from '../issues';
import type { GlEntry, PlLine } from '../model';
import type { Cents } from '../money';
import type { ImportResult } from '../source';
import { buildBudgetWorkbook, type BuiltBudget } from './budget-workbook';
import { noUserValues, type UserValues } from './user-values';
import type { VarianceWorkbookInput } from './variance-workbook';

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

/** What the budget is built from. */
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
