/**
 * The wRVU hook. Work RVUs come only from the CMS physician fee schedule RVU file (PPRRVU), which
 * the fees connector imports as `medicare-rvu` records (core/model/contracts.ts) into
 * `dataset.other`. Without it, wRVU KPIs are "not available": RVUs are never invented.
 * With several years of RVU files, a service uses the RVUs of its year (or the nearest earlier year).
 */
import type { Dataset } from '../dataset';
import type { MedicareRvu } from '../model';

/** The record type the RVU connector produces. */
export const RVU_RECORD_TYPE = 'medicare-rvu';

/** Work RVU for one unit of a code on a date of service (its modifier's row first, then the global row). */
export type WorkRvuLookup = (procedureCode: string, modifiers: readonly string[], serviceDate: string) => number | undefined;

/** Builds the lookup from the dataset's RVU records, or returns undefined when none were imported. */
export function workRvuLookup(dataset: Dataset): WorkRvuLookup | undefined {
  const records = (dataset.other.get(RVU_RECORD_TYPE) ?? []) as readonly MedicareRvu[];
  if (records.length === 0) return undefined;
  // code|modifier → [year, work RVU] sorted by year
  const byCode = new Map<string, [number, number][]>();
  for (const r of records) {
    const key = `${r.procedureCode.trim().toUpperCase()}|${r.modifier.trim().toUpperCase()}`;
    const list = byCode.get(key) ?? [];
    if (!list.some(([year]) => year === r.year)) list.push([r.year, r.workRvu]);
    byCode.set(key, list);
  }
  for (const list of byCode.values()) list.sort((a, b) => a[0] - b[0]);
  const pick = (list: [number, number][] | undefined, year: number): number | undefined => {
    if (list === undefined) return undefined;
    let chosen = list[0];
    for (const entry of list) if (entry[0] <= year) chosen = entry;
    return chosen?.[1];
  };
  return (procedureCode, modifiers, serviceDate) => {
    const code = procedureCode.trim().toUpperCase();
    const year = Number(serviceDate.slice(0, 4));
    for (const m of modifiers) {
      const hit = pick(byCode.get(`${code}|${m.trim().toUpperCase()}`), year);
      if (hit !== undefined) return hit;
    }
    return pick(byCode.get(`${code}|`), year);
  };
}
