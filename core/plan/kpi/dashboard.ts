/**
 * The Dashboard: headline KPIs for the report month, the prior month, the same month last year and
 * the trailing 12 months, against targets the manager owns, with direction-aware status cells.
 * The report month (B3) is an input: every KPI sheet follows it.
 */
import type { Aggregates } from '../../aggregate/types';
import { addMonths, type MonthKey } from '../../period';
import type { KpiDefinition, KpiPeriod } from '../../kpi';
import { wholePractice } from '../../kpi';
import type { ConditionalFormat, Placed, PlanSheet } from '../types';
import { formatFor, kpiCell, REPORT_MONTH_CELL, SHEETS, statusFormula, statusOf, unitLabel } from './shared';
import { defaultTargets, targetNote } from './targets';

export const DASHBOARD_FIRST_ROW = 7;

export interface KpiGroupRows {
  readonly group: string;
  readonly kpis: readonly KpiDefinition[];
}

/** KPIs grouped for display, shares (payer mix) left to the Payer mix sheet. */
export function headlineGroups(list: readonly KpiDefinition[]): KpiGroupRows[] {
  const groups = new Map<string, KpiDefinition[]>();
  for (const k of list) {
    if (k.share) continue;
    const g = groups.get(k.group) ?? [];
    g.push(k);
    groups.set(k.group, g);
  }
  return [...groups.entries()].map(([group, kpis]) => ({ group: group.charAt(0).toUpperCase() + group.slice(1), kpis }));
}

export function dashboardSheet(aggregates: Aggregates, list: readonly KpiDefinition[], practiceName: string, reportMonth: MonthKey): PlanSheet {
  const m = `$${REPORT_MONTH_CELL.charAt(0)}$${REPORT_MONTH_CELL.slice(1)}`;
  const columns: { header: string; period: KpiPeriod; monthRef: string }[] = [
    { header: 'Report month', period: { kind: 'month', month: reportMonth }, monthRef: m },
    { header: 'Prior month', period: { kind: 'month', month: addMonths(reportMonth, -1) }, monthRef: `EDATE(${m},-1)` },
    { header: 'Same month last year', period: { kind: 'month', month: addMonths(reportMonth, -12) }, monthRef: `EDATE(${m},-12)` },
    { header: 'Trailing 12 months', period: { kind: 't12', month: reportMonth }, monthRef: m },
  ];
  const cells: Placed[] = [
    { at: 'A1', value: `${practiceName}: KPI dashboard`, style: 'title' },
    {
      at: 'A2',
      value: 'Every number is a live formula over the Data sheets. Change the report month (B3) or a target (column G) and the workbook recalculates.',
      style: 'note',
    },
    { at: 'A3', value: 'Report month', style: 'label' },
    { at: REPORT_MONTH_CELL, value: { date: `${reportMonth}-01` }, style: 'input', format: 'month', note: 'The month the KPI sheets report on (the last closed month when built). Change it to look at another month.' },
    { at: 'A4', value: 'Data through', style: 'label' },
    { at: 'B4', value: aggregates.asOfDate === null ? 'no data' : { date: aggregates.asOfDate }, format: 'date' },
  ];
  const headers = ['KPI', 'Unit', ...columns.map((c) => c.header), 'Target', 'Status', 'Notes'];
  headers.forEach((h, i) => cells.push({ at: `${String.fromCharCode(65 + i)}6`, value: h, style: 'header' }));

  let row = DASHBOARD_FIRST_ROW;
  const valueRows: number[] = [];
  for (const group of headlineGroups(list)) {
    cells.push({ at: `A${row}`, value: group.group, style: 'subtitle' });
    row += 1;
    for (const kpi of group.kpis) {
      cells.push({ at: `A${row}`, value: kpi.label, style: 'label', note: `${kpi.formulaText}. ${kpi.source}.` });
      cells.push({ at: `B${row}`, value: unitLabel(kpi.unit), style: 'muted' });
      const values: (number | string | null)[] = [];
      columns.forEach((c, i) => {
        const cell = kpiCell(aggregates, kpi, `${String.fromCharCode(67 + i)}${row}`, c.period, c.monthRef, wholePractice);
        cells.push(cell);
        values.push('formula' in cell ? (cell.expected as number | string | null) : 'n/a');
      });
      const target = kpi.direction === 'neutral' ? null : (defaultTargets[kpi.id] ?? null);
      cells.push({
        at: `G${row}`,
        value: target,
        style: 'input',
        format: formatFor(kpi),
        userKey: `target:${kpi.id}`,
        ...(target !== null ? { note: targetNote } : kpi.direction === 'neutral' ? {} : { note: 'Enter your target; the status recalculates.' }),
      });
      const status = statusOf(values[0] ?? null, target, kpi.direction);
      cells.push({ at: `H${row}`, formula: statusFormula(`C${row}`, `G${row}`, kpi.direction), expected: status === '' ? null : status });
      const missing = kpi.needs(aggregates.availability);
      if (missing !== undefined) cells.push({ at: `I${row}`, value: missing, style: 'muted' });
      valueRows.push(row);
      row += 1;
    }
  }
  const last = row - 1;
  const conditionalFormats: ConditionalFormat[] = [
    {
      range: `C${DASHBOARD_FIRST_ROW}:C${last}`,
      rules: [
        { kind: 'expression', formula: `$H${DASHBOARD_FIRST_ROW}="On target"`, style: 'good' },
        { kind: 'expression', formula: `$H${DASHBOARD_FIRST_ROW}="Near target"`, style: 'warn' },
        { kind: 'expression', formula: `$H${DASHBOARD_FIRST_ROW}="Off target"`, style: 'bad' },
      ],
    },
    {
      range: `H${DASHBOARD_FIRST_ROW}:H${last}`,
      rules: [
        { kind: 'cellIs', operator: 'equal', formulae: ['"On target"'], style: 'good' },
        { kind: 'cellIs', operator: 'equal', formulae: ['"Near target"'], style: 'warn' },
        { kind: 'cellIs', operator: 'equal', formulae: ['"Off target"'], style: 'bad' },
      ],
    },
  ];
  return {
    name: SHEETS.dashboard,
    cells,
    tables: [],
    columnWidths: { A: 40, B: 11, C: 14, D: 14, E: 21, F: 19, G: 12, H: 13, I: 50 },
    merges: ['A1:I1', 'A2:I2'],
    frozen: { rows: 6, columns: 1 },
    conditionalFormats,
    printTitleRows: '6:6',
    landscape: true,
    tabColor: '1F4E79',
  };
}
