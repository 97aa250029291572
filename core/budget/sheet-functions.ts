/**
 * SPREAD and DEPRECIATION as a spreadsheet calls them: dollars in, dollars out, months as Excel
 * date serials or `YYYY-MM` text. Thin over the cent-exact core; the add-in's custom functions wrap these.
 */
import { err, ok, type Result } from '../result';
import { centsToDollars, roundCents } from '../money';
import { fromDayNumber, type MonthKey } from '../period';
import { depreciation } from './depreciation';
import { spread, spreadMethods, type SpreadMethod } from './spread';

/** Days from 1970-01-01 to Excel's day 0 (1899-12-30). */
const EXCEL_EPOCH_DAY = -25_569;

/** A month from an Excel date serial (any day in it) or `YYYY-MM` / `YYYY-MM-DD` text. */
export function sheetMonth(value: number | string): MonthKey | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 1 ? fromDayNumber(Math.floor(value) + EXCEL_EPOCH_DAY).slice(0, 7) : undefined;
  const m = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(value.trim());
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}` : undefined;
}

/** Dollars to cents, refusing fractions of a cent beyond float noise. */
function cents(dollars: number, what: string): Result<number> {
  if (!Number.isFinite(dollars)) return err(`${what} is not a number`);
  return ok(roundCents(dollars * 100));
}

/**
 * SPREAD(annual, method, [profile], [year]): 12 monthly dollar amounts adding up to `annual` to the
 * cent. `method`: even, workingDays, seasonality, manual (see spread.ts).
 */
export function spreadDollars(annual: number, method: string, profile?: readonly number[], year?: number): Result<number[]> {
  const a = cents(annual, 'the annual amount');
  if (!a.ok) return a;
  if (!(spreadMethods as readonly string[]).includes(method)) return err(`"${method}" is not a spreading method (${spreadMethods.join(', ')})`);
  // A seasonality profile typed as dollars becomes cents, so it stays whole numbers.
  const weights = profile === undefined ? undefined : method === 'seasonality' ? profile.map((p) => roundCents(p * 100)) : profile;
  const r = spread(a.value, method as SpreadMethod, weights, year);
  return r.ok ? ok(r.value.map(centsToDollars)) : r;
}

/**
 * DEPRECIATION(cost, salvage, lifeMonths, inServiceMonth, month): straight-line depreciation in
 * dollars charged in `month`, exact to the cent over the life (depreciation.ts).
 */
export function depreciationDollars(cost: number, salvage: number, lifeMonths: number, inServiceMonth: number | string, month: number | string): Result<number> {
  const c = cents(cost, 'the cost');
  const s = cents(salvage, 'the salvage value');
  if (!c.ok) return c;
  if (!s.ok) return s;
  if (!Number.isInteger(lifeMonths) || lifeMonths < 1) return err('the useful life must be whole months, at least 1');
  const start = sheetMonth(inServiceMonth);
  const at = sheetMonth(month);
  if (start === undefined || at === undefined) return err('the in-service month and the month must be dates or YYYY-MM');
  return ok(centsToDollars(depreciation(c.value, s.value, lifeMonths, start, at)));
}
