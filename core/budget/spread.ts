/**
 * Monthly spreading: an annual amount in cents split over 12 months so that the months ALWAYS add
 * up to the annual amount to the cent.
 *
 * Definition (largest remainder, the one rule every method uses): with integer weights w1..w12 and
 * W = Σw, month m gets floor(A·wm / W) cents; the cents left over (A − Σ floors, always 0..11) go one
 * each to the months with the largest remainders A·wm − W·floor(A·wm / W), ties to the earlier month.
 * Floors make the rule the same for negative amounts. The workbook computes exactly this in native
 * formulas (core/plan/budget-workbook.ts), which is why weights are whole numbers.
 */
import { err, ok, type Result } from '../result';
import { assertCents, type Cents } from '../money';
import { dayNumber, daysInMonth, fromDayNumber, weekday, type CalendarDate } from '../period';

export type SpreadMethod = 'even' | 'workingDays' | 'seasonality' | 'manual';
export const spreadMethods: readonly SpreadMethod[] = ['even', 'workingDays', 'seasonality', 'manual'];

export const spreadMethodLabels: Record<SpreadMethod, string> = {
  even: 'Even (1/12 each month)',
  workingDays: 'By working days (weekdays less holidays)',
  seasonality: 'By seasonality (prior-year share of the year)',
  manual: 'Manual (your own monthly profile)',
};

/** Seasonality profiles are whole basis points of the year: 12 integers that add up to 10,000. */
export const PROFILE_TOTAL = 10_000;

/**
 * Splits `annual` cents over the months in proportion to whole-number `weights` by largest
 * remainder (see the file comment). Throws on programmer mistakes (non-integer or negative
 * weights, all-zero weights); user input goes through `spread`, which returns errors instead.
 */
export function spreadByWeights(annual: Cents, weights: readonly number[]): Cents[] {
  return largestRemainder(annual, weights).months;
}

/** The pieces of the largest-remainder rule, as the workbook's helper sheet shows them. */
export interface LargestRemainderParts {
  /** floor(A·w / W) per month. */
  readonly floors: readonly number[];
  /** A·w − W·floor(A·w / W) per month: whole numbers 0 ≤ r < W. */
  readonly remainders: readonly number[];
  /** A − Σ floors: how many months get one cent more. */
  readonly leftover: number;
  readonly months: readonly Cents[];
}

