/**
 * The Compare sheet: the practice's top codes by volume, each payer's rate side by side, as a
 * percent of Medicare, and the revenue each payer's rates give on the practice's own volume. Every
 * number is a formula: rates look up the Fee schedules table (or take the contract's percent of the
 * Medicare sheet's amount), so editing a rate or a GPCI moves the whole sheet.
 */
import { exactCriterion, exactCriterionLiteral } from '../formula';
import { termInForce, type ContractBook } from '../../contracts/book';
import { expectedAmount } from '../../contracts/pricing';
import type { VolumeRow } from '../../contracts/what-if';
import type { Cents } from '../../money';
import type { CalendarDate } from '../../period';
import { cellRef, columnLetter } from '../address';
import { sanitizeText } from '../sanitize';
import type { Placed, PlanSheet } from '../types';
import { MEDICARE_TABLE } from './medicare-sheet';
import { FEE_TABLE, rateLookup } from './schedules-sheet';
import { codeKey, dollars, SHEETS } from './shared';

export interface CompareInput {
  readonly book: ContractBook;
  readonly payers: readonly string[];
  readonly volumes: readonly VolumeRow[];
  /** Medicare allowed (non-facility, practice locality) per code key, as the Medicare sheet computes it. */
  readonly medicareByKey: ReadonlyMap<string, Cents>;
  readonly locality: string | undefined;
  readonly medicareYear: number | undefined;
  readonly rateDate: CalendarDate;
  readonly topCodes: number;
  readonly volumeWindow: string;
}

const FIRST_ROW = 6;

