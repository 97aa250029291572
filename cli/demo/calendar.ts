/** The practice calendar: closed days, holiday weeks, and the seasons that shape visit volume and mix. */
import type { PayerClass } from '../../core/model';
import type { CalendarDate } from '../../core/period';
import { addDays, dayNumber, endOfMonth, weekday } from '../../core/period';


/** Closed days: New Year, Memorial Day, July 4, Labor Day, Thanksgiving and the day after, Christmas Eve and Day. */
export function isPracticeHoliday(date: CalendarDate): boolean {
  const y = Number(date.slice(0, 4));
  const md = date.slice(5);
  if (md === '01-01' || md === '07-04' || md === '12-24' || md === '12-25') return true;
  const thanksgiving = nthWeekday(y, 11, 4, 4);
  return (
    date === lastWeekday(y, 5, 1) ||
    date === nthWeekday(y, 9, 1, 1) ||
    date === thanksgiving ||
    date === addDays(thanksgiving, 1)
  );
}

/** Thanksgiving week and the Christmas–New Year week, when many providers are away. */
export function isHolidayWeek(date: CalendarDate): boolean {
  const y = Number(date.slice(0, 4));
  const md = date.slice(5);
  if (md >= '12-22' || md <= '01-02') return true;
  const thanksgiving = nthWeekday(y, 11, 4, 4);
  const d = dayNumber(date) - dayNumber(thanksgiving);
  return d >= -3 && d <= 1;
}

function nthWeekday(year: number, month: number, dow: number, n: number): CalendarDate {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const offset = (dow - weekday(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

function lastWeekday(year: number, month: number, dow: number): CalendarDate {
  const last = endOfMonth(`${year}-${String(month).padStart(2, '0')}`);
  return addDays(last, -((weekday(last) - dow + 7) % 7));
}

/** Relative visit volume by month: a winter peak, a summer slope and an August dip. */
export const MONTH_VOLUME = [1.06, 1.05, 1.0, 0.97, 0.97, 0.95, 0.92, 0.84, 1.0, 1.03, 1.0, 0.96];
/** Weight of respiratory complaints among sick visits by month. */
export const MONTH_RESPIRATORY = [2.4, 2.2, 1.6, 1.0, 0.7, 0.5, 0.5, 0.5, 0.8, 1.1, 1.6, 2.2];
/** Flu vaccine season: September to December, peaking in October. */
export const MONTH_FLU = [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1, 0.6, 0.3];

/** No-show probability by payer class before the lead-time factor. */
export const NO_SHOW_BASE: Record<PayerClass, number> = {
  medicare: 0.05, medicaid: 0.13, commercial: 0.055, self_pay: 0.12, workers_comp: 0.06, other: 0.07, unknown: 0.08,
};
