/**
 * Payer fee schedules and contract terms as practices keep them (a CSV or a sheet per payer, or
 * one for all payers). Columns are recognised by their headers, in any order:
 *
 * Fee schedule: payer, [payer id], [plan], code (CPT/HCPCS), [modifier], rate (or "excluded" for a
 *   carve-out the contract does not cover), [setting: facility / non-facility / blank for both],
 *   effective from, [effective to].
 * Contract terms: payer, [payer id], [plan], percent of Medicare, [Medicare year], [locality as
 *   MAC-locality, e.g. 01112-54], [setting], effective from, [effective to], [multiple procedure
 *   percents, e.g. "100/50"], [bilateral percent], [lesser of billed: yes/no].
 * A payer with both: its fee-schedule rows are carve-outs from its percent-of-Medicare terms.
 */
import { issue, type Issue } from '../../core/issues';
import { messages } from '../../core/messages';
import type { ContractTerm, FeeScheduleRate, SettingClass } from '../../core/model';
import { parseMoney } from '../../core/money';
import { parseDate, type DateOrder } from '../../core/period';
import { digestKey } from '../../core/privacy';
import type { Read } from './pfs';

type Rows = readonly (readonly string[])[];

const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9%]+/g, ' ').trim();

const ALIASES = {
  payer: ['payer', 'payer name', 'insurance', 'carrier', 'payor', 'payor name'],
  payerId: ['payer id', 'payor id', 'payer number'],
  plan: ['plan', 'product', 'schedule', 'fee schedule', 'contract'],
  code: ['code', 'cpt', 'hcpcs', 'cpt hcpcs', 'procedure code', 'cpt code', 'hcpcs code', 'procedure'],
  modifier: ['modifier', 'mod', 'modifiers'],
  rate: ['rate', 'allowed', 'allowed amount', 'fee', 'contract rate', 'allowable', 'fee schedule amount', 'rate usd'],
  setting: ['setting', 'pos class', 'place of service class', 'place of service', 'facility', 'facility flag'],
  from: ['effective from', 'effective date', 'effective', 'effective start', 'start date', 'begin date'],
  to: ['effective to', 'effective end', 'end date', 'termination date', 'expires', 'expiration date', 'effective through'],
  percent: ['percent of medicare', '% of medicare', 'pct of medicare', 'percent medicare', 'medicare percent', 'medicare %'],
  year: ['medicare year', 'year', 'pfs year', 'fee schedule year'],
  locality: ['locality', 'medicare locality', 'mac locality'],
  mppr: ['multiple procedure percents', 'multiple procedure', 'mppr', 'multiple procedure reduction'],
  bilateral: ['bilateral percent', 'bilateral', 'bilateral %'],
  lesserOf: ['lesser of billed', 'lesser of', 'lesser of charge', 'lesser of billed charge'],
} as const;
type Field = keyof typeof ALIASES;

export type FeeFileKind = 'fee-schedule' | 'contract-terms';

export interface FeeHeader {
  readonly row: number;
  readonly kind: FeeFileKind;
  readonly columns: Partial<Record<Field, number>>;
}

/** Finds a fee-schedule or contract-terms header row in the first rows, or undefined. */
export function feeHeader(rows: Rows): FeeHeader | undefined {
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const cells = (rows[i] ?? []).map(key);
    const columns: Partial<Record<Field, number>> = {};
    for (const [field, names] of Object.entries(ALIASES) as [Field, readonly string[]][]) {
      const j = cells.findIndex((c) => names.includes(c));
      if (j !== -1) columns[field] = j;
    }
    if (columns.payer === undefined && columns.payerId === undefined) continue;
    if (columns.percent !== undefined && columns.from !== undefined) return { row: i, kind: 'contract-terms', columns };
    if (columns.code !== undefined && columns.rate !== undefined && columns.from !== undefined) return { row: i, kind: 'fee-schedule', columns };
  }
  return undefined;
}

interface RowContext {
  readonly file: string;
  readonly line: number;
  readonly issues: Issue[];
}

function readDate(text: string, header: string, ctx: RowContext, order: DateOrder | undefined): string | undefined | null {
  if (text.trim() === '') return undefined;
  const d = parseDate(text, order);
  if (d.ok) return d.value.date;
  ctx.issues.push(issue('date-invalid', 'warning', messages.fieldInvalid(header, d.error.message), { file: ctx.file, line: ctx.line, column: header }));
  return null;
}

