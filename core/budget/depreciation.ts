/**
 * Straight-line depreciation by month, exact to the cent: the depreciable amount (cost − salvage)
 * is spread evenly over the useful life by largest remainder, so the first (D mod L) months carry
 * one cent more and the life adds up to exactly cost − salvage.
 */
import { assertCents, type Cents } from '../money';
import type { MonthKey } from '../period';

/** `YYYY-MM` → a month count, so months subtract. */
export function monthNumber(month: MonthKey): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * DEPRECIATION(cost, salvage, lifeMonths, inServiceMonth, month): the straight-line depreciation
 * charged in `month` for an asset placed in service in `inServiceMonth` (a full month's charge in
 * that month), zero before it and after the life ends. Cents in, cents out.
 */
export function depreciation(cost: Cents, salvage: Cents, lifeMonths: number, inServiceMonth: MonthKey, month: MonthKey): Cents {
  assertCents(cost);
  assertCents(salvage);
  if (!Number.isInteger(lifeMonths) || lifeMonths < 1) throw new RangeError(`useful life must be whole months ≥ 1: ${lifeMonths}`);
  const k = monthNumber(month) - monthNumber(inServiceMonth);
  if (k < 0 || k >= lifeMonths) return 0;
  const depreciable = cost - salvage;
  const per = Math.floor(depreciable / lifeMonths);
  const extra = depreciable - per * lifeMonths;
  return per + (k < extra ? 1 : 0);
}
