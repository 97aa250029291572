/** Pieces every sheet of the KPI workbook shares: number formats per unit, KPI cells, status logic. */
import type { Aggregates } from '../../aggregate/types';
import { cellValue, type KpiDefinition, type KpiDirection, type KpiPeriod, type KpiSlice, type KpiUnit } from '../../kpi';
import type { MonthKey } from '../../period';
import type { NumberFormatName, Placed } from '../types';

export const SHEETS = {
  about: 'About',
  dashboard: 'Dashboard',
  byMonth: 'KPI by month',
  byProvider: 'KPI by provider',
  byLocation: 'KPI by location',
  payerMix: 'Payer mix',
  definitions: 'Definitions',
  data: 'Data',
  aging: 'Data - A-R aging',
  distinct: 'Data - distinct counts',
  importLog: 'Import log',
} as const;

/** The report-month input every KPI sheet follows. */
export const REPORT_MONTH_CELL = 'B3';
export const reportMonthRef = `${SHEETS.dashboard}!$B$3`;

export function formatFor(kpi: KpiDefinition): NumberFormatName | string {
  const byUnit: Record<KpiUnit, NumberFormatName | string> = {
    ratio: 'percent',
    money: 'money',
    days: 'decimal1',
    count: 'integer',
    minutes: 'decimal1',
    rvu: 'decimal1',
  };
  if (kpi.unit === 'count' && kpi.id === 'visits_per_provider_day') return 'decimal1';
  return byUnit[kpi.unit];
}

export function unitLabel(unit: KpiUnit): string {
  return { ratio: '%', money: '$', days: 'days', count: 'count', minutes: 'minutes', rvu: 'wRVU' }[unit];
}

/** Excel serial of the first day of a month (the value a month header formula yields). */
export function monthSerial(month: MonthKey): number {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return (Date.UTC(y, m - 1, 1) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * One KPI value as a cell: a live formula with the core's expected result, or, when the dataset
 * cannot give this KPI at all, the text "n/a" with the reason as a note.
 */
export function kpiCell(
  aggregates: Aggregates,
  kpi: KpiDefinition,
  at: string,
  period: KpiPeriod,
  monthRef: string,
  slice: KpiSlice,
): Placed {
  const format = formatFor(kpi);
  const missing = kpi.needs(aggregates.availability);
  if (missing !== undefined) return { at, value: 'n/a', note: missing, style: 'muted' };
  const result = kpi.compute(aggregates, { period, slice });
  return {
    at,
    formula: kpi.excelFormula({ monthRef, period: period.kind, slice }),
    expected: cellValue(kpi, result),
    format,
    ...('unavailable' in result ? { note: result.unavailable } : {}),
  };
}

export type Status = 'On target' | 'Near target' | 'Off target' | '';

/** Within 10% of the target on the wrong side reads as "near". */
export const NEAR = 0.1;

/** The status of a value against a target, as the status formula computes it. */
export function statusOf(value: number | string | null, target: number | null, direction: KpiDirection): Status {
  if (typeof value !== 'number' || target === null || direction === 'neutral') return '';
  if (direction === 'higher') return value >= target ? 'On target' : value >= target * (1 - NEAR) ? 'Near target' : 'Off target';
  return value <= target ? 'On target' : value <= target * (1 + NEAR) ? 'Near target' : 'Off target';
}

/** The status formula for a value cell and a target cell (same logic as `statusOf`). */
export function statusFormula(valueRef: string, targetRef: string, direction: KpiDirection): string {
  if (direction === 'neutral') return '""';
  const [on, near] = direction === 'higher' ? ['>=', `>=${targetRef}*(1-${NEAR})`] : ['<=', `<=${targetRef}*(1+${NEAR})`];
  return (
    `IF(OR(NOT(ISNUMBER(${valueRef})),NOT(ISNUMBER(${targetRef}))),"",` +
    `IF(${valueRef}${on}${targetRef},"On target",IF(${valueRef}${near},"Near target","Off target")))`
  );
}