function readSetting(text: string, ctx: RowContext, header: string): SettingClass | undefined | null {
  const t = key(text);
  if (t === '' || t === 'any' || t === 'both' || t === 'all') return undefined;
  if (['facility', 'f', 'fac', 'yes', 'y', 'true'].includes(t)) return 'facility';
  if (['non facility', 'nonfacility', 'nf', 'office', 'no', 'n', 'false'].includes(t)) return 'non-facility';
  ctx.issues.push(issue('value-invalid', 'warning', messages.fieldInvalid(header, messages.settingInvalid(text)), { file: ctx.file, line: ctx.line, column: header }));
  return null;
}

function readPercent(text: string): number | undefined {
  const t = text.trim().replace(/%$/, '').trim();
  if (!/^\d*\.?\d+$/.test(t)) return undefined;
  return Number(t);
}

export interface FeeReadOptions {
  readonly profile?: string | undefined;
  readonly dateOrder?: DateOrder | undefined;
}

function common(rows: Rows, header: FeeHeader) {
  const h = rows[header.row] ?? [];
  const name = (f: Field) => h[header.columns[f] ?? -1] ?? f;
  return { h, name };
}

/** The row loop both readers share: blank rows skipped, every other row a record or rejected with its issues. */
function readRowsUnder<T>(
  rows: Rows,
  header: FeeHeader,
  file: string,
  readRow: (cell: (f: Field) => string, ctx: RowContext) => T | undefined,
): Read<T> {
  const records: T[] = [];
  const issues: Issue[] = [];
  let rowsRead = 0;
  let rejected = 0;
  for (let i = header.row + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (r.every((c) => c.trim() === '')) continue;
    rowsRead++;
    const ctx: RowContext = { file, line: i + 1, issues: [] };
    const record = readRow((f) => (header.columns[f] === undefined ? '' : (r[header.columns[f]] ?? '').trim()), ctx);
    if (record === undefined || ctx.issues.length > 0) {
      rejected++;
      issues.push(...ctx.issues);
    } else records.push(record);
  }
  return { records, issues, rowsRead, rowsRejected: rejected };
}

/** Reads fee-schedule rows under a recognised header. */
export function readFeeScheduleRows(rows: Rows, header: FeeHeader, file: string, options: FeeReadOptions = {}): Read<FeeScheduleRate> {
  const profile = options.profile ?? 'fee-schedule';
  const { name } = common(rows, header);
  return readRowsUnder(rows, header, file, (cell, ctx) => {
    const payer = cell('payer') || cell('payerId');
    const code = cell('code').toUpperCase();
    for (const [f, v] of [['payer', payer], ['code', code], ['from', cell('from')]] as const) {
      if (v === '') ctx.issues.push(issue('required-missing', 'warning', messages.requiredMissing(f, name(f)), { file, line: ctx.line, column: name(f) }));
    }
    const rateText = cell('rate');
    const excluded = /^(excluded|exclude|carve[- ]?out|not covered|n\/?c)$/i.test(rateText);
    let rateCents: number | undefined;
    if (!excluded) {
      const m = parseMoney(rateText);
      if (m.ok && m.value >= 0) rateCents = m.value;
      else ctx.issues.push(issue('money-invalid', 'warning', messages.fieldInvalid(name('rate'), messages.rateInvalid(rateText)), { file, line: ctx.line, column: name('rate') }));
    }
    const from = readDate(cell('from'), name('from'), ctx, options.dateOrder);
    const to = readDate(cell('to'), name('to'), ctx, options.dateOrder);
    const setting = readSetting(cell('setting'), ctx, name('setting'));
    if (typeof from === 'string' && typeof to === 'string' && to < from) {
      ctx.issues.push(issue('value-invalid', 'warning', messages.effectiveRangeInvalid(from, to), { file, line: ctx.line }));
    }
    if (ctx.issues.length > 0 || typeof from !== 'string' || setting === null || to === null) return undefined;
    const modifier = cell('modifier').toUpperCase();
    const plan = cell('plan') || undefined;
    return {
      type: 'fee-rate',
      key: digestKey([payer, plan ?? '', code, modifier, setting ?? '', from]),
      lineage: { source: file, line: ctx.line, profile },
      payer,
      payerId: cell('payerId') || undefined,
      plan,
      procedureCode: code,
      modifier,
      setting,
      rateCents,
      excluded,
      effectiveFrom: from,
      effectiveTo: to,
    };
  });
}

