/**
 * Issue collection for one X12 file, plus the helpers that read typed values out of elements and
 * report what they cannot read. Every message names the element by its X12 position (CLP03).
 */
import { issue, type Issue, type Severity } from '../../core/issues';
import { messages } from '../../core/messages';
import { parseMoney, plainAmountIn, type Cents } from '../../core/money';
import { parseDate, type CalendarDate } from '../../core/period';
import type { Segment } from './tokenizer';

/** Per issue code, how many are listed one by one; the rest are counted in one closing issue (bounded memory on huge files). */
const LISTED_PER_CODE = 500;

export class Reporter {
  readonly issues: Issue[] = [];
  private readonly counts = new Map<string, number>();

  constructor(readonly file: string) {}

  add(code: string, severity: Severity, message: string, segment?: number): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n > LISTED_PER_CODE) return;
    this.issues.push(issue(code, severity, message, segment === undefined ? { file: this.file } : { file: this.file, segment }));
  }

  /** Adds one issue per code that had more than could be listed. */
  finish(): Issue[] {
    for (const [code, n] of this.counts) {
      if (n > LISTED_PER_CODE) this.add('x12-issues-truncated', 'info', messages.x12IssuesTruncated(code, n - LISTED_PER_CODE));
    }
    return this.issues;
  }
}

/** "CLP03": the element's X12 name. */
export function position(n: number): string {
  return String(n).padStart(2, '0');
}

/** The trimmed element, or undefined when absent or empty. */
export function element(segment: Segment, n: number): string | undefined {
  const value = segment.element(n);
  if (value === undefined || value === '') return undefined;
  // Most elements have no blanks around them: skip trim's work for those.
  const trimmed = value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32 ? value.trim() : value;
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A short code (qualifier, group code, entity id) as one number, packed like `segmentCode`:
 * 0 when absent or blank, -1 when it is not 1–3 ASCII characters (then it matches no code a reader
 * knows). Readers compare qualifiers as integers instead of cutting a string out for each one.
 */
export function qualifierCode(segment: Segment, n: number): number {
  const start = segment.elementStart(n);
  if (start === -1) return 0;
  const end = segment.elementEnd(n);
  const length = end - start;
  if (length >= 1 && length <= 3) {
    const text = segment.source;
    const a = text.charCodeAt(start);
    const b = length > 1 ? text.charCodeAt(start + 1) : 33;
    const c = length > 2 ? text.charCodeAt(end - 1) : 33;
    // Printable ASCII only: nothing to trim, and each character fits its byte.
    if (a > 32 && a < 127 && b > 32 && b < 127 && c > 32 && c < 127) return codeOf3(text, start, length);
  }
  const value = element(segment, n);
  if (value === undefined) return 0;
  return value.length <= 3 && /^[\x01-\x7f]+$/.test(value) ? codeOf3(value, 0, value.length) : -1;
}

/** `qualifierCode`'s number for a literal ("CO" → 0x434f00), for tables and switches. */
export function codeOf(text: string): number {
  return codeOf3(text, 0, text.length);
}

function codeOf3(text: string, start: number, length: number): number {
  const a = text.charCodeAt(start) << 16;
  if (length === 1) return a;
  const b = text.charCodeAt(start + 1) << 8;
  return length === 2 ? a | b : a | b | text.charCodeAt(start + 2);
}

/** Field readers bound to one segment and the reporter; each returns `invalid` after reporting. */
export const INVALID = Symbol('invalid');
export type Read<T> = T | undefined | typeof INVALID;

/** X12 writes decimals with a point, always. */
const POINT = { decimalSeparator: '.' } as const;

/** X12 decimal numbers (type R): an optional minus, digits, at most one point; no grouping or currency. */
function isDecimal(text: string): boolean {
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let points = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && points === 0) points++;
    else return false;
  }
  return digits > 0;
}

export function readMoney(report: Reporter, segment: Segment, n: number, required: string | undefined): Read<Cents> {
  // Nearly every X12 amount is in the plain form: read it where it lies, without a string.
  const start = segment.elementStart(n);
  if (start !== -1) {
    const cents = plainAmountIn(segment.source, start, segment.elementEnd(n));
    if (cents !== undefined) return cents;
  }
  const text = element(segment, n);
  if (text === undefined) {
    if (required === undefined) return undefined;
    report.add('x12-element-missing', 'error', messages.x12ElementMissing(segment.id, position(n), required), segment.index);
    return INVALID;
  }
  // X12 amounts have no grouping and at most two decimals; anything else goes through the one money parser.
  const parsed = parseMoney(text, POINT);
  if (!parsed.ok || !isDecimal(text)) {
    const detail = parsed.ok ? messages.moneyNotANumber(text) : parsed.error;
    report.add('x12-amount-invalid', 'error', messages.x12AmountInvalid(segment.id, position(n), detail), segment.index);
    return INVALID;
  }
  return parsed.value;
}

export function readNumber(report: Reporter, segment: Segment, n: number): Read<number> {
  const whole = wholeNumberAt(segment, n);
  if (whole !== -1) return whole;
  const text = element(segment, n);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!isDecimal(text) || !Number.isFinite(value)) {
    report.add('x12-number-invalid', 'warning', messages.x12NumberInvalid(segment.id, position(n), text), segment.index);
    return INVALID;
  }
  return value;
}

