/**
 * Actual-vs-budget arithmetic for one account and period: the variance, whether it is favourable,
 * whether it is material, the flexible budget and the split of the variance into volume,
 * rate/price and efficiency parts. Pure functions over cents.
 */
import { assertCents, roundCents, type Cents } from '../money';

/** Revenue over budget is good news; expense over budget is not. */
export type AccountType = 'revenue' | 'expense';

export interface Variance {
  /** actual − budget, in cents. */
  readonly dollars: Cents;
  /** (actual − budget) / |budget|; null when the budget is zero (no percent of nothing). */
  readonly percent: number | null;
  /** true favourable, false unfavourable, null when actual equals budget. */
  readonly favourable: boolean | null;
}

/**
 * VARIANCE(actual, budget, type): dollars = actual − budget; percent of the budget's size; F/U by
 * account type (revenue above budget and expense below budget are favourable).
 */
export function variance(actual: Cents, budget: Cents, type: AccountType): Variance {
  assertCents(actual);
  assertCents(budget);
  const dollars = actual - budget;
  const percent = budget === 0 ? null : dollars / Math.abs(budget);
  const favourable = dollars === 0 ? null : type === 'revenue' ? dollars > 0 : dollars < 0;
  return { dollars, percent, favourable };
}

/** How the two thresholds combine. */
export type MaterialityMode = 'AND' | 'OR';

export interface Materiality {
  /** Absolute threshold in cents: |variance| ≥ this. */
  readonly absoluteCents: Cents;
  /** Percent threshold as a fraction (0.1 = 10%): |variance| / |budget| ≥ this. */
  readonly percent: number;
  readonly mode: MaterialityMode;
}

/**
 * MATERIAL(actual, budget, abs, pct, mode): is the variance big enough to explain? With a zero
 * budget there is no percent, so only the absolute test decides (in both modes).
 */
export function material(actual: Cents, budget: Cents, threshold: Materiality): boolean {
  const gap = Math.abs(actual - budget);
  const absHit = gap >= threshold.absoluteCents;
  if (budget === 0) return absHit;
  // Rounded to 10 places, as the workbook's formula does, so 10.01 / 100.10 counts as 10%.
  const pctHit = Math.round((gap / Math.abs(budget)) * 1e10) / 1e10 >= threshold.percent;
  return threshold.mode === 'AND' ? absHit && pctHit : absHit || pctHit;
}

/**
 * FLEXBUDGET(budget, budgetVolume, actualVolume, variableShare): the budget restated at actual
 * volume: the fixed part stays, the variable part moves with volume.
 * flex = budget + round(budget × share × (actualVolume − budgetVolume) / budgetVolume).
 * With no budgeted volume there is nothing to flex by, so the budget stands.
 */
export function flexBudget(budget: Cents, budgetVolume: number, actualVolume: number, variableShare: number): Cents {
  assertCents(budget);
  if (variableShare < 0 || variableShare > 1) throw new RangeError(`variable share must be between 0 and 1: ${variableShare}`);
  if (budgetVolume === 0) return budget;
  return budget + roundCents((budget * variableShare * (actualVolume - budgetVolume)) / budgetVolume);
}

export interface VarianceSplit {
  readonly total: Cents;
  /** flexible budget − budget: what the change in volume alone explains. */
  readonly volume: Cents;
  /** actual − actual inputs at standard price: paying (or collecting) a different rate. */
  readonly rate: Cents;
  /** actual inputs at standard price − flexible budget: using more or fewer inputs per unit. */
  readonly efficiency: Cents;
  readonly flexible: Cents;
}

export interface SplitInput {
  readonly actual: Cents;
  readonly budget: Cents;
  readonly budgetVolume: number;
  readonly actualVolume: number;
  readonly variableShare: number;
  /**
   * Actual input quantity (e.g. staff hours) and its standard price in cents per unit. Without
   * them the whole flexible-budget variance is rate/price (spending) and efficiency is zero.
   */
  readonly actualInputs?: { readonly quantity: number; readonly standardPriceCents: number } | undefined;
}

/**
 * Splits actual − budget into volume + rate + efficiency, exactly (each part is a difference of
 * three cent amounts, so the parts telescope to the total):
 *   flexible  = FLEXBUDGET(budget, budgetVolume, actualVolume, variableShare)
 *   atStd     = round(actual input quantity × standard price), or flexible when not given
 *   volume    = flexible − budget
 *   efficiency= atStd − flexible
 *   rate      = actual − atStd
 */
export function splitVariance(input: SplitInput): VarianceSplit {
  const flexible = flexBudget(input.budget, input.budgetVolume, input.actualVolume, input.variableShare);
  const atStandard =
    input.actualInputs === undefined ? flexible : roundCents(input.actualInputs.quantity * input.actualInputs.standardPriceCents);
  return {
    total: input.actual - input.budget,
    volume: flexible - input.budget,
    efficiency: atStandard - flexible,
    rate: input.actual - atStandard,
    flexible,
  };
}