/** Largest remainder, step by step (see the file comment). Throws on programmer mistakes. */
export function largestRemainder(annual: Cents, weights: readonly number[]): LargestRemainderParts & { months: Cents[] } {
  assertCents(annual);
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError(`weights must be whole numbers ≥ 0: ${weights.join(',')}`);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) throw new RangeError('weights add up to zero');
  const A = BigInt(annual);
  const W = BigInt(total);
  const floors = weights.map((w) => floorDiv(A * BigInt(w), W));
  const remainders = weights.map((w, i) => A * BigInt(w) - W * (floors[i] ?? 0n));
  const leftover = Number(A - floors.reduce((a, b) => a + b, 0n));
  let left = leftover;
  const order = remainders.map((r, i) => ({ r, i })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const months = floors.map((f) => Number(f));
  for (const { i } of order) {
    if (left <= 0) break;
    months[i] = (months[i] ?? 0) + 1;
    left--;
  }
  return { floors: floors.map(Number), remainders: remainders.map(Number), leftover, months };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Mon–Fri days of each month of `year`, less the holidays that fall on a weekday. */
export function workingDaysByMonth(year: number, holidays: readonly CalendarDate[] = []): number[] {
  const off = new Set(holidays);
  const out: number[] = [];
  for (let m = 1; m <= 12; m++) {
    let n = 0;
    for (let d = 1; d <= daysInMonth(year, m); d++) {
      const date = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const wd = weekday(date);
      if (wd !== 0 && wd !== 6 && !off.has(date)) n++;
    }
    out.push(n);
  }
  return out;
}

/**
 * The holidays most practices close for, observed on the nearest weekday when they fall on a
 * weekend: New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving, Christmas.
 * A default only; the budget's holiday list is configurable.
 */
export function practiceHolidays(year: number): CalendarDate[] {
  const observed = (date: CalendarDate): CalendarDate => {
    const wd = weekday(date);
    return wd === 6 ? fromDayNumber(dayNumber(date) - 1) : wd === 0 ? fromDayNumber(dayNumber(date) + 1) : date;
  };
  const nth = (month: number, dow: number, n: number): CalendarDate => {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    const offset = (dow - weekday(first) + 7) % 7;
    return fromDayNumber(dayNumber(first) + offset + 7 * (n - 1));
  };
  const lastMonday = (month: number): CalendarDate => {
    const last = `${year}-${String(month).padStart(2, '0')}-${daysInMonth(year, month)}`;
    return fromDayNumber(dayNumber(last) - ((weekday(last) - 1 + 7) % 7));
  };
  return [observed(`${year}-01-01`), lastMonday(5), observed(`${year}-07-04`), nth(9, 1, 1), nth(11, 4, 4), observed(`${year}-12-25`)];
}

/**
 * A seasonality profile from 12 months of prior-year actuals: each month's share of the year in
 * whole basis points (adding up to exactly 10,000, by largest remainder). Refused when the year
 * has a negative month or nets to zero or less, since a share of it would mean nothing.
 */
export function seasonalityProfile(monthlyActuals: readonly Cents[]): Result<number[]> {
  if (monthlyActuals.length !== 12) return err(`a seasonality profile needs 12 months of actuals, not ${monthlyActuals.length}`);
  if (monthlyActuals.some((a) => a < 0)) return err('a month of the prior year is negative, so it cannot give a seasonality profile');
  const total = monthlyActuals.reduce((a, b) => a + b, 0);
  if (total <= 0) return err('the prior year adds up to zero, so it cannot give a seasonality profile');
  return ok(spreadByWeights(PROFILE_TOTAL, monthlyActuals));
}

/**
 * SPREAD(annual, method, profile, year): 12 monthly amounts in cents that add up to `annual`.
 * - even: equal weights;
 * - workingDays: weekdays of each month of `year` less `holidays` (default `practiceHolidays(year)`);
 * - seasonality: `profile` = 12 prior-year monthly amounts or a basis-point profile (turned into
 *   basis points first, so both give the same spread);
 * - manual: `profile` = 12 non-negative whole-number weights used as given (e.g. your own amounts in cents).
 */
export function spread(
  annual: Cents,
  method: SpreadMethod,
  profile?: readonly number[],
  year?: number,
  holidays?: readonly CalendarDate[],
): Result<Cents[]> {
  if (!Number.isSafeInteger(annual)) return err(`${annual} is not a whole number of cents`);
  switch (method) {
    case 'even':
      return ok(spreadByWeights(annual, Array(12).fill(1)));
    case 'workingDays': {
      if (year === undefined || !Number.isInteger(year)) return err('spreading by working days needs the budget year');
      return ok(spreadByWeights(annual, workingDaysByMonth(year, holidays ?? practiceHolidays(year))));
    }
    case 'seasonality': {
      if (profile === undefined) return err('spreading by seasonality needs 12 prior-year monthly amounts');
      if (profile.some((p) => !Number.isSafeInteger(p))) return err('a seasonality profile is 12 whole numbers');
      const bp = seasonalityProfile(profile);
      return bp.ok ? ok(spreadByWeights(annual, bp.value)) : bp;
    }
    case 'manual': {
      if (profile === undefined || profile.length !== 12) return err('a manual spread needs 12 monthly weights');
      if (profile.some((p) => !Number.isSafeInteger(p) || p < 0)) return err('manual weights must be 12 whole numbers, none negative');
      if (profile.every((p) => p === 0)) return err('manual weights add up to zero');
      return ok(spreadByWeights(annual, profile));
    }
  }
}