/** Element `n` when it is a few digits and nothing else (units, quantities: "1"), else -1. */
function wholeNumberAt(segment: Segment, n: number): number {
  const start = segment.elementStart(n);
  if (start === -1) return -1;
  const end = segment.elementEnd(n);
  if (end === start || end - start > 9) return -1;
  const text = segment.source;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** A CCYYMMDD date element. */
export function readDate(report: Reporter, segment: Segment, n: number): Read<CalendarDate> {
  // Eight digits, the usual case: look the date up by its number, without cutting a string out.
  const start = segment.elementStart(n);
  if (start !== -1 && segment.elementEnd(n) - start === 8) {
    const source = segment.source;
    let day = 0;
    for (let i = start; i < start + 8; i++) {
      const c = source.charCodeAt(i) - 48;
      if (c < 0 || c > 9) {
        day = -1;
        break;
      }
      day = day * 10 + c;
    }
    if (day !== -1) {
      const known = knownDays.get(day);
      if (known !== undefined) return known;
      const date = dateOf(report, segment, n, source.slice(start, start + 8));
      if (date !== INVALID && date !== undefined) {
        if (knownDays.size >= 4096) knownDays.clear();
        knownDays.set(day, date);
      }
      return date;
    }
  }
  const text = element(segment, n);
  if (text === undefined) return undefined;
  return dateOf(report, segment, n, text);
}

/** Valid CCYYMMDD dates by their number (20240305): the common case of `knownDates`. */
const knownDays = new Map<number, CalendarDate>();

/** Dates repeat across a file (one payment date, a few service dates): remember the last few thousand. */
const knownDates = new Map<string, CalendarDate>();

export function dateOf(report: Reporter, segment: Segment, n: number, text: string): Read<CalendarDate> {
  const known = knownDates.get(text);
  if (known !== undefined) return known;
  const parsed = /^\d{8}$/.test(text) ? parseDate(text) : undefined;
  if (parsed === undefined || !parsed.ok) {
    const detail = parsed === undefined ? messages.dateNotADate(text) : parsed.error.message;
    report.add('x12-date-invalid', 'warning', messages.x12DateInvalid(segment.id, position(n), detail), segment.index);
    return INVALID;
  }
  if (knownDates.size >= 4096) knownDates.clear();
  knownDates.set(text, parsed.value.date);
  return parsed.value.date;
}

/** Reports a segment longer than its implementation guide allows (the data read are still used). */
export function checkLength(report: Reporter, segment: Segment, max: number): void {
  if (segment.element(max + 1) === undefined) return; // cheap probe; count only when too long
  const found = segment.count - 1;
  report.add('x12-segment-malformed', 'warning', messages.x12TooManyElements(segment.id, found, max), segment.index);
}

/** Reports a missing required element; returns true when present. */
export function requireElement(report: Reporter, segment: Segment, n: number, what: string): string | undefined {
  const value = element(segment, n);
  if (value === undefined) report.add('x12-element-missing', 'error', messages.x12ElementMissing(segment.id, position(n), what), segment.index);
  return value;
}

export function unknownQualifier(report: Reporter, segment: Segment, qualifier: string | undefined): false {
  report.add('x12-qualifier-unknown', 'warning', messages.x12QualifierUnknown(segment.id, qualifier ?? ''), segment.index);
  return false;
}

const FOREIGN_COMPONENT = /^[A-Za-z0-9]{1,3}([:>^\\|<])/;

/**
 * A composite element split into its components. Some senders declare one component separator in
 * ISA16 and use another (`HC>99213` under ":"); when the declared one is absent and a qualifier is
 * followed by a usual separator character, that character is used, with a warning.
 */
export function composite(report: Reporter, segment: Segment, n: number): string[] {
  const start = segment.elementStart(n);
  if (start === -1) return [];
  const end = segment.elementEnd(n);
  if (start === end) return [];
  const source = segment.source;
  // The usual case, cut where it lies: no blanks around the element and the declared separator in it.
  if (source.charCodeAt(start) > 32 && source.charCodeAt(end - 1) > 32) {
    const separator = segment.delimiters.component.charCodeAt(0);
    let at = start;
    while (at < end && source.charCodeAt(at) !== separator) at++;
    if (at < end) {
      const parts: string[] = [];
      let from = start;
      for (; at <= end; at++) {
        if (at === end || source.charCodeAt(at) === separator) {
          parts.push(source.slice(from, at));
          from = at + 1;
        }
      }
      return trimmedParts(parts);
    }
  }
  const text = element(segment, n);
  if (text === undefined) return [];
  const declared = segment.delimiters.component;
  if (text.includes(declared)) return trimmedParts(text.split(declared));
  const foreign = FOREIGN_COMPONENT.exec(text);
  if (foreign !== null && foreign[1] !== undefined && foreign[1] !== segment.delimiters.repetition) {
    report.add('x12-component-separator', 'warning', messages.x12ComponentSeparator(segment.id, position(n), foreign[1], declared), segment.index);
    return trimmedParts(text.split(foreign[1]));
  }
  return [text];
}

function trimmedParts(parts: string[]): string[] {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (p.length > 0 && (p.charCodeAt(0) <= 32 || p.charCodeAt(p.length - 1) <= 32)) parts[i] = p.trim();
  }
  return parts;
}
