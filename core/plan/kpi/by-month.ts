/**
 * KPI by month: rows are KPIs, columns the 12 months ending with the report month, then year to
 * date and the trailing 12 months; below, the money and volume totals the KPIs are made of.
 * Month headers are formulas on the Dashboard's report month, so the sheet follows it.
 */
import type { Aggregates, FactMeasure } from '../../aggregate/types';
import { columnLetter } from '../address';
import { addMonths, type MonthKey } from '../../period';
import { evaluate, toExcel, wholePractice, type Expr, type KpiDefinition } from '../../kpi';
import { fact, openAr } from '../../kpi/expr';
import type { PlanChart, Placed, PlanSheet } from '../types';
import { headlineGroups } from './dashboard';
import { kpiCell, monthSerial, reportMonthRef, SHEETS, unitLabel } from './shared';

const HEADER_ROW = 4;

export function byMonthSheet(aggregates: Aggregates, list: readonly KpiDefinition[], practiceName: string, reportMonth: MonthKey): PlanSheet {
  const first = aggregates.months[0] ?? reportMonth;
  const count = Math.max(1, Math.min(12, monthIndex(reportMonth) - monthIndex(first) + 1));
  const months = Array.from({ length: count }, (_, i) => addMonths(reportMonth, i - count + 1));
  const firstCol = 3;
  const lastMonthCol = firstCol + count - 1;
  const ytdCol = lastMonthCol + 1;
  const t12Col = lastMonthCol + 2;
  const lastMonthRef = `$${columnLetter(lastMonthCol)}$${HEADER_ROW}`;

  const cells: Placed[] = [
    { at: 'A1', value: `${practiceName}: KPIs by month`, style: 'title' },
    { at: 'A2', value: 'Each value is a live formula over the Data sheets; the months follow the report month on the Dashboard.', style: 'note' },
    { at: `A${HEADER_ROW}`, value: 'KPI', style: 'header' },
    { at: `B${HEADER_ROW}`, value: 'Unit', style: 'header' },
    { at: `${columnLetter(ytdCol)}${HEADER_ROW}`, value: 'Year to date', style: 'header' },
    { at: `${columnLetter(t12Col)}${HEADER_ROW}`, value: 'Trailing 12 months', style: 'header' },
  ];
  months.forEach((month, i) => {
    const offset = i - count + 1;
    cells.push({
      at: `${columnLetter(firstCol + i)}${HEADER_ROW}`,
      formula: offset === 0 ? reportMonthRef : `EDATE(${reportMonthRef},${offset})`,
      expected: monthSerial(month),
      format: 'month',
      style: 'header',
    });
  });

  let row = HEADER_ROW + 1;
  const rowOf = new Map<string, number>();
  for (const group of headlineGroups(list)) {
    cells.push({ at: `A${row}`, value: group.group, style: 'subtitle' });
    row += 1;
    for (const kpi of group.kpis) {
      cells.push({ at: `A${row}`, value: kpi.label, style: 'label' });
      cells.push({ at: `B${row}`, value: unitLabel(kpi.unit), style: 'muted' });
      months.forEach((month, i) => {
        const col = columnLetter(firstCol + i);
        cells.push(kpiCell(aggregates, kpi, `${col}${row}`, { kind: 'month', month }, `${col}$${HEADER_ROW}`, wholePractice));
      });
      cells.push(kpiCell(aggregates, kpi, `${columnLetter(ytdCol)}${row}`, { kind: 'ytd', month: reportMonth }, lastMonthRef, wholePractice));
      cells.push(kpiCell(aggregates, kpi, `${columnLetter(t12Col)}${row}`, { kind: 't12', month: reportMonth }, lastMonthRef, wholePractice));
      rowOf.set(kpi.id, row);
      row += 1;
    }
  }

  // The totals the KPIs are made of, in dollars and counts.
  row += 1;
  cells.push({ at: `A${row}`, value: 'Totals', style: 'subtitle' });
  row += 1;
  const totals: { label: string; expr: Expr; money: boolean; measure?: FactMeasure; pointInTime?: boolean }[] = [
    { label: 'Charges (by date of service)', expr: fact('chargeCents'), money: true },
    { label: 'Payments (by post date)', expr: fact('paymentCents'), money: true },
    { label: 'Contractual adjustments', expr: fact('contractualAdjustmentCents'), money: true },
    { label: 'Other adjustments', expr: fact('otherAdjustmentCents'), money: true },
    { label: 'Encounters', expr: fact('encounters'), money: false },
    { label: 'Open A/R at month end', expr: openAr(), money: true, pointInTime: true },
  ];
  let paymentsRow = 0;
  let chargesRow = 0;
  for (const t of totals) {
    cells.push({ at: `A${row}`, value: t.label, style: 'label' });
    cells.push({ at: `B${row}`, value: t.money ? '$' : 'count', style: 'muted' });
    const periods: { col: number; kind: 'month' | 'ytd' | 't12'; month: MonthKey; ref: string }[] = [
      ...months.map((month, i) => ({ col: firstCol + i, kind: 'month' as const, month, ref: `${columnLetter(firstCol + i)}$${HEADER_ROW}` })),
      ...(t.pointInTime === true
        ? []
        : [
            { col: ytdCol, kind: 'ytd' as const, month: reportMonth, ref: lastMonthRef },
            { col: t12Col, kind: 't12' as const, month: reportMonth, ref: lastMonthRef },
          ]),
    ];
    for (const p of periods) {
      const value = evaluate(t.expr, aggregates, { period: { kind: p.kind, month: p.month }, slice: wholePractice });
      cells.push({
        at: `${columnLetter(p.col)}${row}`,
        formula: toExcel(t.expr, { monthRef: p.ref, period: p.kind, slice: wholePractice }),
        expected: t.money ? value / 100 : value,
        format: t.money ? 'moneyWhole' : 'integer',
        style: 'total',
      });
    }
    if (t.label.startsWith('Payments')) paymentsRow = row;
    if (t.label.startsWith('Charges')) chargesRow = row;
    row += 1;
  }

  const monthRange = (r: number) => `'${SHEETS.byMonth}'!$${columnLetter(firstCol)}$${r}:$${columnLetter(lastMonthCol)}$${r}`;
  const charts: PlanChart[] = [
    {
      kind: 'line',
      title: 'Charges and payments by month',
      anchor: `A${row + 2}`,
      size: { columns: 8, rows: 16 },
      categories: monthRange(HEADER_ROW),
      series: [
        { name: 'Charges', values: monthRange(chargesRow) },
        { name: 'Payments', values: monthRange(paymentsRow) },
      ],
    },
  ];
  const ncr = rowOf.get('net_collection_rate');
  const gcr = rowOf.get('gross_collection_rate');
  if (ncr !== undefined && gcr !== undefined)
    charts.push({
      kind: 'line',
      title: 'Collection rates by month',
      anchor: `${columnLetter(9)}${row + 2}`,
      size: { columns: 8, rows: 16 },
      categories: monthRange(HEADER_ROW),
      series: [
        { name: 'Gross collection rate', values: monthRange(gcr) },
        { name: 'Net collection rate', values: monthRange(ncr) },
      ],
    });

  const widths: Record<string, number> = { A: 40, B: 7 };
  for (let c = firstCol; c <= t12Col; c++) widths[columnLetter(c)] = 12;
  return {
    name: SHEETS.byMonth,
    cells,
    tables: [],
    columnWidths: widths,
    merges: [`A1:${columnLetter(t12Col)}1`, `A2:${columnLetter(t12Col)}2`],
    frozen: { rows: HEADER_ROW, columns: 2 },
    charts,
    printTitleRows: `${HEADER_ROW}:${HEADER_ROW}`,
    landscape: true,
  };
}

function monthIndex(month: MonthKey): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}
