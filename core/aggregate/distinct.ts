/**
 * Distinct counts per period and slice: unique patients, clinic days (provider × day pairs with a
 * visit) and providers. They cannot be summed across months or slices, so each period the workbook
 * shows (a month, the trailing 12 months, year to date) gets its own precomputed row.
 */
import type { PayerClass } from '../model';
import { addMonths, dayNumber, type CalendarDate, type MonthKey } from '../period';
import type { Who } from './members';
import type { DistinctRow, PeriodKind, SliceDimension } from './types';

/** A visit: an encounter, or a claim's first date of service when there are no encounter records. */
export interface Visit {
  readonly date: CalendarDate;
  readonly who: Who;
  readonly patientKey: string | undefined;
}

type Keyed = { providerKey: string; locationKey: string; payerClass: PayerClass; payerKey: string };

/**
 * How the counts are made: every patient, clinic day (provider × date) and provider gets a dense
 * number; each slice keeps, per month, the numbers seen in it (Int32 arrays, sorted and made
 * unique once all visits are in); a period's count is the size of the union of its months'
 * arrays, counted with a stamp per number. A large group has millions of (visit × slice) entries:
 * as Sets and Maps of numbers they took about 25 bytes each, here 4.
 */
class Numbers {
  private readonly map = new Map<string | number, number>();
  get size(): number {
    return this.map.size;
  }
  of(key: string | number): number {
    let n = this.map.get(key);
    if (n === undefined) {
      n = this.map.size;
      this.map.set(key, n);
    }
    return n;
  }
}

/** A growable list of numbers; `seal` sorts it and drops repeats. */
class NumberList {
  private items = new Int32Array(8);
  length = 0;
  push(n: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = n;
  }
  seal(): Int32Array {
    const sorted = this.items.subarray(0, this.length).sort();
    let unique = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i] as number;
    return sorted.slice(0, unique);
  }
}

/** One slice's numbers in one month. */
interface MonthLists {
  readonly patients: NumberList;
  readonly days: NumberList;
  readonly providers: NumberList;
}

interface Sealed {
  readonly patients: Int32Array;
  readonly days: Int32Array;
  readonly providers: Int32Array;
}

/** Counts the distinct numbers in a union of sorted unique lists, with a stamp per number. */
class UnionCounter {
  private readonly stamps: Int32Array;
  private stamp = 0;
  constructor(size: number) {
    this.stamps = new Int32Array(size);
  }
  count(lists: readonly Int32Array[]): number {
    const stamp = ++this.stamp;
    let n = 0;
    for (const list of lists)
      for (let i = 0; i < list.length; i++) {
        const v = list[i] as number;
        if (this.stamps[v] !== stamp) {
          this.stamps[v] = stamp;
          n++;
        }
      }
    return n;
  }
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
export function buildDistinct(visits: Iterable<Visit>, months: readonly MonthKey[], keyed: (w: Who) => Keyed): DistinctRow[] {
  type Slice = { dimension: SliceDimension; key: string; months: Map<MonthKey, MonthLists> };
  const bySlice = new Map<string, Slice>();
  // Per Who: its five slices and its provider's number.
  const ofWho = new Map<Who, { slices: Slice[]; provider: number }>();
  const patients = new Numbers();
  const days = new Numbers();
  const providers = new Numbers();
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
      w = { slices, provider: providers.of(k.providerKey) };
      ofWho.set(v.who, w);
    }
    const month = v.date.slice(0, 7);
    const patient = v.patientKey === undefined ? -1 : patients.of(v.patientKey);
    // A clinic day is a provider's date: one number per (provider, day).
    const day = days.of(w.provider * 1_000_000 + dayNumber(v.date));
    for (const slice of w.slices) {
      let lists = slice.months.get(month);
      if (lists === undefined) {
        lists = { patients: new NumberList(), days: new NumberList(), providers: new NumberList() };
        slice.months.set(month, lists);
      }
      if (patient !== -1) lists.patients.push(patient);
      lists.days.push(day);
      lists.providers.push(w.provider);
    }
  }
  const counters = { patients: new UnionCounter(patients.size), days: new UnionCounter(days.size), providers: new UnionCounter(providers.size) };
  const rows: DistinctRow[] = [];
  const push = (period: PeriodKind, month: MonthKey, slice: Slice, window: readonly Sealed[]) =>
    rows.push({
      period,
      month,
      dimension: slice.dimension,
      key: slice.key,
      uniquePatients: counters.patients.count(window.map((s) => s.patients)),
      clinicDays: counters.days.count(window.map((s) => s.days)),
      providers: counters.providers.count(window.map((s) => s.providers)),
    });
  for (const slice of bySlice.values()) {
    const sealed = new Map<MonthKey, Sealed>();
    for (const [month, lists] of slice.months) sealed.set(month, { patients: lists.patients.seal(), days: lists.days.seal(), providers: lists.providers.seal() });
    slice.months.clear();
    // The trailing 12 months end with the month; year to date starts in its January (or the first month with data).
    for (let i = 0; i < months.length; i++) {
      const month = months[i] as MonthKey;
      const own = sealed.get(month);
      if (own !== undefined) push('month', month, slice, [own]);
      const t12: Sealed[] = [];
      const ytd: Sealed[] = [];
      const january = `${month.slice(0, 4)}-01`;
      const yearBack = addMonths(month, -12);
      for (let j = i; j >= 0 && (months[j] as MonthKey) > yearBack; j--) {
        const m = months[j] as MonthKey;
        const s = sealed.get(m);
        if (s === undefined) continue;
        t12.push(s);
        if (m >= january) ytd.push(s);
      }
      if (t12.length > 0) push('t12', month, slice, t12);
      if (ytd.length > 0) push('ytd', month, slice, ytd);
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