/** Reads contract-terms rows under a recognised header. */
export function readContractTermRows(rows: Rows, header: FeeHeader, file: string, options: FeeReadOptions = {}): Read<ContractTerm> {
  const profile = options.profile ?? 'contract-terms';
  const { name } = common(rows, header);
  return readRowsUnder(rows, header, file, (cell, ctx) => {
    const bad = (f: Field, detail: string) => ctx.issues.push(issue('value-invalid', 'warning', messages.fieldInvalid(name(f), detail), { file, line: ctx.line, column: name(f) }));
    const payer = cell('payer') || cell('payerId');
    if (payer === '') ctx.issues.push(issue('required-missing', 'warning', messages.requiredMissing('payer', name('payer')), { file, line: ctx.line }));
    let percent: number | undefined;
    if (cell('percent') !== '') {
      percent = readPercent(cell('percent'));
      if (percent === undefined || percent <= 0) bad('percent', messages.percentInvalid(cell('percent')));
    }
    let year: number | undefined;
    if (cell('year') !== '') {
      year = /^\d{4}$/.test(cell('year')) ? Number(cell('year')) : undefined;
      if (year === undefined) bad('year', messages.integerInvalid(cell('year')));
    }
    let locality: string | undefined;
    if (cell('locality') !== '') {
      const m = /^(\d{1,5})\s*[-/ ]\s*(\d{1,2})$/.exec(cell('locality'));
      if (m?.[1] === undefined || m[2] === undefined) bad('locality', messages.localityInvalid(cell('locality')));
      else locality = `${m[1].padStart(5, '0')}-${m[2].padStart(2, '0')}`;
    }
    const setting = readSetting(cell('setting'), ctx, name('setting'));
    const from = readDate(cell('from'), name('from'), ctx, options.dateOrder);
    const to = readDate(cell('to'), name('to'), ctx, options.dateOrder);
    if (cell('from') === '') ctx.issues.push(issue('required-missing', 'warning', messages.requiredMissing('effective from', name('from')), { file, line: ctx.line }));
    if (typeof from === 'string' && typeof to === 'string' && to < from) ctx.issues.push(issue('value-invalid', 'warning', messages.effectiveRangeInvalid(from, to), { file, line: ctx.line }));
    let mppr: number[] | undefined;
    if (cell('mppr') !== '') {
      const parts = cell('mppr').split(/[/;,\s]+/).filter((p) => p !== '').map(readPercent);
      if (parts.length === 0 || parts.some((p) => p === undefined)) bad('mppr', messages.percentInvalid(cell('mppr')));
      else mppr = parts as number[];
    }
    let bilateral: number | undefined;
    if (cell('bilateral') !== '') {
      bilateral = readPercent(cell('bilateral'));
      if (bilateral === undefined) bad('bilateral', messages.percentInvalid(cell('bilateral')));
    }
    let lesserOf: boolean | undefined;
    if (cell('lesserOf') !== '') {
      const t = key(cell('lesserOf'));
      lesserOf = ['yes', 'y', 'true', '1'].includes(t) ? true : ['no', 'n', 'false', '0'].includes(t) ? false : undefined;
      if (lesserOf === undefined) bad('lesserOf', messages.valueNotRecognised(cell('lesserOf'), 'yes or no'));
    }
    if (ctx.issues.length > 0 || typeof from !== 'string' || setting === null || to === null) return undefined;
    const plan = cell('plan') || undefined;
    return {
      type: 'contract-term',
      key: digestKey([payer, plan ?? '', from]),
      lineage: { source: file, line: ctx.line, profile },
      payer,
      payerId: cell('payerId') || undefined,
      plan,
      percentOfMedicare: percent,
      medicareYear: year,
      locality,
      setting,
      multipleProcedurePercents: mppr ?? [100, 50],
      bilateralPercent: bilateral ?? 150,
      lesserOfBilled: lesserOf ?? true,
      effectiveFrom: from,
      effectiveTo: to,
    };
  });
}
