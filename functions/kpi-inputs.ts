/**
 * A KPI definition evaluated on numbers a person supplies (sums over their own ranges) instead of
 * the workbook's data tables: the same expression tree core/kpi uses for `compute` and
 * `excelFormula`, so PRACTICE.KPI cannot drift from the KPI workbook. Inputs are named by the
 * column of the Facts table (or Aging/Distinct) they stand for, e.g. `Payments`, `Charges`.
 */
import { distinctColumn, measureColumn } from '../core/aggregate/definitions';
import type { Expr, KpiDefinition, KpiPeriod } from '../core/kpi';
import type { PeriodKind } from '../core/aggregate/types';
import { problem } from './sheet';

export interface KpiInput {
  /** What the person supplies, in the workbook's words: `Payments`, `Charges (last 3 months)`. */
  readonly name: string;
}

function inputName(expr: Expr): string | undefined {
  switch (expr.op) {
    case 'fact':
      return expr.window === 'trailing3' ? `${measureColumn(expr.measure)} (last 3 months)` : measureColumn(expr.measure);
    case 'openAr':
      return expr.olderThanDays === undefined ? 'Open A/R' : `Open A/R over ${expr.olderThanDays} days`;
    case 'distinct':
      return distinctColumn(expr.measure);
    case 'daysIn3Months':
      return 'Days in the 3 months';
    default:
      return undefined;
  }
}

function collect(expr: Expr, into: string[]): void {
  const name = inputName(expr);
  if (name !== undefined) {
    if (!into.includes(name)) into.push(name);
    return;
  }
  if (expr.op === 'add' || expr.op === 'sub' || expr.op === 'mul' || expr.op === 'div') {
    collect(expr.left, into);
    collect(expr.right, into);
  }
}

const periodFor = (kind: PeriodKind): KpiPeriod => ({ kind, month: '' });

/** The inputs a KPI needs, numerator first, in the order they appear. */
export function kpiInputs(kpi: KpiDefinition, period: PeriodKind = 'month'): string[] {
  const names: string[] = [];
  collect(kpi.numerator(periodFor(period)), names);
  if (kpi.denominator !== undefined) collect(kpi.denominator(periodFor(period)), names);
  return names;
}

function evaluateWith(expr: Expr, value: (name: string) => number): number {
  const name = inputName(expr);
  if (name !== undefined) return value(name);
  switch (expr.op) {
    case 'const':
      return expr.value;
    case 'add':
      return evaluateWith(expr.left, value) + evaluateWith(expr.right, value);
    case 'sub':
      return evaluateWith(expr.left, value) - evaluateWith(expr.right, value);
    case 'mul':
      return evaluateWith(expr.left, value) * evaluateWith(expr.right, value);
    case 'div':
      return evaluateWith(expr.left, value) / evaluateWith(expr.right, value);
    default:
      throw new Error(`no input name for ${expr.op}`);
  }
}

/**
 * The KPI's value from named inputs (money in dollars, as the workbook holds it): numerator ÷
 * denominator, or the numerator alone for counts. A missing input or an empty denominator is a
 * sheet problem whose message names what is missing.
 */
export function kpiFromInputs(kpi: KpiDefinition, inputs: ReadonlyMap<string, number>, period: PeriodKind = 'month'): number {
  const lookup = new Map([...inputs].map(([k, v]) => [k.toLowerCase(), v]));
  const missing = kpiInputs(kpi, period).filter((name) => !lookup.has(name.toLowerCase()));
  if (missing.length > 0) throw problem(`${kpi.id} needs ${missing.join(', ')}`, 'notAvailable');
  const value = (name: string) => lookup.get(name.toLowerCase()) ?? 0;
  const numerator = evaluateWith(kpi.numerator(periodFor(period)), value);
  if (kpi.denominator === undefined) return numerator;
  const denominator = evaluateWith(kpi.denominator(periodFor(period)), value);
  if (denominator === 0 || !Number.isFinite(denominator)) throw problem(`${kpi.label}: the denominator (${kpi.denominatorText ?? 'denominator'}) is zero`, 'divisionByZero');
  return numerator / denominator;
}
