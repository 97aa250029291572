/**
 * Distinct counts per period and slice: unique patients, clinic days (provider × day pairs with a
 * visit) and providers. They cannot be summed across months or slices, so each period the workbook
 * shows (a month, the trailing 12 months, year to date) gets its own precomputed row.
 */
import type { PayerClass } from '../model';
import { addMonths, type CalendarDate, type MonthKey } from '../period';
import type { Who } from './members';
import type { DistinctRow, PeriodKind, SliceDimension } from './types';

/** A visit: an encounter, or a claim's first date of service when there are no encounter records. */
export interface Visit {
  readonly date: CalendarDate;
  readonly who: Who;
  readonly patientKey: string | undefined;
}

type Keyed = { providerKey: string; locationKey: string; payerClass: PayerClass; payerKey: string };

interface Sets {
  patients: Set<string>;
  days: Set<string>;
  providers: Set<string>;
}

function emptySets(): Sets {
  return { patients: new Set(), days: new Set(), providers: new Set() };
}

/** The slices one visit belongs to: the whole practice, and its provider, location, payer class and payer. */
function slicesOf(k: Keyed): [SliceDimension, string][] {
  return [
    ['all', 'all'],
    ['provider', k.providerKey],
    ['location', k.locationKey],
    ['payerClass', k.payerClass],
    ['payer', k.payerKey],
  ];
}

/** One row per period kind × month × slice with any visit in the period. */
export function buildDistinct(visits: readonly Visit[], months: readonly MonthKey[], keyed: (w: Who) => Keyed): DistinctRow[] {
  // slice id → month → sets of that month
  const bySlice = new Map<string, { dimension: SliceDimension; key: string; months: Map<MonthKey, Sets> }>();
  for (const v of visits) {
    const k = keyed(v.who);
    const month = v.date.slice(0, 7);
    for (const [dimension, key] of slicesOf(k)) {
      const id = `${dimension}|${key}`;
      let slice = bySlice.get(id);
      if (slice === undefined) {
        slice = { dimension, key, months: new Map() };
        bySlice.set(id, slice);
      }
      let sets = slice.months.get(month);
      if (sets === undefined) {
        sets = emptySets();
        slice.months.set(month, sets);
      }
      if (v.patientKey !== undefined) sets.patients.add(v.patientKey);
      sets.days.add(`${k.providerKey}|${v.date}`);
      sets.providers.add(k.providerKey);
    }
  }
  const rows: DistinctRow[] = [];
  const periods: PeriodKind[] = ['month', 't12', 'ytd'];
  for (const slice of bySlice.values()) {
    for (const month of months) {
      for (const period of periods) {
        const window = periodMonths(period, month);
        const union = emptySets();
        let any = false;
        for (const m of window) {
          const sets = slice.months.get(m);
          if (sets === undefined) continue;
          any = true;
          for (const p of sets.patients) union.patients.add(p);
          for (const d of sets.days) union.days.add(d);
          for (const p of sets.providers) union.providers.add(p);
        }
        if (!any) continue;
        rows.push({
          period,
          month,
          dimension: slice.dimension,
          key: slice.key,
          uniquePatients: union.patients.size,
          clinicDays: union.days.size,
          providers: union.providers.size,
        });
      }
    }
  }
  const dimOrder: SliceDimension[] = ['all', 'provider', 'location', 'payerClass', 'payer'];
  return rows.sort(
    (a, b) =>
      periods.indexOf(a.period) - periods.indexOf(b.period) ||
      (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) ||
      dimOrder.indexOf(a.dimension) - dimOrder.indexOf(b.dimension) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** The months a period covers: the month itself, the 12 months ending with it, or January to it. */
export function periodMonths(period: PeriodKind, month: MonthKey): MonthKey[] {
  if (period === 'month') return [month];
  const first = period === 't12' ? addMonths(month, -11) : `${month.slice(0, 4)}-01`;
  const out: MonthKey[] = [];
  for (let m = first; m <= month; m = addMonths(m, 1)) out.push(m);
  return out;
}
