/** The Fee schedules sheet: every imported fee-schedule row and contract term, as tables. */
import { rateInForce, termInForce, type ContractBook } from '../../contracts/book';
import type { FeeScheduleRate } from '../../model';
import type { CalendarDate } from '../../period';
import { sanitizeText } from '../sanitize';
import type { CellValue, PlanSheet } from '../types';
import { dollars, SHEETS } from './shared';

export const FEE_TABLE = 'FeeSchedules';
export const TERMS_TABLE = 'ContractTerms';

/** `payer|code|modifier` for the fee-schedule row in force (office setting) on the rate date; what Compare looks up. */
export const rateLookup = (payer: string, code: string, modifier: string) => `${payer}|${code}|${modifier}`;

/** The lookup key of a row, or '' when another row is the one in force for its code. */
export function lookupOf(book: ContractBook, r: FeeScheduleRate, rateDate: CalendarDate): string {
  const chosen = rateInForce(book, [r.payer], r.procedureCode, r.modifier === '' ? [] : [r.modifier], 'non-facility', rateDate);
  return chosen === r ? rateLookup(r.payer, r.procedureCode, r.modifier) : '';
}

const date = (d: string | undefined): CellValue => (d === undefined ? null : { date: d });

export function schedulesSheet(book: ContractBook, rateDate: CalendarDate): PlanSheet {
  const rates = [...book.rates].sort((a, b) => a.payer.localeCompare(b.payer) || a.procedureCode.localeCompare(b.procedureCode) || a.effectiveFrom.localeCompare(b.effectiveFrom));
  const termsAt = 5 + Math.max(rates.length, 1) + 3;
  return {
    name: SHEETS.schedules,
    cells: [
      { at: 'A1', value: 'Fee schedules and contract terms (as imported)', style: 'title' },
      { at: 'A2', value: `"Lookup" marks the row in force on ${rateDate} for an office visit; Compare and What-if read those rates.`, style: 'note' },
      { at: 'A4', value: 'Fee schedules', style: 'subtitle' },
      { at: `A${termsAt - 1}`, value: 'Contract terms (percent of Medicare)', style: 'subtitle' },
    ],
    tables: [
      {
        at: 'A5',
        table: {
          name: FEE_TABLE,
          theme: 'TableStyleLight9',
          columns: [
            { name: 'Payer', type: 'text', width: 30 },
            { name: 'Plan', type: 'text', width: 14 },
            { name: 'Code', type: 'text', width: 9 },
            { name: 'Modifier', type: 'text', width: 9 },
            { name: 'Setting', type: 'text', width: 12 },
            { name: 'Rate', type: 'money', format: 'money', width: 12 },
            { name: 'Excluded', type: 'text', width: 9 },
            { name: 'Effective from', type: 'date', format: 'date', width: 12 },
            { name: 'Effective to', type: 'date', format: 'date', width: 12 },
            { name: 'Lookup', type: 'text', width: 36 },
            { name: 'Source', type: 'text', width: 24 },
          ],
          rows: rates.map((r) => [
            sanitizeText(r.payer), sanitizeText(r.plan ?? ''), sanitizeText(r.procedureCode), sanitizeText(r.modifier), r.setting ?? '', dollars(r.rateCents),
            r.excluded ? 'Yes' : 'No', date(r.effectiveFrom), date(r.effectiveTo), sanitizeText(lookupOf(book, r, rateDate)), sanitizeText(`${r.lineage.source}:${r.lineage.line ?? ''}`),
          ]),
        },
      },
      {
        at: `A${termsAt}`,
        table: {
          name: TERMS_TABLE,
          theme: 'TableStyleLight9',
          columns: [
            { name: 'Payer', type: 'text', width: 30 },
            { name: 'Plan', type: 'text', width: 14 },
            { name: 'Percent of Medicare', type: 'percent', format: 'percent', width: 12 },
            { name: 'Medicare year', type: 'integer', format: '0', width: 9 },
            { name: 'Locality', type: 'text', width: 12 },
            { name: 'Setting', type: 'text', width: 12 },
            { name: 'Multiple procedure %', type: 'text', width: 14 },
            { name: 'Bilateral %', type: 'number', width: 10 },
            { name: 'Lesser of billed', type: 'text', width: 10 },
            { name: 'Effective from', type: 'date', format: 'date', width: 12 },
            { name: 'Effective to', type: 'date', format: 'date', width: 12 },
            { name: 'In force', type: 'text', width: 9 },
          ],
          rows: book.terms.map((t) => [
            sanitizeText(t.payer), sanitizeText(t.plan ?? ''), t.percentOfMedicare === undefined ? null : t.percentOfMedicare / 100, t.medicareYear ?? null, t.locality ?? '',
            t.setting ?? 'by place of service', t.multipleProcedurePercents.join('/'), t.bilateralPercent, t.lesserOfBilled ? 'Yes' : 'No', date(t.effectiveFrom), date(t.effectiveTo),
            termInForce(book, [t.payer], rateDate) === t ? 'Yes' : 'No',
          ]),
        },
      },
    ],
    columnWidths: { A: 30 },
  };
}
