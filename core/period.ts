/**
 * Calendar dates and months, as text. A date is `YYYY-MM-DD` exactly as the source wrote the
 * calendar day: no time zones, so nothing drifts across midnight. Date-times are local wall-clock
 * `YYYY-MM-DDTHH:MM:SS` with no offset.
 */
import { messages } from './messages';
import { err, ok, type Result } from './result';

/** `YYYY-MM-DD`. */
export type CalendarDate = string;
/** `YYYY-MM-DDTHH:MM:SS`, wall-clock time where it happened. */
export type LocalDateTime = string;
/** `YYYY-MM`. */
export type MonthKey = string;

/** How a profile says to read `03/04/2024`: month first, day first. */
export type DateOrder = 'MDY' | 'DMY';

export interface ParsedDate {
  readonly date: CalendarDate;
  /** `HH:MM:SS` when the text carried a time of day. */
  readonly time?: string;
}

export type DateError = { readonly kind: 'empty' | 'format' | 'invalid' | 'ambiguous'; readonly message: string };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const X12 = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?)?$/;
/** Month names as accounting packages write them: `31 Jan 2025` (Xero, Sage), `31-Jan-2025`, `Jan 31, 2025`. */
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MONTH_YEAR = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4}|\d{2})$/;
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;

function monthFromName(name: string): number {
  const n = name.toLowerCase();
  const i = MONTH_NAMES.indexOf(n.slice(0, 3));
  // "Sept" and full names are fine; "Janx" is not a month.
  if (i === -1) return 0;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i] ?? '';
  return full.startsWith(n) || n === 'sept' ? i + 1 : 0;
}

/**
 * Reads the date forms exports use: `MM/DD/YYYY`, `M/D/YYYY h:mm:ss AM` (Epic), `YYYY-MM-DD`,
 * ISO date-times (`2014-05-06T08:34:30Z`: the calendar day as written), X12 `CCYYMMDD`,
 * `DD.MM.YYYY` under a day-first order. `03/04/2024` with no order given is refused as ambiguous;
 * `25/12/2024` is not ambiguous and reads as day-first.
 */
export function parseDate(text: string, order?: DateOrder): Result<ParsedDate, DateError> {
  const s = text.trim();
  if (s === '') return err({ kind: 'empty', message: messages.dateEmpty() });

  let m = ISO.exec(s);
  if (m) return build(text, Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], undefined);
  m = X12.exec(s);
  if (m) return build(text, Number(m[1]), Number(m[2]), Number(m[3]), undefined, undefined, undefined, undefined);
  m = DAY_MONTH_YEAR.exec(s);
  if (m && monthFromName(m[2] ?? '') > 0) return build(text, expandYear(m[3] ?? ''), monthFromName(m[2] ?? ''), Number(m[1]), undefined, undefined, undefined, undefined);
  m = MONTH_DAY_YEAR.exec(s);
  if (m && monthFromName(m[1] ?? '') > 0) return build(text, Number(m[3]), monthFromName(m[1] ?? ''), Number(m[2]), undefined, undefined, undefined, undefined);
  m = NUMERIC.exec(s);
  if (!m) return err({ kind: 'format', message: messages.dateNotADate(text) });

  const a = Number(m[1]);
  const b = Number(m[2]);
  const year = expandYear(m[3] ?? '');
  let effective = order;
  if (effective === undefined) {
    if (a > 12 && b <= 12) effective = 'DMY';
    else if (b > 12 && a <= 12) effective = 'MDY';
    else if (a === b) effective = 'MDY'; // 04/04 reads the same either way
    else if (a <= 12 && b <= 12) return err({ kind: 'ambiguous', message: messages.dateAmbiguous(text) });
    else return err({ kind: 'invalid', message: messages.dateInvalid(text) });
  }
  const [month, day] = effective === 'MDY' ? [a, b] : [b, a];
  return build(text, year, month, day, m[4], m[5], m[6], m[7]);
}

/**
 * Whether `text` already is a canonical calendar date (`YYYY-MM-DD`, a real day): what parseDate
 * would return for it, checked without a regular expression (the form most exports write on
 * every row).
 */
export function isCanonicalDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  return year >= 0 && month >= 0 && day >= 0 && isRealDate(year, month, day);
}

