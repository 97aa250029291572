/**
 * A contract book: every payer's fee-schedule rows and percent-of-Medicare terms, plus the
 * Medicare RVUs and GPCIs, with the lookups that pick what was in force on a date of service.
 */
import type { CanonicalRecord, ContractTerm, FeeScheduleRate, Gpci, MedicareRvu, SettingClass } from '../model';
import type { CalendarDate } from '../period';
import { medicareIndex, type MedicareIndex } from './medicare';

export interface ContractBook {
  readonly rates: readonly FeeScheduleRate[];
  /** The same rates by code (upper case), so pricing a line looks at its code's rows only. */
  readonly ratesByCode: ReadonlyMap<string, readonly FeeScheduleRate[]>;
  readonly terms: readonly ContractTerm[];
  readonly medicare: MedicareIndex;
}

/** Builds a book from imported records (other record types are ignored). */
export function contractBook(records: Iterable<CanonicalRecord>): ContractBook {
  const rates: FeeScheduleRate[] = [];
  const terms: ContractTerm[] = [];
  const rvus: MedicareRvu[] = [];
  const gpcis: Gpci[] = [];
  for (const r of records) {
    if (r.type === 'fee-rate') rates.push(r);
    else if (r.type === 'contract-term') terms.push(r);
    else if (r.type === 'medicare-rvu') rvus.push(r);
    else if (r.type === 'gpci') gpcis.push(r);
  }
  const ratesByCode = new Map<string, FeeScheduleRate[]>();
  for (const r of rates) {
    const code = r.procedureCode.trim().toUpperCase();
    const list = ratesByCode.get(code);
    if (list === undefined) ratesByCode.set(code, [r]);
    else list.push(r);
  }
  return { rates, ratesByCode, terms, medicare: medicareIndex(rvus, gpcis) };
}

/** Payer names and ids compare without case or surrounding spaces. */
export function samePayer(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A contract row belongs to a payer named by any of `payers` (its name or its id). */
function forPayer(row: { payer: string; payerId?: string | undefined }, payers: readonly string[]): boolean {
  return payers.some((p) => samePayer(row.payer, p) || samePayer(row.payerId, p));
}

function inForce(row: { effectiveFrom: string; effectiveTo?: string | undefined }, date: CalendarDate): boolean {
  return row.effectiveFrom <= date && (row.effectiveTo === undefined || date <= row.effectiveTo);
}

/** Latest start date wins when a renewal overlaps the contract it replaces. */
function latest<T extends { effectiveFrom: string }>(rows: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const r of rows) if (best === undefined || r.effectiveFrom >= best.effectiveFrom) best = r;
  return best;
}

/** The payer's terms in force on the date of service (the latest-starting when two overlap). */
export function termInForce(book: ContractBook, payers: readonly string[], date: CalendarDate): ContractTerm | undefined {
  return latest(book.terms.filter((t) => forPayer(t, payers) && inForce(t, date)));
}

/**
 * The fee-schedule row in force for a code: a row for one of the line's pricing modifiers first,
 * then the code's row without modifier; a row for the line's setting before a row for any setting.
 */
export function rateInForce(
  book: ContractBook,
  payers: readonly string[],
  code: string,
  modifiers: readonly string[],
  setting: SettingClass | undefined,
  date: CalendarDate,
): FeeScheduleRate | undefined {
  const candidates = (book.ratesByCode.get(code.trim().toUpperCase()) ?? []).filter((r) => forPayer(r, payers) && inForce(r, date));
  if (candidates.length === 0) return undefined;
  const bySetting = (rows: FeeScheduleRate[]) => latest(rows.filter((r) => r.setting !== undefined && r.setting === setting)) ?? latest(rows.filter((r) => r.setting === undefined));
  for (const m of modifiers) {
    const found = bySetting(candidates.filter((r) => r.modifier.toUpperCase() === m));
    if (found !== undefined) return found;
  }
  return bySetting(candidates.filter((r) => r.modifier === ''));
}

/** Every payer named by the book (terms and schedules), in first-seen order. */
export function contractPayers(book: ContractBook): string[] {
  const out: string[] = [];
  for (const r of [...book.terms, ...book.rates]) if (!out.some((p) => samePayer(p, r.payer))) out.push(r.payer);
  return out;
}
