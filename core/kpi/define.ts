/**
 * One expression tree, two evaluations: `evaluate` sums the aggregates in core (cents, counts),
 * `toExcel` writes the SUMIFS formula over the Data tables (dollars). `defineKpi` turns a KPI's
 * words and expressions into a full definition with `compute` and `excelFormula`.
 */
import { exactCriterionLiteral } from '../plan/formula';
import { distinctColumn, measureColumn } from '../aggregate/definitions';
import { periodMonths } from '../aggregate/distinct';
import type { AgingRow, Aggregates, Availability, DistinctRow, FactMeasure, FactRow } from '../aggregate/types';
import { addMonths, daysInMonth, type MonthKey } from '../period';
import { AGING, agingColumns, bucketStart, DISTINCT, distinctColumns, FACTS, factColumns, payerClassText, periodLabels, sliceLabels } from './tables';
import type { Expr, FormulaContext, KpiDefinition, KpiPeriod, KpiQuery, KpiResult, KpiSlice } from './types';

/** Money measures are cents in core and dollars in the workbook. */
const moneyMeasures: ReadonlySet<FactMeasure> = new Set<FactMeasure>([
  'chargeCents',
  'paymentCents',
  'contractualAdjustmentCents',
  'otherAdjustmentCents',
  'deniedCents',
  'adjudicatedCents',
]);

export function isMoneyMeasure(measure: FactMeasure): boolean {
  return moneyMeasures.has(measure);
}

type Sliceable = { providerKey: string; locationKey: string; payerClass: string; payerKey: string };

/** A slice's member key on a row ('all' for the whole practice). */
function sliceMember(row: Sliceable, dimension: KpiSlice['dimension']): string {
  switch (dimension) {
    case 'all':
      return 'all';
    case 'provider':
      return row.providerKey;
    case 'location':
      return row.locationKey;
    case 'payerClass':
      return row.payerClass;
    case 'payer':
      return row.payerKey;
  }
}

/**
 * Rows of one table by month, then by slice (`dimension|key`), built on first use of a dimension:
 * a query for one provider's month touches only that provider's rows (a 250-provider group's
 * by-provider sheet would otherwise scan every row of the month once per provider and KPI).
 */
class MonthSliceIndex<R extends Sliceable & { readonly month: MonthKey }> {
  private readonly byDimension = new Map<KpiSlice['dimension'], Map<string, R[]>>();

  constructor(private readonly rows: readonly R[]) {}

  rowsOf(month: MonthKey, slice: KpiSlice): readonly R[] {
    let index = this.byDimension.get(slice.dimension);
    if (index === undefined) {
      index = new Map();
      for (const row of this.rows) {
        const key = `${row.month}|${sliceMember(row, slice.dimension)}`;
        const list = index.get(key);
        if (list === undefined) index.set(key, [row]);
        else list.push(row);
      }
      this.byDimension.set(slice.dimension, index);
    }
    return index.get(`${month}|${slice.dimension === 'all' ? 'all' : slice.key}`) ?? [];
  }
}

interface AggregateIndex {
  readonly facts: MonthSliceIndex<FactRow>;
  readonly aging: MonthSliceIndex<AgingRow>;
  readonly distinct: Map<string, DistinctRow>;
}

/** Rows by month and slice (and distinct rows by period/slice), built once per Aggregates: queries then touch only their rows. */
const indexes = new WeakMap<Aggregates, AggregateIndex>();

function indexOf(aggregates: Aggregates): AggregateIndex {
  let index = indexes.get(aggregates);
  if (index === undefined) {
    const distinct = new Map(aggregates.distinct.map((d) => [`${d.period}|${d.month}|${d.dimension}|${d.key}`, d]));
    index = { facts: new MonthSliceIndex(aggregates.facts), aging: new MonthSliceIndex(aggregates.aging), distinct };
    indexes.set(aggregates, index);
  }
  return index;
}

