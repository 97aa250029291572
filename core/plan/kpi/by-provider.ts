/**
 * KPI by provider (and by location): one row per member, one column per KPI, for the report month
 * and for the trailing 12 months. Names come from the imports (sanitised); formulas select by key.
 */
import type { Aggregates } from '../../aggregate/types';
import type { MonthKey } from '../../period';
import type { KpiDefinition } from '../../kpi';
import type { PeriodKind } from '../../aggregate/types';
import { columnLetter } from '../address';
import { sanitizeText } from '../sanitize';
import type { Placed, PlanSheet } from '../types';
import { kpiCell, monthSerial, reportMonthRef, SHEETS } from './shared';

export function byProviderSheet(aggregates: Aggregates, list: readonly KpiDefinition[], practiceName: string, reportMonth: MonthKey): PlanSheet {
  return byMemberSheet(aggregates, list, practiceName, reportMonth, 'provider');
}

export function byLocationSheet(aggregates: Aggregates, list: readonly KpiDefinition[], practiceName: string, reportMonth: MonthKey): PlanSheet {
  return byMemberSheet(aggregates, list, practiceName, reportMonth, 'location');
}

function byMemberSheet(
  aggregates: Aggregates,
  list: readonly KpiDefinition[],
  practiceName: string,
  reportMonth: MonthKey,
  dimension: 'provider' | 'location',
): PlanSheet {
  const shown = list.filter((k) => !k.share);
  const members = dimension === 'provider' ? aggregates.providers : aggregates.locations;
  const title = dimension === 'provider' ? 'Provider' : 'Location';
  const cells: Placed[] = [
    { at: 'A1', value: `${practiceName}: KPIs by ${dimension}`, style: 'title' },
    { at: 'A2', value: `Each value is a live formula over the Data sheets, selected by the ${dimension} key.`, style: 'note' },
    { at: 'A3', value: 'Report month', style: 'label' },
    { at: 'B3', formula: reportMonthRef, expected: monthSerial(reportMonth), format: 'month' },
  ];
  let row = 5;
  const blocks: { title: string; kind: PeriodKind }[] = [
    { title: 'Report month', kind: 'month' },
    { title: 'Trailing 12 months', kind: 't12' },
  ];
  let firstHeader = 0;
  for (const block of blocks) {
    cells.push({ at: `A${row}`, value: block.title, style: 'subtitle' });
    row += 1;
    if (firstHeader === 0) firstHeader = row;
    cells.push({ at: `A${row}`, value: title, style: 'header' });
    cells.push({ at: `B${row}`, value: 'Key', style: 'header' });
    shown.forEach((k, i) => cells.push({ at: `${columnLetter(3 + i)}${row}`, value: k.label, style: 'header', note: k.formulaText }));
    row += 1;
    for (const member of members) {
      cells.push({ at: `A${row}`, value: sanitizeText(member.name), style: 'label' });
      cells.push({ at: `B${row}`, value: member.key, style: 'muted' });
      shown.forEach((kpi, i) =>
        cells.push(kpiCell(aggregates, kpi, `${columnLetter(3 + i)}${row}`, { kind: block.kind, month: reportMonth }, '$B$3', { dimension, key: member.key })),
      );
      row += 1;
    }
    row += 1;
  }
  const widths: Record<string, number> = { A: 28, B: 7 };
  shown.forEach((_, i) => (widths[columnLetter(3 + i)] = 13));
  return {
    name: dimension === 'provider' ? SHEETS.byProvider : SHEETS.byLocation,
    cells,
    tables: [],
    columnWidths: widths,
    merges: ['A1:J1', 'A2:J2'],
    frozen: { rows: firstHeader, columns: 1 },
    printTitleRows: `${firstHeader}:${firstHeader}`,
    landscape: true,
  };
}
