/**
 * Contract custom functions: price a code from the schedules imported into this workbook (the
 * Contracts workbook's FeeSchedules, ContractTerms and MedicareRvus tables and the locality GPCIs
 * named GPCI_Work, GPCI_PE, GPCI_MP), exactly as core/contracts prices it. The tables are read once
 * through functions/contract-reader.ts and kept until one of their sheets changes.
 *
 * Excel recalculates a custom function when its arguments change, not when the tables do: after
 * rebuilding the Contracts workbook, Ctrl+Alt+F9 recalculates these cells.
 */
import type { ContractBook } from '../core/contracts/book';
import { medicareFee, type PricingProblem } from '../core/contracts/medicare';
import { expectedAmount } from '../core/contracts/pricing';
import type { SettingClass } from '../core/model';
import { roundCents } from '../core/money';
import { fromDayNumber, parseDate, type CalendarDate } from '../core/period';
import { contractBookFromTables } from '../core/plan/contracts/from-tables';
import { MEDICARE_TABLE } from '../core/plan/contracts/medicare-sheet';
import { FEE_TABLE, TERMS_TABLE } from '../core/plan/contracts/schedules-sheet';
import { NAMES, SHEETS } from '../core/plan/contracts/shared';
import { excelWorkbookReader, type WorkbookReader } from './contract-reader';
import { optionalNumberArg, problem, sheetCallAsync, textArg, type SheetProblem } from './sheet';

/** The contract book of the open workbook, with the Medicare year and locality its Medicare sheet names. */
interface ContractWorkbook {
  readonly book: ContractBook;
  readonly year?: number | undefined;
  readonly locality?: string | undefined;
}

let reader: WorkbookReader | undefined;
let cached: Promise<ContractWorkbook> | undefined;
/** Listening for changes: `true` once subscribed; without it every call reads afresh. */
let watching: Promise<boolean> | undefined;

/** Reads through `r` from now on (the tests' fake host); forgets what was read before. */
export function useWorkbookReader(r: WorkbookReader): void {
  reader = r;
  cached = undefined;
  watching = undefined;
}

/** Excel's serial day 25569 is 1970-01-01. */
const EXCEL_1970 = 25569;

async function load(r: WorkbookReader): Promise<ContractWorkbook> {
  const read = await r.read({
    tables: [FEE_TABLE, TERMS_TABLE, MEDICARE_TABLE],
    names: [NAMES.work, NAMES.pe, NAMES.mp],
    ranges: [{ sheet: SHEETS.medicare, address: 'A3:B8' }],
  });
  const [fees, terms, rvus] = read.tables;
  if (fees === undefined && terms === undefined && rvus === undefined) {
    throw problem('No contract workbook in this file: build the Contracts workbook first (task pane, Build)', 'notAvailable');
  }
  // The Medicare sheet's labelled cells: "Medicare year" and "Locality (MAC-locality)".
  const labelled = new Map((read.ranges[0] ?? []).map((row) => [String(row[0] ?? '').trim().toLowerCase(), row[1]]));
  const yearCell = labelled.get('medicare year');
  const year = typeof yearCell === 'number' && Number.isInteger(yearCell) ? yearCell : undefined;
  const localityCell = [...labelled].find(([label]) => label.startsWith('locality'))?.[1];
  const locality = typeof localityCell === 'string' && /^[A-Za-z0-9]+-[A-Za-z0-9]+$/.test(localityCell.trim()) ? localityCell.trim() : undefined;
  const [work, pe, mp] = read.names;
  const gpci =
    year !== undefined && locality !== undefined && typeof work === 'number' && typeof pe === 'number' && typeof mp === 'number' ? { locality, year, work, pe, mp } : undefined;
  return { book: contractBookFromTables({ feeSchedules: fees, contractTerms: terms, medicareRvus: rvus, gpci }), year, locality };
}

/** The contract book, read once and kept until the Medicare or Fee schedules sheet changes. */
async function contractWorkbook(): Promise<ContractWorkbook> {
  if (reader === undefined) {
    if (typeof Excel === 'undefined') throw problem('This function reads the workbook: it runs inside Excel only', 'notAvailable');
    reader = excelWorkbookReader();
  }
  const r = reader;
  watching ??= r.watch([SHEETS.medicare, SHEETS.schedules], () => (cached = undefined)).then(
    () => true,
    // An Excel without worksheet events: read the tables on every call instead.
    () => false,
  );
  if (!(await watching)) return load(r);
  if (cached === undefined) {
    const loading = load(r);
    cached = loading;
    // A failed read (no contract workbook yet) is not kept: the next call reads again.
    loading.catch(() => {
      if (cached === loading) cached = undefined;
    });
  }
  return cached;
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

function optionalText(value: unknown, what: string): string | undefined {
  return blank(value) ? undefined : textArg(value, what);
}

function settingArg(value: unknown): SettingClass {
  if (blank(value) || value === false || value === 0) return 'non-facility';
  if (value === true || value === 1) return 'facility';
  const text = String(value).trim().toLowerCase();
  if (text === 'facility' || text === 'true') return 'facility';
  if (text === 'non-facility' || text === 'nonfacility' || text === 'office' || text === 'false') return 'non-facility';
  throw problem(`facility must be TRUE (facility) or FALSE (office), not "${String(value)}"`);
}

/** Modifiers as "26", "50,LT" or "50 LT" (a range of cells, where Excel passes one, too). */
function modifiersArg(value: unknown): string[] {
  const cells = Array.isArray(value) ? (value as unknown[]).flat() : [value];
  return cells
    .filter((c) => !blank(c))
    .flatMap((c) => String(c).split(/[\s,;]+/))
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '');
}