/** Evaluates an expression over the aggregates (money in cents). */
export function evaluate(expr: Expr, aggregates: Aggregates, query: KpiQuery): number {
  const { period, slice } = query;
  switch (expr.op) {
    case 'const':
      return expr.value;
    case 'add':
      return evaluate(expr.left, aggregates, query) + evaluate(expr.right, aggregates, query);
    case 'sub':
      return evaluate(expr.left, aggregates, query) - evaluate(expr.right, aggregates, query);
    case 'mul':
      return evaluate(expr.left, aggregates, query) * evaluate(expr.right, aggregates, query);
    case 'div':
      return evaluate(expr.left, aggregates, query) / evaluate(expr.right, aggregates, query);
    case 'daysIn3Months':
      return [0, -1, -2].map((n) => addMonths(period.month, n)).reduce((sum, m) => sum + daysInMonth(Number(m.slice(0, 4)), Number(m.slice(5, 7))), 0);
    case 'fact': {
      const months = expr.window === 'trailing3' ? [addMonths(period.month, -2), addMonths(period.month, -1), period.month] : periodMonths(period.kind, period.month);
      const s = expr.wholePractice === true ? { dimension: 'all' as const, key: 'all' } : slice;
      const facts = indexOf(aggregates).facts;
      let total = 0;
      for (const month of months) for (const f of facts.rowsOf(month, s)) total += f.measures[expr.measure];
      return total;
    }
    case 'openAr': {
      const min = expr.olderThanDays === undefined ? -1 : expr.olderThanDays + 1;
      let total = 0;
      for (const a of indexOf(aggregates).aging.rowsOf(period.month, slice)) if (bucketStart[a.bucket] >= min) total += a.openCents;
      return total;
    }
    case 'distinct': {
      return indexOf(aggregates).distinct.get(`${period.kind}|${period.month}|${slice.dimension}|${slice.key}`)?.[expr.measure] ?? 0;
    }
  }
}

