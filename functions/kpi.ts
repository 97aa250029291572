/**
 * KPI custom functions. Each JSDoc block is the help Excel shows; each body is a few lines over
 * core/kpi through functions/kpi-inputs.ts. Ranges are summed, blanks skipped; money in dollars.
 */
import { kpiById, kpis } from '../core/kpi';
import type { KpiDefinition } from '../core/kpi';
import type { PeriodKind } from '../core/aggregate/types';
import { kpiFromInputs, kpiInputs } from './kpi-inputs';
import { namedValuesArg, numberArg, problem, sheetCall, sumArg, textArg } from './sheet';

function definition(id: unknown): KpiDefinition {
  const text = textArg(id, 'the KPI id').toLowerCase();
  const kpi = kpiById(text);
  if (kpi === undefined) throw problem(`"${text}" is not a KPI id; PRACTICE.KPIS() lists them (e.g. ${kpis[0]?.id ?? ''})`, 'notAvailable');
  return kpi;
}

function periodArg(value: unknown): PeriodKind {
  if (value === undefined || value === null || value === '') return 'month';
  const text = textArg(value, 'the period').toLowerCase();
  if (text === 'month' || text === 't12' || text === 'ytd') return text;
  throw problem(`the period must be "month", "t12" or "ytd", not "${text}"`);
}

const byInputs = (id: string, inputs: Record<string, number>): number => {
  const kpi = kpiById(id);
  if (kpi === undefined) throw new Error(`KPI ${id} is not registered`);
  return kpiFromInputs(kpi, new Map(Object.entries(inputs)));
};

/**
 * Net (adjusted) collection rate: payments ÷ (charges − contractual adjustments). MGMA / HFMA.
 * @customfunction NETCOLLECTIONRATE NETCOLLECTIONRATE
 * @param payments Payments posted in the period (a cell or range, dollars)
 * @param charges Charges with a date of service in the period (dollars)
 * @param contractualAdjustments Contractual adjustments posted in the period (dollars, positive)
 * @returns The rate as a fraction (0.95 = 95 %)
 */
export function netCollectionRate(payments: number[][], charges: number[][], contractualAdjustments: number[][]): number {
  return sheetCall(() =>
    byInputs('net_collection_rate', {
      Payments: sumArg(payments, 'payments'),
      Charges: sumArg(charges, 'charges'),
      'Contractual adjustments': sumArg(contractualAdjustments, 'contractual adjustments'),
    }),
  );
}

/**
 * Gross collection rate: payments ÷ gross charges.
 * @customfunction GROSSCOLLECTIONRATE GROSSCOLLECTIONRATE
 * @param payments Payments posted in the period (dollars)
 * @param charges Gross charges with a date of service in the period (dollars)
 * @returns The rate as a fraction
 */
export function grossCollectionRate(payments: number[][], charges: number[][]): number {
  return sheetCall(() => byInputs('gross_collection_rate', { Payments: sumArg(payments, 'payments'), Charges: sumArg(charges, 'charges') }));
}

/**
 * Net days in A/R (HFMA MAP Keys): open A/R ÷ average daily net revenue of the last 3 months.
 * @customfunction DAYSINAR DAYSINAR
 * @param openAr Open A/R at the month end (dollars)
 * @param charges Charges of the 3 months ending with the month (dollars)
 * @param contractualAdjustments Contractual adjustments of those 3 months (dollars)
 * @param [days] Calendar days in those 3 months (default 91)
 * @returns Days in A/R
 */
export function daysInAr(openAr: number[][], charges: number[][], contractualAdjustments: number[][], days?: number): number {
  return sheetCall(() => {
    const dayCount = days === undefined || days === null ? 91 : numberArg(days, 'days');
    if (dayCount < 1) throw problem('days must be at least 1');
    return byInputs('days_in_ar', {
      'Open A/R': sumArg(openAr, 'open A/R'),
      'Charges (last 3 months)': sumArg(charges, 'charges'),
      'Contractual adjustments (last 3 months)': sumArg(contractualAdjustments, 'contractual adjustments'),
      'Days in the 3 months': dayCount,
    });
  });
}

/**
 * Initial denial rate by claims (HFMA, same-period variant): initial denials ÷ claims adjudicated.
 * @customfunction DENIALRATE DENIALRATE
 * @param denials Claims initially denied in the period
 * @param claimsAdjudicated Claims adjudicated in the period
 * @returns The rate as a fraction
 */
export function denialRate(denials: number[][], claimsAdjudicated: number[][]): number {
  return sheetCall(() =>
    byInputs('initial_denial_rate_count_same_month', {
      'Initial denials': sumArg(denials, 'denials'),
      'Claims adjudicated': sumArg(claimsAdjudicated, 'claims adjudicated'),
    }),
  );
}

/**
 * No-show rate: no-shows ÷ (completed + no-shows). Cancellations are left out.
 * @customfunction NOSHOWRATE NOSHOWRATE
 * @param noShows Appointments marked no-show
 * @param completed Appointments completed
 * @returns The rate as a fraction
 */
export function noShowRate(noShows: number[][], completed: number[][]): number {
  return sheetCall(() => byInputs('no_show_rate', { 'No shows': sumArg(noShows, 'no-shows'), Completed: sumArg(completed, 'completed appointments') }));
}

/**
 * Any registered KPI from its inputs. Give a two-column range of input names and values (PRACTICE.KPIINPUTS lists the names a KPI needs).
 * @customfunction KPI KPI
 * @param id KPI id, e.g. "net_collection_rate" (PRACTICE.KPIS lists them)
 * @param inputs Two columns: input name (e.g. Payments) and its value (dollars for money)
 * @param [period] "month" (default), "t12" or "ytd": some KPIs average a month's denominator over 3 months
 * @returns The KPI's value (a fraction for rates, dollars for money)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a range of names and numbers
export function kpi(id: string, inputs: any[][], period?: string): number {
  return sheetCall(() => {
    const kpi = definition(id);
    const named = namedValuesArg(inputs, 'inputs');
    const values = new Map<string, number>();
    for (const [name, value] of named) values.set(name, sumArg(value, name));
    return kpiFromInputs(kpi, values, periodArg(period));
  });
}

/**
 * The inputs a KPI needs, one per row, in the words of the KPI workbook's Facts table.
 * @customfunction KPIINPUTS KPIINPUTS
 * @param id KPI id, e.g. "days_in_ar"
 * @param [period] "month" (default), "t12" or "ytd"
 * @returns Input names, one per row
 */
export function kpiInputNames(id: string, period?: string): string[][] {
  return sheetCall(() => kpiInputs(definition(id), periodArg(period)).map((name) => [name]));
}

/**
 * Every KPI id with its label, one per row.
 * @customfunction KPIS KPIS
 * @returns Two columns: id and label
 */
export function kpiList(): string[][] {
  return sheetCall(() => kpis.map((k) => [k.id, k.label]));
}

/**
 * A KPI's definition: its formula in words and the authority it comes from.
 * @customfunction DEFINITION DEFINITION
 * @param id KPI id, e.g. "no_show_rate"
 * @returns "Label: formula. Source: …"
 */
export function definitionText(id: string): string {
  return sheetCall(() => {
    const kpi = definition(id);
    return `${kpi.label}: ${kpi.formulaText}. Source: ${kpi.source}`;
  });
}
