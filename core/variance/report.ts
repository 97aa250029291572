/**
 * The monthly variance report: actual vs budget for every practice account and month of the year
 * so far, with year-to-date, materiality, the flexible budget and its split, and what the owners
 * read first (net income vs budget, the largest variances, the trend).
 */
import { practiceChart, type PracticeAccount } from '../accounts/chart';
import { mapActuals, type LedgerAmount, type MappedActuals, type MappingRule } from '../accounts/mapping';
import type { Cents } from '../money';
import type { MonthKey } from '../period';
import { material, splitVariance, variance, type Materiality, type VarianceSplit } from './variance';

export interface VarianceInput {
  readonly year: number;
  /** The last month with actuals (1–12): the report covers months 1..asOfMonth. */
  readonly asOfMonth: number;
  /** Practice account id → 12 budgeted months (cents, as the P&L shows them). */
  readonly budget: ReadonlyMap<string, readonly Cents[]>;
  readonly actuals: readonly LedgerAmount[];
  readonly actualsFile: string;
  readonly rules: readonly MappingRule[];
  /** GL account label → practice account id: the user's own mapping from the workbook. */
  readonly overrides?: ReadonlyMap<string, string> | undefined;
  /** Share of each practice account that moves with volume (0 when absent). */
  readonly variableShare: ReadonlyMap<string, number>;
  /** Encounters per month: budgeted (12) and actual (12; months without actuals may be 0). */
  readonly budgetVolume: readonly number[];
  readonly actualVolume: readonly number[];
  /** Actual input units and standard price by practice account (e.g. staff hours and the budget hourly cost). */
  readonly inputs?: ReadonlyMap<string, { readonly units: readonly number[]; readonly standardPriceCents: number }> | undefined;
  readonly materiality: Materiality;
}

export interface VarianceRow extends VarianceSplit {
  readonly account: PracticeAccount;
  readonly month: MonthKey;
  readonly monthNo: number;
  readonly actual: Cents;
  readonly budget: Cents;
  readonly percent: number | null;
  readonly favourable: boolean | null;
  readonly material: boolean;
  readonly ytdActual: Cents;
  readonly ytdBudget: Cents;
  readonly budgetVolume: number;
  readonly actualVolume: number;
  readonly variableShare: number;
  readonly inputUnits: number | undefined;
  readonly standardPriceCents: number | undefined;
  /** round(units × standard price), or the flexible budget when there are no units. */
  readonly atStandard: Cents;
}

export interface LineYtd {
  readonly account: PracticeAccount;
  readonly ytdActual: Cents;
  readonly ytdBudget: Cents;
  /** Positive = favourable: revenue above budget, expense below. */
  readonly favourableCents: Cents;
}

export interface TrendPoint {
  readonly monthNo: number;
  readonly month: MonthKey;
  readonly actualNetIncome: Cents;
  readonly budgetNetIncome: Cents;
}

export interface VarianceReport {
  readonly rows: readonly VarianceRow[];
  readonly mapped: MappedActuals;
  readonly lines: readonly LineYtd[];
  /**
   * Largest favourable / unfavourable YTD variances, as the Owner summary picks them (LARGE/SMALL,
   * first match on ties); only variances that really are favourable (> 0) or unfavourable (< 0).
   */
  readonly largestFavourable: readonly { readonly account: PracticeAccount; readonly cents: Cents }[];
  readonly largestUnfavourable: readonly { readonly account: PracticeAccount; readonly cents: Cents }[];
  readonly trend: readonly TrendPoint[];
  readonly monthNetIncome: { readonly actual: Cents; readonly budget: Cents };
  readonly ytdNetIncome: { readonly actual: Cents; readonly budget: Cents };
}

/** How many of the largest variances the Owner summary lists each way. */
export const LARGEST_COUNT = 3;

