/**
 * A KPI is data (DESIGN.md section 4): what it means in words, where the definition comes from,
 * and two ways to compute the same number: `compute` over the aggregates, and `excelFormula`, the
 * native formula over the workbook's data tables. Both are derived from one expression tree, so
 * they cannot drift apart.
 */
import type { Aggregates, Availability, DistinctMeasure, FactMeasure, PeriodKind, SliceDimension } from '../aggregate/types';
import type { MonthKey } from '../period';

/** How a value reads: `ratio` is a fraction (0.0632), `money` is cents in core and dollars in cells. */
export type KpiUnit = 'ratio' | 'money' | 'days' | 'count' | 'minutes' | 'rvu';

/** Which way is good, for status cells and traffic lights. */
export type KpiDirection = 'higher' | 'lower' | 'neutral';

export type KpiGroup = 'revenue cycle' | 'volume and productivity' | 'access and operations';

export interface KpiPeriod {
  readonly kind: PeriodKind;
  /** The period's last month. */
  readonly month: MonthKey;
}

export interface KpiSlice {
  readonly dimension: SliceDimension;
  /** The member key (`P01`), a payer class id (`medicare`), or `all`. */
  readonly key: string;
}

export const wholePractice: KpiSlice = { dimension: 'all', key: 'all' };

export interface KpiQuery {
  readonly period: KpiPeriod;
  readonly slice: KpiSlice;
}

/**
 * The expression a KPI's numerator and denominator are made of.
 * - `fact`: Σ of a Facts measure over the period (or the 3 months ending with it), in the slice
 *   (or the whole practice, for shares such as payer mix);
 * - `openAr`: Σ open A/R at the period's last month end, optionally only claims older than `olderThanDays`;
 * - `distinct`: a precomputed distinct count for the period and slice;
 * - `daysIn3Months`: calendar days in the 3 months ending with the period's last month.
 */
export type Expr =
  | { readonly op: 'fact'; readonly measure: FactMeasure; readonly window?: 'period' | 'trailing3'; readonly wholePractice?: boolean }
  | { readonly op: 'openAr'; readonly olderThanDays?: 90 | 120 }
  | { readonly op: 'distinct'; readonly measure: DistinctMeasure }
  | { readonly op: 'daysIn3Months' }
  | { readonly op: 'const'; readonly value: number }
  | { readonly op: 'add' | 'sub' | 'mul' | 'div'; readonly left: Expr; readonly right: Expr };

export type KpiResult =
  | { readonly value: number; readonly numerator: number; readonly denominator: number | null }
  | { readonly unavailable: string };

export function isAvailable(r: KpiResult): r is Extract<KpiResult, { value: number }> {
  return 'value' in r;
}

/** Where a formula sits: an Excel expression for the period's last month (a first-of-month date), and the table names. */
export interface FormulaContext {
  /** e.g. `$B$3`, `C$5`, `EDATE($B$3,-12)`. */
  readonly monthRef: string;
  readonly period: PeriodKind;
  readonly slice: KpiSlice;
}

export interface KpiDefinition {
  readonly id: string;
  readonly label: string;
  readonly group: KpiGroup;
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
  readonly numeratorText: string;
  /** Undefined for plain counts. */
  readonly denominatorText: string | undefined;
  /** The formula in words, e.g. `payments ÷ (charges − contractual adjustments)`. */
  readonly formulaText: string;
  readonly dateBasis: string;
  readonly inclusion: string;
  /** The authority whose definition is used, or "defined by Practice Workbench" with the reasoning. */
  readonly source: string;
  /** A KPI that is a share of the practice (payer mix) is shown by payer, not on the headline rows. */
  readonly share: boolean;
  /** Why the KPI cannot be computed from this dataset at all, or undefined when it can. */
  readonly needs: (availability: Availability) => string | undefined;
  readonly numerator: (period: KpiPeriod) => Expr;
  readonly denominator: ((period: KpiPeriod) => Expr) | undefined;
  /** The value for one period and slice: numerator, denominator, value (money in cents). */
  readonly compute: (aggregates: Aggregates, query: KpiQuery) => KpiResult;
  /** The native Excel formula (without `=`) that gives the same number from the Data tables (money in dollars). */
  readonly excelFormula: (context: FormulaContext) => string;
}