/** Whether `text` already is a canonical local date-time (`YYYY-MM-DDTHH:MM:SS`, a real instant). */
export function isCanonicalDateTime(text: string): boolean {
  if (text.length !== 19 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  if (!isCanonicalDate(text.slice(0, 10))) return false;
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

/** The number written by the ASCII digits text[from..to), or -1 when one of them is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Two-digit years pivot at 50: `24` is 2024, `87` is 1987. */
function expandYear(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n < 50 ? 2000 + n : 1900 + n;
}

function build(
  text: string,
  year: number,
  month: number,
  day: number,
  hh: string | undefined,
  mm: string | undefined,
  ss: string | undefined,
  ampm: string | undefined,
): Result<ParsedDate, DateError> {
  if (!isRealDate(year, month, day)) return err({ kind: 'invalid', message: messages.dateInvalid(text) });
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (hh === undefined) return ok({ date });
  let hour = Number(hh);
  const minute = Number(mm);
  const second = ss === undefined ? 0 : Number(ss);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return err({ kind: 'invalid', message: messages.timeInvalid(text) });
    const pm = ampm.toUpperCase() === 'PM';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return err({ kind: 'invalid', message: messages.timeInvalid(text) });
  return ok({ date, time: `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}` });
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1800 || year > 2200) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A local date-time from a parsed date; midnight when the source had no time. */
export function toLocalDateTime(parsed: ParsedDate): LocalDateTime {
  return `${parsed.date}T${parsed.time ?? '00:00:00'}`;
}

/** Days since 1970-01-01 for a calendar date: the one integer day scale used for differences. */
export function dayNumber(date: CalendarDate): number {
  // A canonical date's number from its digits (days from the civil calendar, Hinnant's method): a
  // million-row aggregation asks for it several times a row; anything else takes Date.UTC.
  const year = date.length >= 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45 ? digits(date, 0, 4) : -1;
  const month = year < 0 ? -1 : digits(date, 5, 7);
  const day = month < 1 || month > 12 ? -1 : digits(date, 8, 10);
  if (day >= 1 && day <= 31) {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(day: number): CalendarDate {
  // The civil date of a day number (Hinnant's method, the inverse of dayNumber), for years 0–9999.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * Whole seconds between two local date-times (same wall clock, so no zone arithmetic). Durations
 * are summed in whole seconds so a total does not depend on the order it was added up in.
 */
export function secondsBetween(from: LocalDateTime, to: LocalDateTime): number {
  return secondNumber(to) - secondNumber(from);
}

function secondNumber(t: LocalDateTime): number {
  return dayNumber(t.slice(0, 10)) * 86_400 + Number(t.slice(11, 13)) * 3600 + Number(t.slice(14, 16)) * 60 + Number(t.slice(17, 19) || '0');
}

export function monthOf(date: CalendarDate): MonthKey {
  return date.slice(0, 7);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The month `n` months after `month` (negative goes back). */
export function addMonths(month: MonthKey, n: number): MonthKey {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/** Every month from `first` to `last` inclusive. */
export function monthsBetween(first: MonthKey, last: MonthKey): MonthKey[] {
  const out: MonthKey[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The last calendar day of a month. */
export function endOfMonth(month: MonthKey): CalendarDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${pad(daysInMonth(y, m), 2)}`;
}

/**
 * A month as report column headers write it: `Jan 2025`, `January 2025`, `Jan-25`, `Jan 25`,
 * `2025-01`, `01/2025`, or a date inside the month (`31 Jan 2025`, `2025-01-31`, `01/31/2025`).
 * Undefined when the text is not a month.
 */
export function parseMonth(text: string): MonthKey | undefined {
  const s = text.trim();
  let m = /^([A-Za-z]{3,9})\.?[\s\-'/]+(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const month = monthFromName(m[1] ?? '');
    return month > 0 ? `${pad(expandYear(m[2] ?? ''), 4)}-${pad(month, 2)}` : undefined;
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(s) ?? null;
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${pad(Number(m[2]), 2)}` : undefined;
  m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${m[2]}-${pad(Number(m[1]), 2)}` : undefined;
  const date = parseDate(s, 'MDY');
  return date.ok ? date.value.date.slice(0, 7) : undefined;
}
