/** Short constructors for KPI expressions, so each definition reads like its formula text. */
import type { DistinctMeasure, FactMeasure } from '../aggregate/types';
import type { Expr } from './types';

export const fact = (measure: FactMeasure, options: { window?: 'period' | 'trailing3'; wholePractice?: boolean } = {}): Expr => ({
  op: 'fact',
  measure,
  ...options,
});
export const openAr = (olderThanDays?: 90 | 120): Expr => (olderThanDays === undefined ? { op: 'openAr' } : { op: 'openAr', olderThanDays });
export const distinct = (measure: DistinctMeasure): Expr => ({ op: 'distinct', measure });
export const daysIn3Months = (): Expr => ({ op: 'daysIn3Months' });
export const constant = (value: number): Expr => ({ op: 'const', value });
export const sub = (left: Expr, right: Expr): Expr => ({ op: 'sub', left, right });
export const add = (left: Expr, right: Expr): Expr => ({ op: 'add', left, right });
export const div = (left: Expr, right: Expr): Expr => ({ op: 'div', left, right });
export const mul = (left: Expr, right: Expr): Expr => ({ op: 'mul', left, right });
