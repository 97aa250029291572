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

/** Patients, clinic days and providers, each numbered once (numbers hash faster than strings). */
interface Sets {
  patients: Set<number>;
  days: Set<number>;
  providers: Set<number>;
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

/** Distinct members of a window of months, with how many of its months each was seen in. */
class Window {
  readonly patients = new Map<number, number>();
  readonly days = new Map<number, number>();
  readonly providers = new Map<number, number>();

  add(sets: Sets): this {
    for (const [target, source] of this.pairs(sets)) for (const v of source) target.set(v, (target.get(v) ?? 0) + 1);
    return this;
  }

  remove(sets: Sets): void {
    for (const [target, source] of this.pairs(sets))
      for (const v of source) {
        const n = (target.get(v) ?? 0) - 1;
        if (n <= 0) target.delete(v);
        else target.set(v, n);
      }
  }

  any(): boolean {
    return this.days.size > 0;
  }

  private pairs(sets: Sets): [Map<number, number>, Set<number>][] {
    return [
      [this.patients, sets.patients],
      [this.days, sets.days],
      [this.providers, sets.providers],
    ];
  }
}

/** One row per period kind × month × slice with any visit in the period. */
export function buildDistinct(visits: readonly Visit[], months: readonly MonthKey[], keyed: (w: Who) => Keyed): DistinctRow[] {
  // slice id → month → sets of that month
  type Slice = { dimension: SliceDimension; key: string; months: Map<MonthKey, Sets> };
  const bySlice = new Map<string, Slice>();
  // Per Who: its five slices and its provider's number.
  const ofWho = new Map<Who, { slices: Slice[]; providerKey: string; provider: number }>();
  const numbers = new Map<string, number>();
  const numberOf = (text: string): number => {
    let n = numbers.get(text);
    if (n === undefined) {
      n = numbers.size;
      numbers.set(text, n);
    }
    return n;
  };
  for (const v of visits) {
    let w = ofWho.get(v.who);
    if (w === undefined) {
      const k = keyed(v.who);
      const slices = slicesOf(k).map(([dimension, key]) => {
        const id = `${dimension}|${key}`;
        let slice = bySlice.get(id);
        if (slice === undefined) {
          slice = { dimension, key, months: new Map() };
          bySlice.set(id, slice);
        }
        return slice;
      });
      w = { slices, providerKey: k.providerKey, provider: numberOf(`provider\u0000${k.providerKey}`) };
      ofWho.set(v.who, w);
    }
    const month = v.date.slice(0, 7);
    const patient = v.patientKey === undefined ? -1 : numberOf(`patient\u0000${v.patientKey}`);
    const day = numberOf(`day\u0000${w.providerKey}\u0000${v.date}`);
    for (const slice of w.slices) {
      let sets = slice.months.get(month);
      if (sets === undefined) {
        sets = emptySets();
        slice.months.set(month, sets);
      }
      if (patient !== -1) sets.patients.add(patient);
      sets.days.add(day);
      sets.providers.add(w.provider);
    }
  }
  const rows: DistinctRow[] = [];
  const push = (period: PeriodKind, month: MonthKey, slice: { dimension: SliceDimension; key: string }, w: Window | Sets) =>
    rows.push({ period, month, dimension: slice.dimension, key: slice.key, uniquePatients: w.patients.size, clinicDays: w.days.size, providers: w.providers.size });
  for (const slice of bySlice.values()) {
    // Sliding windows: the trailing 12 months add the new month and drop the month 12 back; year to date restarts in January.
    const t12 = new Window();
    let ytd = new Window();
    for (const month of months) {
      const sets = slice.months.get(month);
      const dropped = slice.months.get(addMonths(month, -12));
      if (month.endsWith('-01')) ytd = new Window();
      if (sets !== undefined) {
        t12.add(sets);
        ytd.add(sets);
        push('month', month, slice, sets);
      }
      if (dropped !== undefined) t12.remove(dropped);
      if (t12.any()) push('t12', month, slice, t12);
      if (ytd.any()) push('ytd', month, slice, ytd);
    }
  }
  return rows.sort(compareDistinctRows);
}

const periodOrder: readonly PeriodKind[] = ['month', 't12', 'ytd'];
const dimensionOrder: readonly SliceDimension[] = ['all', 'provider', 'location', 'payerClass', 'payer'];

/** Distinct rows in order of period kind, month, slice dimension and member key. */
export function compareDistinctRows(a: DistinctRow, b: DistinctRow): number {
  return (
    periodOrder.indexOf(a.period) - periodOrder.indexOf(b.period) ||
    (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) ||
    dimensionOrder.indexOf(a.dimension) - dimensionOrder.indexOf(b.dimension) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
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