/** A date of service: an Excel date, or text such as 2025-03-03 or 03/03/2025; blank = today. */
function dateArg(value: unknown): CalendarDate {
  const v = Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 ? value[0][0] : value;
  if (blank(v)) return new Date().toISOString().slice(0, 10);
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return fromDayNumber(Math.floor(v) - EXCEL_1970);
  const parsed = parseDate(String(v), 'MDY');
  if (!parsed.ok) throw problem(`the date of service "${String(v)}" is not a date: ${parsed.error.message}`);
  return parsed.value.date;
}

/** A pricing problem as the message a cell shows. */
function pricingError(p: PricingProblem, code: string): SheetProblem {
  if (p.flag === 'no-rvu') {
    return problem(`Code ${code} is not in the CMS RVU table of this workbook (the Medicare sheet lists the codes of its fee schedules and remittances)`, 'notAvailable');
  }
  const missing = p.flag === 'no-contract' || p.flag === 'no-component-row' || p.flag === 'not-priced-in-setting' || p.flag === 'no-gpci';
  return problem(p.message, missing ? 'notAvailable' : 'value');
}

/**
 * Medicare allowed amount of one unit of a code: (work RVU × work GPCI + PE RVU × PE GPCI + MP RVU × MP GPCI) × conversion factor, rounded once to the cent, from the Contracts workbook's CMS RVUs and locality GPCIs.
 * @customfunction MEDICARE MEDICARE
 * @param code CPT or HCPCS code, e.g. "99213"
 * @param [modifier] "26" (professional) or "TC" (technical) when the CMS file prices it separately
 * @param [locality] Medicare locality (MAC-locality); default and only choice: the workbook's locality on the Medicare sheet
 * @param [facility] TRUE for the facility price; FALSE or blank for the office (non-facility) price
 * @returns The Medicare allowed amount in dollars
 */
export async function medicare(code: string, modifier?: string, locality?: string, facility?: boolean): Promise<number> {
  return sheetCallAsync(async () => {
    const c = textArg(code, 'the code').toUpperCase();
    const mod = optionalText(modifier, 'the modifier')?.toUpperCase();
    const setting = settingArg(facility);
    const wanted = optionalText(locality, 'the locality');
    const wb = await contractWorkbook();
    if (wb.year === undefined) throw problem('The Contracts workbook has no CMS RVU table: import the CMS PPRRVU and GPCI files and build it again', 'notAvailable');
    if (wb.locality === undefined) throw problem('The Contracts workbook names no Medicare locality: import the GPCI file with contract terms naming a locality and build it again', 'notAvailable');
    if (wanted !== undefined && wanted !== wb.locality) {
      throw problem(`The Contracts workbook holds the GPCIs of locality ${wb.locality} only, not ${wanted}`, 'notAvailable');
    }
    const fee = medicareFee(wb.book.medicare, { code: c, modifiers: mod === undefined ? [] : [mod], year: wb.year, locality: wb.locality, setting });
    if (!fee.ok) throw pricingError(fee.error, mod === undefined ? c : `${c}-${mod}`);
    return fee.value.cents / 100;
  });
}

/**
 * Expected allowed amount of a service line under the payer's contract in this workbook (fee schedule, carve-out or percent of Medicare), with bilateral, units and lesser of billed, as the Expected vs paid sheet prices 835 lines.
 * @customfunction EXPECTED EXPECTED
 * @param payer Payer name as in the ContractTerms or FeeSchedules table (case does not matter)
 * @param code CPT or HCPCS code, e.g. "99213"
 * @param [modifiers] Modifiers separated by commas or spaces, e.g. "26" or "50,LT"
 * @param [units] Units of service (default 1)
 * @param [billed] Billed charge in dollars (the lesser of billed and contract applies when the contract says so)
 * @param [dateOfService] Date of service: picks the contract in force (default today)
 * @returns The expected allowed amount in dollars
 */
export async function expected(
  payer: string,
  code: string,
  modifiers?: string,
  units?: number,
  billed?: number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an Excel date (number) or date text
  dateOfService?: any,
): Promise<number> {
  return sheetCallAsync(async () => {
    const p = textArg(payer, 'the payer');
    const c = textArg(code, 'the code').toUpperCase();
    const mods = modifiersArg(modifiers);
    const count = optionalNumberArg(units, 'units', 1) ?? 1;
    if (!(count > 0)) throw problem(`units must be more than 0, not ${count}`);
    const billedDollars = optionalNumberArg(billed, 'the billed charge', undefined);
    const serviceDate = dateArg(dateOfService);
    const wb = await contractWorkbook();
    const line = {
      payer: p,
      code: c,
      modifiers: mods,
      units: count,
      billedCents: billedDollars === undefined ? undefined : roundCents(billedDollars * 100),
      serviceDate,
      setting: 'non-facility' as const,
    };
    const priced = expectedAmount(wb.book, line, { locality: wb.locality });
    if (!priced.ok) throw pricingError(priced.error, c);
    return priced.value.cents / 100;
  });
}
