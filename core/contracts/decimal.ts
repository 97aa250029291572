/**
 * Exact decimal arithmetic for pricing. RVUs (2 decimals), GPCIs (3) and the conversion factor (4)
 * are decimals as CMS publishes them; multiplying them as binary floats can land a fee a hair
 * below a half cent and round it the wrong way. Here every product is an exact BigInt, and the
 * one rounding to the cent is half away from zero (core/money.ts rule).
 */
import type { Cents } from '../money';
import { assertCents } from '../money';

/** value = units / 10^scale, exactly. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** The exact decimal a number is written as (`0.77` is 77 / 100, not the nearest binary float). */
export function decimal(value: number | string): Decimal {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal number: ${text}`);
  const fraction = m[3] ?? '';
  const units = BigInt((m[2] || '0') + fraction) * (m[1] === '-' ? -1n : 1n);
  return { units, scale: fraction.length };
}

/** Shortest text that reads back as the same number, without exponent notation. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const s = String(value);
  if (!/e/i.test(s)) return s;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

function align(a: Decimal, scale: number): bigint {
  return a.units * 10n ** BigInt(scale - a.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: align(a, scale) + align(b, scale), scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Rounds to `places` decimals, half away from zero. */
export function roundDecimal(a: Decimal, places: number): Decimal {
  if (a.scale <= places) return { units: align(a, places), scale: places };
  const divisor = 10n ** BigInt(a.scale - places);
  const negative = a.units < 0n;
  const abs = negative ? -a.units : a.units;
  let q = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) q += 1n;
  return { units: negative ? -q : q, scale: places };
}

/** Dollars (any precision) → integer cents, rounded half away from zero. */
export function dollarsToCents(dollars: Decimal): Cents {
  const rounded = roundDecimal(dollars, 2);
  return assertCents(Number(rounded.units));
}

/** `percent` % of an amount in cents, rounded to the cent half away from zero (115 % of $100.01 = $115.01). */
export function percentOfCents(cents: Cents, percent: number): Cents {
  const product = multiply(decimal(cents), decimal(percent)); // cents × percent, to be divided by 100
  return assertCents(Number(roundDecimal({ units: product.units, scale: product.scale + 2 }, 0).units));
}

/** A decimal as a plain number (for display and cells). */
export function toNumber(a: Decimal): number {
  return Number(a.units) / 10 ** a.scale;
}

/** A decimal as text with exactly its own digits, e.g. `2.08570`. */
export function decimalText(a: Decimal): string {
  const negative = a.units < 0n;
  const digits = (negative ? -a.units : a.units).toString().padStart(a.scale + 1, '0');
  const body = a.scale === 0 ? digits : `${digits.slice(0, -a.scale)}.${digits.slice(-a.scale)}`;
  return negative ? `-${body}` : body;
}
