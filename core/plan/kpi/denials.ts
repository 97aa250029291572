/**
 * The Denials section of the KPI workbook (issue 5 item 6): a data table of unique denied lines at
 * an aggregate grain (month of first denial × payer × provider × procedure × group × CARC × our
 * category label; no claim ids, no patient identifiers), and summary tables whose numbers are SUMIFS
 * over that table with the result of core/denials as `expected`: denied lines and dollars by CARC,
 * group code, payer, provider and procedure for the report month and the trailing 12 months, and
 * the top reasons with their share.
 *
 * Counting follows core/denials: a line denied in several remits counts once, on the payment date
 * of its first denial, with that denial's reason; reversals (22) and predeterminations (25) are not
 * adjudications. Without remittances, the denial adjustments of the PM export are read the same way
 * (core/denials/adjustments.ts). Lines whose first denial has no date belong to no month and are
 * left out (the sheet says how many).
 */
import type { Dataset } from '../../dataset';
import { denialBreakdown, deniedLines, deniedLinesFromAdjustments, isDenialPosting, topDenialReasons, type DenialBreakdownRow, type DenialDimension, type DeniedLine, type DenialPeriod } from '../../denials';
import type { Cents } from '../../money';
import { addMonths, endOfMonth, monthOf, type MonthKey } from '../../period';
import { columnLetter } from '../address';
import { exactCriterion } from '../formula';
import { sanitizeText } from '../sanitize';
import type { CellValue, Placed, PlanSheet } from '../types';
import { monthSerial, reportMonthRef } from './shared';

export const DENIALS_SHEET = 'Denials';
export const DENIALS_DATA_SHEET = 'Data - denials';
export const DENIALS_TABLE = 'DenialLines';

/** Column names of the DenialLines table. */
export const denialColumns = {
  month: 'Month',
  payerKey: 'Payer ID',
  payer: 'Payer',
  provider: 'Rendering provider',
  providerName: 'Provider',
  procedure: 'Procedure',
  group: 'Group',
  reason: 'CARC',
  category: 'Category',
  lines: 'Denied lines',
  denials: 'Times denied',
  deniedDollars: 'Denied charges',
  overturned: 'Overturned lines',
} as const;

/** Our own short words for the CAS group codes. */
const GROUP_LABELS: Readonly<Record<string, string>> = {
  CO: 'Contractual obligation (practice writes off)',
  PR: 'Patient responsibility',
  OA: 'Other adjustment',
  PI: 'Payer-initiated reduction',
  CR: 'Correction or reversal',
  '(none)': 'No adjustment sent',
};

const NOT_NAMED = '(not named)';

type DenialSource = Pick<Dataset, 'remitClaims' | 'remitLines' | 'charges' | 'transactions' | 'providers'>;

/** True when the dataset has remittances, or adjustments posted with a denial reason code, to analyse denials from. */
export function hasDenialData(dataset: Pick<Dataset, 'remitClaims' | 'transactions'>): boolean {
  return dataset.remitClaims.length > 0 || dataset.transactions.some((t) => t.claimId !== undefined && isDenialPosting(t));
}

/** Denied lines from the remittances when there are any (core/denials/analytics.ts), else from the denial adjustments (adjustments.ts). */
function denialsOf(dataset: DenialSource): { lines: (period?: DenialPeriod) => DeniedLine[]; basis: string } {
  if (dataset.remitClaims.length > 0) {
    const input = { remitClaims: dataset.remitClaims, remitLines: dataset.remitLines };
    return {
      lines: (period) => deniedLines(input, period),
      basis: 'Unique denied service lines from the remittances, each counted once on the payment date of its first denial with that denial’s reason; reversals and predeterminations are not denials.',
    };
  }
  const input = { charges: dataset.charges, transactions: dataset.transactions };
  return {
    lines: (period) => deniedLinesFromAdjustments(input, period),
    basis: 'No remittances were imported: denied service lines are read from the adjustments posted with a denial reason code (CARC), each line counted once on the post date of its first denial with that denial’s reason, for its billed charge.',
  };
}

interface Row {
  month: MonthKey;
  payerKey: string;
  payer: string;
  provider: string;
  providerName: string;
  procedure: string;
  group: string;
  reason: string;
  category: string;
  lines: number;
  denials: number;
  cents: Cents;
  overturned: number;
}

