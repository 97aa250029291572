/**
 * Budget and variance custom functions: thin over core/budget and core/variance sheet functions
 * (dollars in, dollars out). Each JSDoc block is the help Excel shows.
 */
import { depreciationDollars, spreadDollars } from '../core/budget/sheet-functions';
import { percentOfMedicare } from '../core/contracts/pricing';
import { roundCents } from '../core/money';
import { flexBudgetDollars, isMaterial, varianceRow } from '../core/variance/sheet-functions';
import { numberArg, numbersArg, optionalNumberArg, problem, sheetCall, textArg } from './sheet';

/**
 * Budget variance: actual − budget, as dollars, percent of budget and F (favourable) or U (unfavourable).
 * @customfunction VARIANCE VARIANCE
 * @param actual Actual amount (dollars)
 * @param budget Budgeted amount (dollars)
 * @param type "revenue" or "expense": decides which way is favourable
 * @returns One row: variance $, variance % (blank when the budget is 0), F/U
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row of a number, a number or blank, and F/U
export function variance(actual: number, budget: number, type: string): any[][] {
  return sheetCall(() => {
    const row = varianceRow(numberArg(actual, 'actual'), numberArg(budget, 'budget'), textArg(type, 'the account type'));
    return row.ok ? { ok: true as const, value: [row.value as (number | string)[]] } : row;
  });
}

/**
 * TRUE when a variance is big enough to explain: beyond the dollar AND (or OR) the percent threshold.
 * @customfunction MATERIAL MATERIAL
 * @param actual Actual amount (dollars)
 * @param budget Budgeted amount (dollars)
 * @param absolute Dollar threshold, e.g. 1000
 * @param percent Percent threshold as a fraction, e.g. 0.1
 * @param [mode] "AND" (default) or "OR"
 * @returns TRUE or FALSE
 */
export function material(actual: number, budget: number, absolute: number, percent: number, mode?: string): boolean {
  return sheetCall(() =>
    isMaterial(
      numberArg(actual, 'actual'),
      numberArg(budget, 'budget'),
      numberArg(absolute, 'the dollar threshold'),
      numberArg(percent, 'the percent threshold'),
      mode === undefined || mode === null || (mode as unknown) === '' ? 'AND' : textArg(mode, 'the mode'),
    ),
  );
}

/**
 * Flexible budget: the budget restated at actual volume (the variable share moves with volume).
 * @customfunction FLEXBUDGET FLEXBUDGET
 * @param budget Budgeted amount (dollars)
 * @param budgetVolume Volume the budget assumed
 * @param actualVolume Volume actually seen
 * @param variableShare Share of the cost that varies with volume, 0 to 1
 * @returns The flexed budget (dollars)
 */
export function flexBudget(budget: number, budgetVolume: number, actualVolume: number, variableShare: number): number {
  return sheetCall(() =>
    flexBudgetDollars(numberArg(budget, 'budget'), numberArg(budgetVolume, 'budget volume'), numberArg(actualVolume, 'actual volume'), numberArg(variableShare, 'variable share')),
  );
}

/**
 * Spreads an annual amount over 12 months to the cent: even, workingDays, seasonality or manual.
 * @customfunction SPREAD SPREAD
 * @param annual Annual amount (dollars)
 * @param method "even", "workingDays", "seasonality" or "manual"
 * @param [profile] 12 weights (seasonality: last year's monthly amounts; manual: any weights)
 * @param [year] Budget year (for working days)
 * @returns One row of 12 monthly amounts
 */
export function spread(annual: number, method: string, profile?: number[][], year?: number): number[][] {
  return sheetCall(() => {
    const weights = profile === undefined || profile === null ? undefined : numbersArg(profile, 'the profile');
    if (weights !== undefined && weights.length !== 12) throw problem(`the profile must have 12 values, not ${weights.length}`);
    const y = optionalNumberArg(year, 'the year', undefined);
    const r = spreadDollars(numberArg(annual, 'the annual amount'), textArg(method, 'the method'), weights, y);
    return r.ok ? { ok: true as const, value: [r.value] } : r;
  });
}

/**
 * Straight-line depreciation charged in a month, exact to the cent over the asset's life.
 * @customfunction DEPRECIATION DEPRECIATION
 * @param cost Cost of the asset (dollars)
 * @param salvage Salvage value (dollars)
 * @param lifeMonths Useful life in months
 * @param inServiceMonth First month in service (a date or "YYYY-MM")
 * @param month The month to charge (a date or "YYYY-MM")
 * @returns Depreciation for the month (dollars)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a month is a date serial or YYYY-MM text
export function depreciation(cost: number, salvage: number, lifeMonths: number, inServiceMonth: any, month: any): number {
  return sheetCall(() =>
    depreciationDollars(
      numberArg(cost, 'the cost'),
      numberArg(salvage, 'the salvage value'),
      numberArg(lifeMonths, 'the useful life'),
      typeof inServiceMonth === 'number' ? inServiceMonth : textArg(inServiceMonth, 'the in-service month'),
      typeof month === 'number' ? month : textArg(month, 'the month'),
    ),
  );
}

/**
 * A contract rate as a fraction of the Medicare allowed amount (1.15 = 115 % of Medicare).
 * @customfunction PCTMEDICARE PCTMEDICARE
 * @param rate The contracted rate (dollars)
 * @param medicare The Medicare allowed amount for the same code (dollars)
 * @returns The rate ÷ the Medicare amount
 */
export function pctMedicare(rate: number, medicare: number): number {
  return sheetCall(() => {
    const share = percentOfMedicare(roundCents(numberArg(rate, 'the rate') * 100), roundCents(numberArg(medicare, 'the Medicare amount') * 100));
    if (share === null) throw problem('the Medicare amount is zero', 'divisionByZero');
    return share;
  });
}
