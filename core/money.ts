/**
 * Money is integer cents everywhere. Parsing works on the digits as text, so no
 * binary floating point ever touches an amount; rounding happens once, at presentation.
 */
import { messages } from './messages';
import { err, ok, type Result } from './result';

/** An amount of money in integer cents (US dollars unless a source says otherwise). */
export type Cents = number;

/** Which character separates the decimals in the source; `undefined` means "nobody said". */
export type DecimalSeparator = '.' | ',';

export interface MoneyOptions {
  /** The export's locale convention. Without it, `12.345` and `12,345` are refused as ambiguous. */
  readonly decimalSeparator?: DecimalSeparator | undefined;
}

const CURRENCY = /^(?:US\$|USD|\$|€|£|EUR|GBP)|(?:USD|EUR|GBP|\$|€|£)$/i;

/**
 * Parses an amount as exports write it: `$1,234.50`, `1234.5`, `(123.45)`, `-123.45`, `123.45-`,
 * `1.234,50` (decimal comma). Returns integer cents, or an error sentence.
 */
export function parseMoney(text: string, options: MoneyOptions = {}): Result<Cents> {
  if (options.decimalSeparator !== ',') {
    const plain = plainAmount(text);
    if (plain !== undefined) return ok(plain);
  }
  let s = text.trim();
  if (s === '') return err(messages.moneyEmpty());
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY, '').trim();
  // A sign may also sit after the currency symbol: "$-12.00".
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  }
  // Spaces (including no-break and thin spaces) only ever group thousands.
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return err(messages.moneyNotANumber(text));

  const separators = separatorsOf(s, options.decimalSeparator);
  if (separators === 'ambiguous') return err(messages.moneyAmbiguous(text));
  if (separators === 'invalid') return err(messages.moneyNotANumber(text));

  const { decimal, group } = separators;
  const point = decimal === null ? -1 : s.lastIndexOf(decimal);
  const whole = point === -1 ? s : s.slice(0, point);
  const fraction = point === -1 ? '' : s.slice(point + 1);
  if (fraction.includes(group) || (decimal !== null && fraction.includes(decimal))) return err(messages.moneyNotANumber(text));
  if (!validGrouping(whole, group)) return err(messages.moneyNotANumber(text));

  const digits = whole.split(group).join('') || '0';
  const padded = (fraction + '00').slice(0, 2);
  if (/[1-9]/.test(fraction.slice(2))) return err(messages.moneySubCent(text));
  const cents = Number(digits) * 100 + Number(padded);
  if (!Number.isSafeInteger(cents)) return err(messages.moneyTooLarge(text));
  return ok(negative && cents !== 0 ? -cents : cents);
}

/**
 * The form machine exports write on almost every row (`-1234.5`, `85.55`, `330`): digits, an
 * optional leading minus and at most two decimals after a point. Read without regular expressions,
 * because a million-row import spends most of its money-parsing time here; anything else returns
 * undefined and takes the general path.
 */
function plainAmount(text: string): Cents | undefined {
  return plainAmountIn(text, 0, text.length);
}

/**
 * `parseMoney`'s fast path on the characters between `start` and `end` of `text`, so a reader
 * holding a large text (an X12 chunk) need not cut the amount out first. Returns the cents when
 * those characters are exactly the plain form (no blanks, no grouping, at most two decimals),
 * else undefined: then the amount must go through `parseMoney`, which decides and explains.
 */
export function plainAmountIn(text: string, start: number, end: number): Cents | undefined {
  const n = end - start;
  if (n <= 0 || n > 15) return undefined;
  let i = start;
  let negative = false;
  if (text.charCodeAt(i) === 45) {
    negative = true;
    i += 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    digits++;
  }
  if (digits === 0) return undefined;
  let fraction = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== 46) return undefined;
    const left = end - i - 1;
    if (left < 1 || left > 2) return undefined;
    for (let k = 1; k <= left; k++) {
      const c = text.charCodeAt(i + k) - 48;
      if (c < 0 || c > 9) return undefined;
      fraction = fraction * 10 + c;
    }
    if (left === 1) fraction *= 10;
  }
  const cents = whole * 100 + fraction;
  return negative && cents !== 0 ? -cents : cents;
}

interface Separators {
  readonly decimal: DecimalSeparator | null;
  readonly group: DecimalSeparator;
}

const other = (sep: DecimalSeparator): DecimalSeparator => (sep === '.' ? ',' : '.');

/** Decides which separator is the decimal one, refusing to guess when the text alone cannot tell. */
function separatorsOf(s: string, declared: DecimalSeparator | undefined): Separators | 'ambiguous' | 'invalid' {
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot === -1 && lastComma === -1) return { decimal: null, group: declared === undefined ? ',' : other(declared) };
  if (lastDot !== -1 && lastComma !== -1) {
    const inferred: DecimalSeparator = lastDot > lastComma ? '.' : ',';
    if (declared !== undefined && declared !== inferred) return 'invalid';
    return { decimal: inferred, group: other(inferred) };
  }
  const sep: DecimalSeparator = lastDot !== -1 ? '.' : ',';
  const count = s.split(sep).length - 1;
  if (declared !== undefined) {
    // Under a declared locale the other character is a thousands separator.
    if (sep !== declared) return { decimal: null, group: sep };
    return count > 1 ? 'invalid' : { decimal: declared, group: other(declared) };
  }
  if (count > 1) return { decimal: null, group: sep }; // "1.234.567" can only be grouping
  const after = s.length - s.lastIndexOf(sep) - 1;
  // Exactly three digits after a single separator reads as either a decimal or a group: refuse.
  if (after === 3 && s.lastIndexOf(sep) > 0) return 'ambiguous';
  return { decimal: sep, group: other(sep) };
}

function validGrouping(whole: string, group: string): boolean {
  if (!whole.includes(group)) return /^[0-9]*$/.test(whole);
  const parts = whole.split(group);
  const [head, ...rest] = parts;
  return head !== undefined && /^[0-9]{1,3}$/.test(head) && rest.every((p) => /^[0-9]{3}$/.test(p));
}

/** Refuses anything that is not a safe integer: the guard at every boundary where cents arrive. */
export function assertCents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer number of cents: ${value}`);
  return value;
}

/** Sums integer cents exactly. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  return assertCents(total);
}

/** Dollars for presentation (a cell value). The only place cents become a fraction. */
export function centsToDollars(cents: Cents): number {
  return cents / 100;
}

/**
 * Rounds a non-integer number of cents half away from zero, e.g. a percentage of a fee.
 * Works on the decimal text of the value so 2.675 * 100 style float noise cannot flip the result.
 */
export function roundCents(value: number): Cents {
  const rounded = Math.sign(value) * Math.round(Math.abs(Number(value.toPrecision(15))));
  return assertCents(rounded === 0 ? 0 : rounded);
}

/** `$1,234.50`, `-$12.00`: for messages and the CLI, never for cells (cells get number formats). */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** A ratio of two amounts, or null when the denominator is zero (a KPI says "not available"). */
export function ratio(numerator: Cents, denominator: Cents): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
