/**
 * VARIANCE, MATERIAL and FLEXBUDGET as a spreadsheet calls them: dollars in, dollars out. Thin over
 * the cent-exact core (variance.ts); the add-in's custom functions wrap these.
 */
import { err, ok, type Result } from '../result';
import { centsToDollars, roundCents } from '../money';
import { flexBudget, material, variance, type AccountType, type MaterialityMode } from './variance';

function accountType(text: string): AccountType | undefined {
  const t = text.trim().toLowerCase();
  if (/^(revenue|income|r)$/.test(t)) return 'revenue';
  if (/^(expense|cost|e)$/.test(t)) return 'expense';
  return undefined;
}

/** VARIANCE(actual, budget, type) → [variance $, variance % or "", "F" | "U" | ""]. */
export function varianceRow(actual: number, budget: number, type: string): Result<[number, number | '', 'F' | 'U' | '']> {
  const t = accountType(type);
  if (t === undefined) return err(`"${type}" is not an account type (revenue or expense)`);
  if (!Number.isFinite(actual) || !Number.isFinite(budget)) return err('actual and budget must be numbers');
  const v = variance(roundCents(actual * 100), roundCents(budget * 100), t);
  return ok([centsToDollars(v.dollars), v.percent ?? '', v.favourable === null ? '' : v.favourable ? 'F' : 'U']);
}

/** MATERIAL(actual, budget, abs, pct, [mode]) → TRUE when the variance is big enough to explain. */
export function isMaterial(actual: number, budget: number, absolute: number, percent: number, mode: string = 'AND'): Result<boolean> {
  const m = mode.trim().toUpperCase();
  if (m !== 'AND' && m !== 'OR') return err(`"${mode}" is not AND or OR`);
  if (![actual, budget, absolute, percent].every(Number.isFinite)) return err('the arguments must be numbers');
  return ok(material(roundCents(actual * 100), roundCents(budget * 100), { absoluteCents: roundCents(absolute * 100), percent, mode: m as MaterialityMode }));
}

/** FLEXBUDGET(budget, budgetVolume, actualVolume, variableShare) → the budget restated at actual volume. */
export function flexBudgetDollars(budget: number, budgetVolume: number, actualVolume: number, variableShare: number): Result<number> {
  if (![budget, budgetVolume, actualVolume, variableShare].every(Number.isFinite)) return err('the arguments must be numbers');
  if (variableShare < 0 || variableShare > 1) return err('the variable share must be between 0 and 1 (0% to 100%)');
  return ok(centsToDollars(flexBudget(roundCents(budget * 100), budgetVolume, actualVolume, variableShare)));
}
