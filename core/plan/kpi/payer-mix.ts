/**
 * Payer mix: charges, payments and encounters by payer class (report month and trailing 12 months)
 * and by payer (trailing 12 months), each with its share of the practice total.
 */
import type { Aggregates } from '../../aggregate/types';
import { evaluate, kpiById, toExcel, type KpiPeriod, type KpiSlice } from '../../kpi';
import { fact } from '../../kpi/expr';
import { payerClassText } from '../../kpi/tables';
import { PayerClass } from '../../model';
import type { MonthKey } from '../../period';
import { columnLetter } from '../address';
import { sanitizeText } from '../sanitize';
import type { PlanChart, Placed, PlanSheet } from '../types';
import { kpiCell, monthSerial, reportMonthRef, SHEETS } from './shared';

const measures = [
  { label: 'Charges', measure: 'chargeCents' as const, money: true, share: 'payer_mix_charges' },
  { label: 'Payments', measure: 'paymentCents' as const, money: true, share: 'payer_mix_payments' },
  { label: 'Encounters', measure: 'encounters' as const, money: false, share: 'payer_mix_encounters' },
];

export function payerMixSheet(aggregates: Aggregates, practiceName: string, reportMonth: MonthKey): PlanSheet {
  const cells: Placed[] = [
    { at: 'A1', value: `${practiceName}: payer mix`, style: 'title' },
    { at: 'A2', value: 'Payments and encounters count under the claim’s payer class; shares are of the practice total for the period.', style: 'note' },
    { at: 'A3', value: 'Report month', style: 'label' },
    { at: 'B3', formula: reportMonthRef, expected: monthSerial(reportMonth), format: 'month' },
  ];
  const classesPresent = new Set(aggregates.facts.map((f) => f.payerClass));
  const classes = PayerClass.options.filter((c) => classesPresent.has(c));
  let row = 5;
  const chartRows: { first: number; last: number } = { first: 0, last: 0 };

  const block = (title: string, period: KpiPeriod, rows: { label: string; extra?: string; slice: KpiSlice }[], remember: boolean) => {
    cells.push({ at: `A${row}`, value: title, style: 'subtitle' });
    row += 1;
    const offset = rows.some((r) => r.extra !== undefined) ? 1 : 0;
    const headers = ['', ...(offset === 1 ? ['Payer class'] : []), ...measures.flatMap((m) => [m.label, 'Share'])];
    headers[0] = offset === 1 ? 'Payer' : 'Payer class';
    headers.forEach((h, i) => cells.push({ at: `${columnLetter(1 + i)}${row}`, value: h, style: 'header' }));
    row += 1;
    if (remember) chartRows.first = row;
    for (const r of rows) {
      cells.push({ at: `A${row}`, value: r.label, style: 'label' });
      if (offset === 1) cells.push({ at: `B${row}`, value: r.extra ?? '', style: 'muted' });
      measures.forEach((m, i) => {
        const col = 2 + offset + i * 2;
        const expr = fact(m.measure);
        const value = evaluate(expr, aggregates, { period, slice: r.slice });
        cells.push({
          at: `${columnLetter(col)}${row}`,
          formula: toExcel(expr, { monthRef: '$B$3', period: period.kind, slice: r.slice }),
          expected: m.money ? value / 100 : value,
          format: m.money ? 'moneyWhole' : 'integer',
        });
        const share = kpiById(m.share);
        if (share !== undefined) cells.push(kpiCell(aggregates, share, `${columnLetter(col + 1)}${row}`, period, '$B$3', r.slice));
      });
      row += 1;
    }
    if (remember) chartRows.last = row - 1;
    row += 1;
  };

  const classRows = classes.map((c) => ({ label: payerClassText(c), slice: { dimension: 'payerClass' as const, key: c } }));
  block('Report month, by payer class', { kind: 'month', month: reportMonth }, classRows, false);
  block('Trailing 12 months, by payer class', { kind: 't12', month: reportMonth }, classRows, true);
  // Payers known only from appointments (no charges, payments or visits) would be rows of zeros.
  const t12: KpiPeriod = { kind: 't12', month: reportMonth };
  const active = aggregates.payers.filter((p) =>
    measures.some((m) => evaluate(fact(m.measure), aggregates, { period: t12, slice: { dimension: 'payer', key: p.key } }) !== 0),
  );
  block(
    'Trailing 12 months, by payer',
    t12,
    active.map((p) => ({ label: sanitizeText(p.name), extra: payerClassText(p.payerClass), slice: { dimension: 'payer' as const, key: p.key } })),
    false,
  );

  const sheetRef = `'${SHEETS.payerMix}'`;
  const charts: PlanChart[] =
    chartRows.first > 0 && chartRows.last >= chartRows.first
      ? [
          {
            kind: 'column',
            title: 'Payer mix, trailing 12 months (share of charges, payments, encounters)',
            anchor: `A${row + 1}`,
            size: { columns: 8, rows: 18 },
            categories: `${sheetRef}!$A$${chartRows.first}:$A$${chartRows.last}`,
            series: measures.map((m, i) => ({
              name: m.label,
              values: `${sheetRef}!$${columnLetter(3 + i * 2)}$${chartRows.first}:$${columnLetter(3 + i * 2)}$${chartRows.last}`,
            })),
          },
        ]
      : [];
  return {
    name: SHEETS.payerMix,
    cells,
    tables: [],
    merges: ['A1:H1', 'A2:H2'],
    columnWidths: { A: 28, B: 14, C: 12, D: 14, E: 12, F: 14, G: 12, H: 10 },
    charts,
    landscape: true,
  };
}
