/**
 * The KPI workbook plan (issue 3): About, Dashboard, KPI by month, KPI by provider and by location, Payer mix,
 * Definitions, the Data sheets and the Import log. Every KPI number is a native formula over the
 * Data tables with the core's result as `expected`; imported text is sanitised; no patient-level
 * value is ever written (distinct patient counts are precomputed aggregates).
 *
 * The CLI (`practice build`) and the add-in's Build step both call `buildKpiWorkbook`.
 */
import { aggregate, type AggregateOptions } from '../aggregate';
import type { Aggregates } from '../aggregate/types';
import type { Dataset } from '../dataset';
import { kpis, type KpiDefinition } from '../kpi';
import { monthOf, type MonthKey } from '../period';
import { aboutSheet } from './kpi/about';
import { byMonthSheet } from './kpi/by-month';
import { byLocationSheet, byProviderSheet } from './kpi/by-provider';
import { dashboardSheet } from './kpi/dashboard';
import { dataSheets } from './kpi/data-sheets';
import { definitionsSheet } from './kpi/definitions';
import { denialsSheets, hasDenialData } from './kpi/denials';
import { importLogSheet } from './kpi/import-log';
import { payerMixSheet } from './kpi/payer-mix';
import { reportMonthRef } from './kpi/shared';
import { sanitizeText } from './sanitize';
import type { PlanSheet, WorkbookPlan } from './types';

export { SHEETS as kpiSheets } from './kpi/shared';

export interface KpiWorkbookOptions extends AggregateOptions {
  /** Shown in titles; sanitised like any imported text. */
  readonly practiceName?: string | undefined;
  /** e.g. `Practice Workbench 0.1.0 (practice build)`. */
  readonly generatedBy?: string | undefined;
  /** KPIs to show (default: all registered). */
  readonly kpis?: readonly KpiDefinition[] | undefined;
  /**
   * Extra sheets another module adds (e.g. the Denials section), placed before Definitions.
   * They receive the same aggregates, so their formulas can read the same Data tables.
   * Default: the Denials section when the dataset has remittances or denial adjustments (`null`: none).
   */
  readonly extraSheets?: ((aggregates: Aggregates, reportMonth: MonthKey) => readonly PlanSheet[]) | null | undefined;
}

/** Builds the KPI workbook plan for a dataset, aggregating it first (or reusing given aggregates). */
export function buildKpiWorkbook(dataset: Dataset, options: KpiWorkbookOptions = {}, aggregates: Aggregates = aggregate(dataset, options)): WorkbookPlan {
  const practiceName = sanitizeText(options.practiceName ?? 'Practice');
  const list = options.kpis ?? kpis;
  const reportMonth = aggregates.lastClosedMonth ?? (aggregates.asOfDate !== null ? monthOf(aggregates.asOfDate) : '2000-01');
  const extraSheets =
    options.extraSheets !== undefined
      ? options.extraSheets
      : hasDenialData(dataset)
        ? (_: Aggregates, month: MonthKey) => denialsSheets(dataset, month, practiceName)
        : null;
  const sheets: PlanSheet[] = [
    aboutSheet(dataset, aggregates, list, {
      practiceName,
      reportMonth,
      generatedBy: sanitizeText(options.generatedBy ?? 'Practice Workbench'),
    }),
    dashboardSheet(aggregates, list, practiceName, reportMonth),
    byMonthSheet(aggregates, list, practiceName, reportMonth),
    byProviderSheet(aggregates, list, practiceName, reportMonth),
    byLocationSheet(aggregates, list, practiceName, reportMonth),
    payerMixSheet(aggregates, practiceName, reportMonth),
    ...(extraSheets?.(aggregates, reportMonth) ?? []),
    definitionsSheet(list),
    ...dataSheets(aggregates),
    importLogSheet(dataset.issues),
  ];
  return {
    kind: 'kpi',
    title: `${practiceName}: KPI workbook`,
    sheets,
    namedRanges: [{ name: 'ReportMonth', ref: reportMonthRef, comment: 'The month the KPI sheets report on' }],
    shareSafe: true,
  };
}

/** Rows of the Data sheets, for reporting against Excel's 1,048,576-row limit. */
export function dataRowCounts(aggregates: Aggregates): { facts: number; aging: number; distinct: number } {
  return { facts: aggregates.facts.length, aging: aggregates.aging.length, distinct: aggregates.distinct.length };
}