/** The table rows: denied lines summed at the sheet's grain, in a stable order. */
function tableRows(lines: readonly DeniedLine[], providerNames: ReadonlyMap<string, string>): Row[] {
  const rows = new Map<string, Row>();
  for (const l of lines) {
    if (l.paymentDate === undefined) continue;
    const provider = l.provider ?? NOT_NAMED;
    const r: Omit<Row, 'lines' | 'denials' | 'cents' | 'overturned'> = {
      month: monthOf(l.paymentDate),
      payerKey: sanitizeText(l.payerKey),
      payer: sanitizeText(l.payerName ?? l.payerKey),
      provider: sanitizeText(provider),
      providerName: sanitizeText(providerNames.get(provider) ?? provider),
      procedure: sanitizeText(l.procedureCode),
      group: sanitizeText(l.group || '(none)'),
      reason: sanitizeText(l.reason),
      category: l.category,
    };
    const key = [r.month, r.payerKey, r.provider, r.procedure, r.group, r.reason, r.category].join('\u0000');
    const row = rows.get(key) ?? { ...r, lines: 0, denials: 0, cents: 0, overturned: 0 };
    row.lines += 1;
    row.denials += l.denials;
    row.cents += l.chargeCents;
    if (l.overturned) row.overturned += 1;
    rows.set(key, row);
  }
  const order = (r: Row) => [r.month, r.payerKey, r.provider, r.procedure, r.group, r.reason].join('\u0000');
  return [...rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

const DIMENSIONS: readonly { dimension: DenialDimension; title: string; keyHeader: string; labelHeader: string; column: string }[] = [
  { dimension: 'reason', title: 'By reason (CARC)', keyHeader: 'CARC', labelHeader: 'Category (our label)', column: denialColumns.reason },
  { dimension: 'category', title: 'By category', keyHeader: 'Category', labelHeader: '', column: denialColumns.category },
  { dimension: 'group', title: 'By group code', keyHeader: 'Group', labelHeader: 'Meaning', column: denialColumns.group },
  { dimension: 'payer', title: 'By payer', keyHeader: 'Payer ID', labelHeader: 'Payer', column: denialColumns.payerKey },
  { dimension: 'provider', title: 'By rendering provider', keyHeader: 'Rendering provider', labelHeader: 'Name', column: denialColumns.provider },
  { dimension: 'procedure', title: 'By procedure', keyHeader: 'Procedure', labelHeader: '', column: denialColumns.procedure },
];

const col = (name: string) => `${DENIALS_TABLE}[${name}]`;

/** SUMIFS criteria pairs for a period relative to the report month cell. */
function periodCriteria(kind: 'month' | 't12', m: string): string {
  const month = col(denialColumns.month);
  return kind === 'month' ? `,${month},${m}` : `,${month},">="&EDATE(${m},-11),${month},"<="&${m}`;
}

function sumifs(measure: string, kind: 'month' | 't12', m: string, extra = ''): string {
  return `SUMIFS(${col(measure)}${periodCriteria(kind, m)}${extra})`;
}

/** The Denials sheet and its data sheet, for the report month and the 12 months ending with it. */
export function denialsSheets(dataset: DenialSource, reportMonth: MonthKey, practiceName: string): PlanSheet[] {
  const source = denialsOf(dataset);
  // Providers are named by NPI on remittances, by NPI or the PM system's provider id on adjustments.
  const providerNames = new Map<string, string>();
  for (const p of dataset.providers.values()) {
    if (p.name === undefined) continue;
    providerNames.set(p.providerId, p.name);
    if (p.npi !== undefined) providerNames.set(p.npi, p.name);
  }

  const all = source.lines();
  const rows = tableRows(all, providerNames);
  const undated = all.filter((l) => l.paymentDate === undefined).length;
  const periods = {
    month: source.lines({ from: `${reportMonth}-01`, to: endOfMonth(reportMonth) }),
    t12: source.lines({ from: `${addMonths(reportMonth, -11)}-01`, to: endOfMonth(reportMonth) }),
  };
  const dollars = (cents: Cents) => cents / 100;
  const m = '$B$3';

  const cells: Placed[] = [
    { at: 'A1', value: `${practiceName}: denials`, style: 'title' },
    {
      at: 'A2',
      value:
        `${source.basis} Codes are shown as codes with our own category labels. Every number sums the Data - denials table.` +
        (undated > 0 ? ` ${undated} denied line(s) without a payment date are left out.` : ''),
      style: 'note',
    },
    { at: 'A3', value: 'Report month', style: 'label' },
    { at: 'B3', formula: reportMonthRef, expected: monthSerial(reportMonth), format: 'month' },
  ];

  // Headline: unique lines, times denied, dollars, overturned, per period.
  let row = 5;
  cells.push({ at: `A${row}`, value: 'All denials', style: 'subtitle' });
  row += 1;
  ['', 'Report month', 'Trailing 12 months'].forEach((h, i) => cells.push({ at: `${columnLetter(1 + i)}${row}`, value: h, style: 'header' }));
  row += 1;
  const headline: { label: string; column: string; money: boolean; value: (lines: readonly DeniedLine[]) => number }[] = [
    { label: 'Unique denied lines', column: denialColumns.lines, money: false, value: (ls) => ls.length },
    { label: 'Times denied (repeat denials included)', column: denialColumns.denials, money: false, value: (ls) => ls.reduce((s, l) => s + l.denials, 0) },
    { label: 'Denied charges', column: denialColumns.deniedDollars, money: true, value: (ls) => dollars(ls.reduce((s, l) => s + l.chargeCents, 0)) },
    { label: 'Overturned later (paid on appeal or resubmission)', column: denialColumns.overturned, money: false, value: (ls) => ls.filter((l) => l.overturned).length },
  ];
  for (const h of headline) {
    cells.push({ at: `A${row}`, value: h.label, style: 'label' });
    (['month', 't12'] as const).forEach((kind, i) => {
      cells.push({ at: `${columnLetter(2 + i)}${row}`, formula: sumifs(h.column, kind, m), expected: h.value(periods[kind]), format: h.money ? 'money' : 'integer' });
    });
    row += 1;
  }
  row += 1;

  // Top reasons of the trailing 12 months, with their share of lines and dollars.
  const top = topDenialReasons(periods.t12, 10);
  cells.push({ at: `A${row}`, value: 'Top denial reasons, trailing 12 months', style: 'subtitle' });
  row += 1;
  ['CARC', 'Category (our label)', 'Denied lines', 'Share of lines', 'Denied charges', 'Share of charges'].forEach((h, i) =>
    cells.push({ at: `${columnLetter(1 + i)}${row}`, value: h, style: 'header' }),
  );
  row += 1;
  const totalLines = sumifs(denialColumns.lines, 't12', m);
  const totalDollars = sumifs(denialColumns.deniedDollars, 't12', m);
  if (top.length === 0) cells.push({ at: `A${row++}`, value: 'No denials in these 12 months.', style: 'muted' });
  for (const r of top) {
    const crit = `,${col(denialColumns.reason)},${exactCriterion(`$A${row}`)}`;
    cells.push(
      { at: `A${row}`, value: sanitizeText(r.key), style: 'label' },
      { at: `B${row}`, value: r.label, style: 'muted' },
      { at: `C${row}`, formula: sumifs(denialColumns.lines, 't12', m, crit), expected: r.lines, format: 'integer' },
      { at: `D${row}`, formula: `IFERROR(C${row}/${totalLines},0)`, expected: r.shareOfLines, format: 'percent' },
      { at: `E${row}`, formula: sumifs(denialColumns.deniedDollars, 't12', m, crit), expected: dollars(r.deniedCents), format: 'money' },
      { at: `F${row}`, formula: `IFERROR(E${row}/${totalDollars},0)`, expected: r.shareOfDollars, format: 'percent' },
    );
    row += 1;
  }
  row += 1;

  // One table per dimension: the trailing 12 months' keys, report month beside them.
  for (const d of DIMENSIONS) {
    const t12 = denialBreakdown(periods.t12, d.dimension);
    const month = new Map(denialBreakdown(periods.month, d.dimension).map((r) => [r.key, r]));
    cells.push({ at: `A${row}`, value: d.title, style: 'subtitle' });
    row += 1;
    [d.keyHeader, d.labelHeader, 'Lines, month', 'Denied charges, month', 'Lines, 12 months', 'Denied charges, 12 months', 'Share of charges, 12 months'].forEach((h, i) =>
      cells.push({ at: `${columnLetter(1 + i)}${row}`, value: h, style: 'header' }),
    );
    row += 1;
    if (t12.length === 0) cells.push({ at: `A${row++}`, value: 'No denials in these 12 months.', style: 'muted' });
    for (const r of t12) {
      const crit = `,${col(d.column)},${exactCriterion(`$A${row}`)}`;
      const inMonth: DenialBreakdownRow | undefined = month.get(r.key);
      cells.push(
        { at: `A${row}`, value: sanitizeText(r.key), style: 'label' },
        { at: `B${row}`, value: labelOf(d.dimension, r, providerNames), style: 'muted' },
        { at: `C${row}`, formula: sumifs(denialColumns.lines, 'month', m, crit), expected: inMonth?.lines ?? 0, format: 'integer' },
        { at: `D${row}`, formula: sumifs(denialColumns.deniedDollars, 'month', m, crit), expected: dollars(inMonth?.deniedCents ?? 0), format: 'money' },
        { at: `E${row}`, formula: sumifs(denialColumns.lines, 't12', m, crit), expected: r.lines, format: 'integer' },
        { at: `F${row}`, formula: sumifs(denialColumns.deniedDollars, 't12', m, crit), expected: dollars(r.deniedCents), format: 'money' },
        { at: `G${row}`, formula: `IFERROR(F${row}/${totalDollars},0)`, expected: r.shareOfDollars, format: 'percent' },
      );
      row += 1;
    }
    row += 1;
  }

  const summary: PlanSheet = {
    name: DENIALS_SHEET,
    cells,
    tables: [],
    merges: ['A1:G1', 'A2:G2'],
    columnWidths: { A: 30, B: 30, C: 14, D: 16, E: 14, F: 16, G: 14 },
    landscape: true,
  };

  const data: PlanSheet = {
    name: DENIALS_DATA_SHEET,
    cells: [
      { at: 'A1', value: 'Denied lines: month of first denial × payer × provider × procedure × group × CARC', style: 'title' },
      {
        at: 'A2',
        value: 'Unique denied service lines summed at this grain (no claim or patient identifiers). A line denied again in a later remit counts once, under its first denial; "Times denied" counts every denial; "Overturned lines" were later paid or allowed.',
        style: 'note',
      },
    ],
    tables: [
      {
        at: 'A4',
        table: {
          name: DENIALS_TABLE,
          theme: 'TableStyleLight9',
          columns: [
            { name: denialColumns.month, type: 'date', format: 'month', width: 11 },
            { name: denialColumns.payerKey, type: 'text', width: 10 },
            { name: denialColumns.payer, type: 'text', width: 22 },
            { name: denialColumns.provider, type: 'text', width: 12 },
            { name: denialColumns.providerName, type: 'text', width: 22 },
            { name: denialColumns.procedure, type: 'text', width: 10 },
            { name: denialColumns.group, type: 'text', width: 7 },
            { name: denialColumns.reason, type: 'text', width: 7 },
            { name: denialColumns.category, type: 'text', width: 22 },
            { name: denialColumns.lines, type: 'integer', format: 'integer', width: 10 },
            { name: denialColumns.denials, type: 'integer', format: 'integer', width: 10 },
            { name: denialColumns.deniedDollars, type: 'money', format: 'money', width: 14 },
            { name: denialColumns.overturned, type: 'integer', format: 'integer', width: 10 },
          ],
          rows: rows.map((r): CellValue[] => [
            { date: `${r.month}-01` },
            r.payerKey,
            r.payer,
            r.provider,
            r.providerName,
            r.procedure,
            r.group,
            r.reason,
            r.category,
            r.lines,
            r.denials,
            dollars(r.cents),
            r.overturned,
          ]),
        },
      },
    ],
    merges: ['A1:H1', 'A2:H2'],
    frozen: { rows: 4, columns: 1 },
    tabColor: '808080',
  };
  return [summary, data];
}

function labelOf(dimension: DenialDimension, r: DenialBreakdownRow, providerNames: ReadonlyMap<string, string>): string {
  switch (dimension) {
    case 'reason':
      return r.label;
    case 'group':
      return GROUP_LABELS[r.key] ?? '';
    case 'payer':
      return sanitizeText(r.label);
    case 'provider':
      return sanitizeText(providerNames.get(r.key) ?? '');
    default:
      return '';
  }
}
