/**
 * The Data sheets: the fact tables every KPI formula reads, as Excel tables. Money is dollars
 * (cents / 100); keys are our generated codes; names from imports are sanitised.
 */
import { distinctMeasures, factMeasures } from '../../aggregate/definitions';
import type { Aggregates, MeasureUnit } from '../../aggregate/types';
import { AGING, agingColumns, bucketLabels, bucketStart, DISTINCT, distinctColumns, FACTS, factColumns, payerClassText, periodLabels, sliceLabels } from '../../kpi/tables';
import { sanitizeText } from '../sanitize';
import type { CellValue, PlanSheet, TableColumn } from '../types';
import { SHEETS } from './shared';

const month = (m: string): CellValue => ({ date: `${m}-01` });

function measureColumn(name: string, unit: MeasureUnit): TableColumn {
  switch (unit) {
    case 'money':
      return { name, type: 'money', format: 'money', width: 14 };
    case 'count':
    case 'days':
      return { name, type: 'integer', format: 'integer', width: 12 };
    default:
      return { name, type: 'number', format: 'decimal2', width: 12 };
  }
}

function title(text: string, note: string): PlanSheet['cells'] {
  return [
    { at: 'A1', value: text, style: 'title' },
    { at: 'A2', value: note, style: 'note' },
  ];
}

export function dataSheets(aggregates: Aggregates): PlanSheet[] {
  const providerName = new Map(aggregates.providers.map((p) => [p.key, sanitizeText(p.name)]));
  const locationName = new Map(aggregates.locations.map((l) => [l.key, sanitizeText(l.name)]));
  const payerName = new Map(aggregates.payers.map((p) => [p.key, sanitizeText(p.name)]));

  const facts: PlanSheet = {
    name: SHEETS.data,
    cells: title(
      'Facts: month × provider × location × payer class × payer',
      'Every KPI formula in this workbook sums this table. Charges and wRVUs by date of service, payments and adjustments by post date, encounters and appointments by visit date, denials by first adjudication date.',
    ),
    tables: [
      {
        at: 'A4',
        table: {
          name: FACTS,
          theme: 'TableStyleLight9',
          columns: [
            { name: factColumns.month, type: 'date', format: 'month', width: 11 },
            { name: factColumns.providerKey, type: 'text', width: 8 },
            { name: factColumns.provider, type: 'text', width: 24 },
            { name: factColumns.locationKey, type: 'text', width: 8 },
            { name: factColumns.location, type: 'text', width: 20 },
            { name: factColumns.payerClass, type: 'text', width: 13 },
            { name: factColumns.payerKey, type: 'text', width: 8 },
            { name: factColumns.payer, type: 'text', width: 22 },
            ...factMeasures.map((m) => measureColumn(m.column, m.unit)),
          ],
          rows: aggregates.facts.map((f) => [
            month(f.month),
            f.providerKey,
            providerName.get(f.providerKey) ?? '',
            f.locationKey,
            locationName.get(f.locationKey) ?? '',
            payerClassText(f.payerClass),
            f.payerKey,
            payerName.get(f.payerKey) ?? '',
            ...factMeasures.map((m) => (m.unit === 'money' ? f.measures[m.measure] / 100 : f.measures[m.measure])),
          ]),
        },
      },
    ],
    merges: ['A1:H1', 'A2:H2'],
    frozen: { rows: 4, columns: 1 },
    tabColor: '808080',
  };

  const aging: PlanSheet = {
    name: SHEETS.aging,
    cells: title(
      'A/R aging at each month end',
      'Open balance per claim = charges − payments − adjustments posted by the month end, aged from the claim’s first date of service. Credit balances are included (net A/R).',
    ),
    tables: [
      {
        at: 'A4',
        table: {
          name: AGING,
          theme: 'TableStyleLight9',
          columns: [
            { name: agingColumns.month, type: 'date', format: 'month', width: 11 },
            { name: agingColumns.providerKey, type: 'text', width: 8 },
            { name: agingColumns.locationKey, type: 'text', width: 8 },
            { name: agingColumns.payerClass, type: 'text', width: 13 },
            { name: agingColumns.payerKey, type: 'text', width: 8 },
            { name: agingColumns.bucket, type: 'text', width: 14 },
            { name: agingColumns.daysFrom, type: 'integer', width: 9 },
            { name: agingColumns.open, type: 'money', format: 'money', width: 14 },
            { name: agingColumns.claims, type: 'integer', width: 8 },
          ],
          rows: aggregates.aging.map((a) => [
            month(a.month),
            a.providerKey,
            a.locationKey,
            payerClassText(a.payerClass),
            a.payerKey,
            bucketLabels[a.bucket],
            bucketStart[a.bucket],
            a.openCents / 100,
            a.claims,
          ]),
        },
      },
    ],
    merges: ['A1:H1', 'A2:H2'],
    frozen: { rows: 4, columns: 1 },
    tabColor: '808080',
  };

  const distinct: PlanSheet = {
    name: SHEETS.distinct,
    cells: title(
      'Distinct counts per period',
      'Unique patients, clinic days and providers cannot be added across months, so each period (month, trailing 12 months, year to date) and slice has its own row. Counts only: no patient identifiers.',
    ),
    tables: [
      {
        at: 'A4',
        table: {
          name: DISTINCT,
          theme: 'TableStyleLight9',
          columns: [
            { name: distinctColumns.period, type: 'text', width: 8 },
            { name: distinctColumns.month, type: 'date', format: 'month', width: 11 },
            { name: distinctColumns.slice, type: 'text', width: 12 },
            { name: distinctColumns.key, type: 'text', width: 13 },
            ...distinctMeasures.map((m) => ({ name: m.column, type: 'integer' as const, width: 12 })),
          ],
          rows: aggregates.distinct.map((d) => [
            periodLabels[d.period],
            month(d.month),
            sliceLabels[d.dimension],
            d.dimension === 'payerClass' ? payerClassText(d.key as Parameters<typeof payerClassText>[0]) : d.key,
            ...distinctMeasures.map((m) => d[m.measure]),
          ]),
        },
      },
    ],
    merges: ['A1:H1', 'A2:H2'],
    frozen: { rows: 4, columns: 1 },
    tabColor: '808080',
  };
  return [facts, aging, distinct];
}
