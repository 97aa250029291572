/**
 * Imported files → dataset → the chosen workbook's plan, the same path as `practice build`
 * (cli/commands/build.ts): assembleDataset, then the plan builder. Runs where the records are: in
 * the task pane's worker (addin/worker-imports.ts), which keeps them; the pane gets the plan.
 * Nothing here touches Office.js (writing is addin/workbooks.ts).
 */
import { aggregate } from '../core/aggregate';
import { assembleDataset } from '../core/dataset';
import { buildContractWorkbook } from '../core/plan/contracts-workbook';
import { buildKpiWorkbook } from '../core/plan/kpi-workbook';
import { budgetFromInputs, ledgerAmounts, varianceInputFrom } from '../core/plan/ledger-inputs';
import { noUserValues, type UserValues } from '../core/plan/user-values';
import { buildVarianceWorkbook } from '../core/plan/variance-workbook';
import type { WorkbookPlan } from '../core/plan/types';
import { err, ok, type Result } from '../core/result';
import type { ImportResult } from '../core/source';

export type AddinWorkbook = 'kpi' | 'contracts' | 'budget' | 'variance';

/** The workbooks the task pane offers. */
export const workbookChoices: readonly { readonly id: AddinWorkbook; readonly label: string }[] = [
  { id: 'kpi', label: 'KPI workbook (revenue cycle, volume, access)' },
  { id: 'contracts', label: 'Contracts (fee schedules, CMS fee files and 835 remittances)' },
  { id: 'budget', label: "Budget (from last year's general ledger)" },
  { id: 'variance', label: "Variance (this year's ledger vs budget)" },
];

export interface BuildOptions {
  readonly practiceName?: string | undefined;
  /**
   * What the user typed in the workbook (drivers, thresholds, comments). The budget and variance
   * builders compute their expected values from them, so they take them before building.
   */
  readonly userValues?: UserValues | undefined;
}

/** Imports holding general-ledger amounts (GL detail or P&L by month), by the years they cover. */
function ledgerYears(results: readonly ImportResult[]): { ledger: ImportResult[]; years: number[] } {
  const ledger = results.filter((r) => r.records.some((rec) => rec.type === 'gl-entry' || rec.type === 'pl-line'));
  const years = [...new Set(ledgerAmounts(ledger).map((a) => Number(a.month.slice(0, 4))))].sort((a, b) => a - b);
  return { ledger, years };
}

/** The same imports with only the GL records of the months `keep` accepts (one file may span two years). */
function ledgerPart(ledger: readonly ImportResult[], keep: (month: string) => boolean): ImportResult[] {
  return ledger
    .map((r) => ({
      ...r,
      records: r.records.filter((rec) => {
        if (rec.type === 'gl-entry') return keep(String((rec as { date: string }).date).slice(0, 7));
        if (rec.type === 'pl-line') return keep(String((rec as { month: string }).month));
        return false;
      }),
    }))
    .filter((r) => r.records.length > 0);
}

const NO_LEDGER = "needs a general ledger: import a GL detail or P&L-by-month export (CSV or XLSX) from the accounting system first.";

/**
 * The Budget or Variance plan from the imports, as `practice build --workbook budget|variance` builds
 * it. Budget: the year after the last full year of GL amounts. Variance: the latest year of GL amounts
 * is the budget year (its actuals); the years before it give the budget.
 */
function ledgerPlan(kind: 'budget' | 'variance', results: readonly ImportResult[], dataset: ReturnType<typeof assembleDataset>, options: BuildOptions): Result<WorkbookPlan> {
  const { ledger, years } = ledgerYears(results);
  const userValues = options.userValues ?? noUserValues;
  const name = options.practiceName ?? 'Practice';
  if (kind === 'budget') {
    if (ledger.length === 0) return err(`The Budget workbook ${NO_LEDGER}`);
    const built = budgetFromInputs({ dataset, priorYear: ledger, name }, userValues);
    return typeof built === 'string' ? err(built) : ok(built.built.plan);
  }
  const budgetYear = years[years.length - 1];
  if (budgetYear === undefined) return err(`The Variance workbook ${NO_LEDGER}`);
  const prior = ledgerPart(ledger, (m) => Number(m.slice(0, 4)) < budgetYear);
  if (prior.length === 0) return err(`The Variance workbook compares ${budgetYear} with a budget built from ${budgetYear - 1}: import the ${budgetYear - 1} general ledger as well.`);
  const input = varianceInputFrom({ dataset, priorYear: prior, name }, ledgerPart(ledger, (m) => m.startsWith(String(budgetYear))));
  if (typeof input === 'string') return err(input);
  return ok(buildVarianceWorkbook({ ...input, userValues }).plan);
}

/** The plan of `kind` from imported files; a workbook that cannot be built from them is an error message. */
export function buildPlan(kind: AddinWorkbook, results: readonly ImportResult[], options: BuildOptions = {}): Result<WorkbookPlan> {
  if (results.every((r) => r.recordsImported === 0)) return err('No records were imported yet: import export files first.');
  const dataset = assembleDataset(results);
  const generatedBy = 'Practice Workbench add-in';
  try {
    if (kind === 'contracts') return ok(buildContractWorkbook(dataset, { practiceName: options.practiceName, generatedBy }));
    if (kind === 'budget' || kind === 'variance') return ledgerPlan(kind, results, dataset, options);
    return ok(buildKpiWorkbook(dataset, { practiceName: options.practiceName, generatedBy }, aggregate(dataset, {})));
  } catch (e) {
    // A builder that cannot work with this data says why (e.g. no contract terms imported).
    return err(e instanceof Error ? e.message : String(e));
  }
}

/** Builds plans of the imports at hand: in the task pane, the worker that keeps them (import-client.ts planInWorker). */
export type Planner = (kind: AddinWorkbook, options: BuildOptions) => Promise<Result<WorkbookPlan>>;