export function compareSheet(input: CompareInput): PlanSheet {
  const byCode = new Map<string, { code: string; modifier: string; units: number }>();
  for (const v of input.volumes) {
    const k = codeKey(v.code, v.modifier);
    const row = byCode.get(k) ?? { code: v.code, modifier: v.modifier, units: 0 };
    row.units += v.units;
    byCode.set(k, row);
  }
  const codes = [...byCode.values()].sort((a, b) => b.units - a.units || a.code.localeCompare(b.code)).slice(0, input.topCodes);
  const last = FIRST_ROW + codes.length - 1;
  const totalRow = last + 1;
  const cells: Placed[] = [
    { at: 'A1', value: 'Payer rates side by side', style: 'title' },
    {
      at: 'A2',
      value: `Top ${codes.length} codes by units billed (${input.volumeWindow}). Revenue = the practice's units × each payer's rate; % of Medicare weighted by those units.`,
      style: 'note',
    },
    { at: 'A3', value: 'Contract % of Medicare', style: 'label' },
    { at: 'A5', value: 'Code', style: 'header' },
    { at: 'B5', value: 'Modifier', style: 'header' },
    { at: 'C5', value: 'Units', style: 'header' },
    { at: 'D5', value: 'Medicare allowed', style: 'header' },
    { at: 'E5', value: 'Medicare revenue', style: 'header' },
    { at: `A${totalRow}`, value: 'Total / weighted', style: 'total' },
  ];
  const merges: string[] = [];
  let unitsTotal = 0;
  let medicareRevenue = 0;
  codes.forEach((c, i) => {
    const row = FIRST_ROW + i;
    const medicare = input.medicareByKey.get(codeKey(c.code, c.modifier)) ?? 0;
    unitsTotal += c.units;
    medicareRevenue += c.units * medicare;
    cells.push(
      { at: `A${row}`, value: sanitizeText(c.code) },
      { at: `B${row}`, value: sanitizeText(c.modifier) },
      { at: `C${row}`, value: c.units, format: 'integer' },
      { at: `D${row}`, formula: `SUMIFS(${MEDICARE_TABLE}[Non-facility allowed],${MEDICARE_TABLE}[Key],${exactCriterion(`$A${row}&"|"&$B${row}`)})`, expected: dollars(medicare), format: 'money' },
      { at: `E${row}`, formula: `$C${row}*$D${row}`, expected: dollars(c.units * medicare), format: 'money' },
    );
  });
  if (codes.length > 0) {
    cells.push(
      { at: `C${totalRow}`, formula: `SUM(C${FIRST_ROW}:C${last})`, expected: unitsTotal, format: 'integer', style: 'total' },
      { at: `E${totalRow}`, formula: `SUM(E${FIRST_ROW}:E${last})`, expected: dollars(medicareRevenue), format: 'money', style: 'total' },
    );
  }

  input.payers.forEach((payer, p) => {
    const col = 6 + p * 3;
    const [rateCol, pctCol, revCol] = [columnLetter(col), columnLetter(col + 1), columnLetter(col + 2)];
    const term = termInForce(input.book, [payer], input.rateDate);
    const percentCell = `${rateCol}3`;
    const sameBase =
      term?.percentOfMedicare !== undefined &&
      (term.locality ?? input.locality) === input.locality &&
      (term.setting ?? 'non-facility') === 'non-facility' &&
      (term.medicareYear === undefined || term.medicareYear === input.medicareYear);
    if (term?.percentOfMedicare !== undefined) cells.push({ at: percentCell, value: term.percentOfMedicare / 100, format: 'percent' });
    cells.push(
      { at: `${rateCol}4`, value: sanitizeText(payer), style: 'header' },
      { at: `${rateCol}5`, value: 'Rate', style: 'header' },
      { at: `${pctCol}5`, value: '% of Medicare', style: 'header' },
      { at: `${revCol}5`, value: 'Revenue', style: 'header' },
    );
    merges.push(`${rateCol}4:${revCol}4`);
    let revenue = 0;
    let pricedRevenue = 0;
    let pricedMedicare = 0;
    codes.forEach((c, i) => {
      const row = FIRST_ROW + i;
      const medicare = input.medicareByKey.get(codeKey(c.code, c.modifier)) ?? 0;
      const priced = expectedAmount(input.book, { payer, code: c.code, modifiers: c.modifier === '' ? [] : [c.modifier], units: 1, serviceDate: input.rateDate }, { locality: input.locality });
      const rateRef = `${rateCol}${row}`;
      let rate: Cents | null = null;
      if (priced.ok) {
        rate = priced.value.rateCents;
        const r = priced.value.rate;
        if (r !== undefined) {
          cells.push({ at: rateRef, formula: `SUMIFS(${FEE_TABLE}[Rate],${FEE_TABLE}[Lookup],${exactCriterionLiteral(rateLookup(r.payer, r.procedureCode, r.modifier))})`, expected: dollars(rate), format: 'money' });
        } else if (sameBase) {
          cells.push({ at: rateRef, formula: `ROUND($D${row}*$${rateCol}$3,2)`, expected: dollars(rate), format: 'money' });
        } else {
          cells.push({ at: rateRef, value: dollars(rate), format: 'money', note: 'Priced on another locality, setting or Medicare year than this sheet: see Fee schedules' });
        }
      }
      cells.push(
        { at: `${pctCol}${row}`, formula: `IF(OR(${rateRef}="",$D${row}=0),"",${rateRef}/$D${row})`, expected: rate === null || medicare === 0 ? null : rate / medicare, format: 'percent' },
        { at: `${revCol}${row}`, formula: `$C${row}*N(${rateRef})`, expected: dollars(c.units * (rate ?? 0)), format: 'money' },
      );
      revenue += c.units * (rate ?? 0);
      // The weighted percent compares like with like: codes both Medicare and the payer price.
      if (rate !== null && rate > 0 && medicare > 0) {
        pricedRevenue += c.units * rate;
        pricedMedicare += c.units * medicare;
      }
    });
    if (codes.length > 0) {
      const rates = `${rateCol}${FIRST_ROW}:${rateCol}${last}`;
      const medicareCol = `$D$${FIRST_ROW}:$D$${last}`;
      const both = `${rates},">0",${medicareCol},">0"`;
      const medicareRevenue = `SUMIFS($E$${FIRST_ROW}:$E$${last},${both})`;
      cells.push(
        { at: `${revCol}${totalRow}`, formula: `SUM(${revCol}${FIRST_ROW}:${revCol}${last})`, expected: dollars(revenue), format: 'money', style: 'total' },
        {
          at: `${pctCol}${totalRow}`,
          formula: `IF(${medicareRevenue}=0,"",SUMIFS(${revCol}${FIRST_ROW}:${revCol}${last},${both})/${medicareRevenue})`,
          expected: pricedMedicare === 0 ? null : pricedRevenue / pricedMedicare,
          format: 'percent',
          style: 'total',
          note: 'Weighted by the practice\'s units, over the codes both Medicare and this payer price',
        },
      );
    }
  });
  const widths: Record<string, number> = { A: 22, B: 9, C: 10, D: 14, E: 16 };
  input.payers.forEach((_, p) => {
    widths[columnLetter(6 + p * 3)] = 14;
    widths[columnLetter(7 + p * 3)] = 12;
    widths[columnLetter(8 + p * 3)] = 16;
  });
  if (codes.length === 0) cells.push({ at: cellRef(FIRST_ROW, 1), value: 'No remittance lines: no volumes to compare.', style: 'note' });
  return { name: SHEETS.compare, cells: codes.length === 0 ? cells.filter((c) => c.at !== `A${totalRow}`) : cells, tables: [], merges, columnWidths: widths, frozen: { rows: 5, columns: 5 } };
}