const monthKey = (year: number, n: number): MonthKey => `${year}-${String(n).padStart(2, '0')}`;
const signOf = (a: PracticeAccount) => (a.type === 'revenue' ? 1 : -1);

/** Builds the report. Pure; the mapping issues (unmapped accounts) are in `mapped.issues`. */
export function varianceReport(input: VarianceInput): VarianceReport {
  const mapped = mapActuals(input.actuals, input.rules, input.actualsFile, input.overrides);
  const rows: VarianceRow[] = [];
  for (const account of practiceChart) {
    let ytdActual = 0;
    let ytdBudget = 0;
    for (let n = 1; n <= input.asOfMonth; n++) {
      const month = monthKey(input.year, n);
      const actual = mapped.byLine.get(account.id)?.get(month) ?? 0;
      const budget = input.budget.get(account.id)?.[n - 1] ?? 0;
      ytdActual += actual;
      ytdBudget += budget;
      const share = input.variableShare.get(account.id) ?? 0;
      const budgetVolume = input.budgetVolume[n - 1] ?? 0;
      const actualVolume = input.actualVolume[n - 1] ?? 0;
      const inputs = input.inputs?.get(account.id);
      const units = inputs?.units[n - 1];
      const split = splitVariance({
        actual,
        budget,
        budgetVolume,
        actualVolume,
        variableShare: share,
        actualInputs: inputs === undefined || units === undefined ? undefined : { quantity: units, standardPriceCents: inputs.standardPriceCents },
      });
      const v = variance(actual, budget, account.type);
      rows.push({
        ...split,
        account,
        month,
        monthNo: n,
        actual,
        budget,
        percent: v.percent,
        favourable: v.favourable,
        material: material(actual, budget, input.materiality),
        ytdActual,
        ytdBudget,
        budgetVolume,
        actualVolume,
        variableShare: share,
        inputUnits: units,
        standardPriceCents: units === undefined ? undefined : inputs?.standardPriceCents,
        atStandard: split.flexible + split.efficiency,
      });
    }
  }
  const lines = practiceChart.map((account): LineYtd => {
    const mine = rows.filter((r) => r.account.id === account.id);
    const ytdActual = mine.reduce((s, r) => s + r.actual, 0);
    const ytdBudget = mine.reduce((s, r) => s + r.budget, 0);
    return { account, ytdActual, ytdBudget, favourableCents: signOf(account) * (ytdActual - ytdBudget) };
  });
  const values = lines.map((l) => l.favourableCents);
  const firstWith = (v: number) => lines.find((l) => l.favourableCents === v) as LineYtd;
  const desc = [...values].sort((a, b) => b - a);
  const asc = [...values].sort((a, b) => a - b);
  const largestFavourable = desc.slice(0, LARGEST_COUNT).filter((v) => v > 0).map((v) => ({ account: firstWith(v).account, cents: v }));
  const largestUnfavourable = asc.slice(0, LARGEST_COUNT).filter((v) => v < 0).map((v) => ({ account: firstWith(v).account, cents: v }));
  const net = (n: number, pick: (r: VarianceRow) => Cents) => rows.filter((r) => r.monthNo === n).reduce((s, r) => s + signOf(r.account) * pick(r), 0);
  const trend = Array.from({ length: input.asOfMonth }, (_, i) => ({
    monthNo: i + 1,
    month: monthKey(input.year, i + 1),
    actualNetIncome: net(i + 1, (r) => r.actual),
    budgetNetIncome: net(i + 1, (r) => r.budget),
  }));
  const last = trend[trend.length - 1];
  return {
    rows,
    mapped,
    lines,
    largestFavourable,
    largestUnfavourable,
    trend,
    monthNetIncome: { actual: last?.actualNetIncome ?? 0, budget: last?.budgetNetIncome ?? 0 },
    ytdNetIncome: { actual: trend.reduce((s, t) => s + t.actualNetIncome, 0), budget: trend.reduce((s, t) => s + t.budgetNetIncome, 0) },
  };
}