function str(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function sliceCriteria(table: string, slice: KpiSlice, columns: { providerKey: string; locationKey: string; payerClass: string; payerKey: string }): string {
  switch (slice.dimension) {
    case 'all':
      return '';
    case 'provider':
      return `,${table}[${columns.providerKey}],${exactCriterionLiteral(slice.key)}`;
    case 'location':
      return `,${table}[${columns.locationKey}],${exactCriterionLiteral(slice.key)}`;
    case 'payerClass':
      return `,${table}[${columns.payerClass}],${exactCriterionLiteral(payerClassText(slice.key as Parameters<typeof payerClassText>[0]))}`;
    case 'payer':
      return `,${table}[${columns.payerKey}],${exactCriterionLiteral(slice.key)}`;
  }
}

function monthWindow(column: string, m: string, window: 'period' | 'trailing3', kind: KpiPeriod['kind']): string {
  if (window === 'trailing3') return `,${column},">="&EDATE(${m},-2),${column},"<="&${m}`;
  if (kind === 'month') return `,${column},${m}`;
  if (kind === 't12') return `,${column},">="&EDATE(${m},-11),${column},"<="&${m}`;
  return `,${column},">="&DATE(YEAR(${m}),1,1),${column},"<="&${m}`;
}

/** The expression as an Excel formula over the Data tables (money in dollars). */
export function toExcel(expr: Expr, context: FormulaContext): string {
  const m = context.monthRef;
  switch (expr.op) {
    case 'const':
      return String(expr.value);
    case 'add':
      return `(${toExcel(expr.left, context)}+${toExcel(expr.right, context)})`;
    case 'sub':
      return `(${toExcel(expr.left, context)}-${toExcel(expr.right, context)})`;
    case 'mul':
      return `${toExcel(expr.left, context)}*${toExcel(expr.right, context)}`;
    case 'div':
      return `${toExcel(expr.left, context)}/${toExcel(expr.right, context)}`;
    case 'daysIn3Months':
      return `(EOMONTH(${m},0)-EDATE(${m},-2)+1)`;
    case 'fact': {
      const slice = expr.wholePractice === true ? { dimension: 'all' as const, key: 'all' } : context.slice;
      return (
        `SUMIFS(${FACTS}[${measureColumn(expr.measure)}]` +
        monthWindow(`${FACTS}[${factColumns.month}]`, m, expr.window ?? 'period', context.period) +
        sliceCriteria(FACTS, slice, factColumns) +
        ')'
      );
    }
    case 'openAr':
      return (
        `SUMIFS(${AGING}[${agingColumns.open}],${AGING}[${agingColumns.month}],${m}` +
        sliceCriteria(AGING, context.slice, agingColumns) +
        (expr.olderThanDays === undefined ? '' : `,${AGING}[${agingColumns.daysFrom}],">=${expr.olderThanDays + 1}"`) +
        ')'
      );
    case 'distinct': {
      const key = context.slice.dimension === 'payerClass' ? payerClassText(context.slice.key as Parameters<typeof payerClassText>[0]) : context.slice.key;
      return (
        `SUMIFS(${DISTINCT}[${distinctColumn(expr.measure)}],${DISTINCT}[${distinctColumns.period}],${str(periodLabels[context.period])},` +
        `${DISTINCT}[${distinctColumns.month}],${m},${DISTINCT}[${distinctColumns.slice}],${str(sliceLabels[context.slice.dimension])},` +
        `${DISTINCT}[${distinctColumns.key}],${exactCriterionLiteral(key)})`
      );
    }
  }
}

/** True when the expression sums money (so a money numerator over a count is dollars in Excel). */
function hasMoney(expr: Expr): boolean {
  if (expr.op === 'fact') return isMoneyMeasure(expr.measure);
  if (expr.op === 'openAr') return true;
  if (expr.op === 'add' || expr.op === 'sub' || expr.op === 'mul' || expr.op === 'div') return hasMoney(expr.left) || hasMoney(expr.right);
  return false;
}

export type KpiSpec = Omit<KpiDefinition, 'compute' | 'excelFormula' | 'denominator' | 'share'> & {
  readonly denominator?: ((period: KpiPeriod) => Expr) | undefined;
  readonly share?: boolean | undefined;
  /** Words for an empty denominator in one period, e.g. "no charges in the period". */
  readonly emptyDenominator?: string | undefined;
};

/** Builds a KPI definition whose `compute` and `excelFormula` come from the same expressions. */
export function defineKpi(spec: KpiSpec): KpiDefinition {
  const denominator = spec.denominator;
  const compute = (aggregates: Aggregates, query: KpiQuery): KpiResult => {
    const missing = spec.needs(aggregates.availability);
    if (missing !== undefined) return { unavailable: missing };
    const numerator = evaluate(spec.numerator(query.period), aggregates, query);
    if (denominator === undefined) return { value: numerator, numerator, denominator: null };
    const d = evaluate(denominator(query.period), aggregates, query);
    if (d === 0 || !Number.isFinite(d))
      return { unavailable: `not available: ${spec.emptyDenominator ?? `no ${spec.denominatorText ?? 'denominator'} in the period`}` };
    return { value: numerator / d, numerator, denominator: d };
  };
  const excelFormula = (context: FormulaContext): string => {
    const period: KpiPeriod = { kind: context.period, month: '' };
    const num = toExcel(spec.numerator(period), context);
    if (denominator === undefined) return num;
    return `IFERROR(${num}/(${toExcel(denominator(period), context)}),"n/a")`;
  };
  return { ...spec, share: spec.share ?? false, denominator, compute, excelFormula };
}

/** The value as a workbook cell shows it: money in dollars, everything else as is. */
export function cellValue(kpi: KpiDefinition, result: KpiResult): number | string {
  if (!('value' in result)) return 'n/a';
  return kpi.unit === 'money' ? result.value / 100 : result.value;
}

/** Numerator money for Excel: is the numerator money while the value is not a money ratio? (for notes) */
export function numeratorIsMoney(kpi: KpiDefinition, period: KpiPeriod): boolean {
  return hasMoney(kpi.numerator(period));
}

/** The reason text for a dataset-level gap, e.g. `not available: needs payment rows`. */
export function needs(what: string): string {
  return `not available: needs ${what}`;
}

export type { Availability };
