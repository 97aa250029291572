/**
 * The wRVU hook. Work RVUs come only from the CMS physician fee schedule RVU file (PPRRVU), which a
 * connector imports as `medicare-rvu` records into `dataset.other`. Without it, wRVU KPIs are
 * "not available": RVUs are never invented.
 *
 * Fields read from each record (the MedicareRvu schema of DESIGN.md section 3):
 * `procedureCode` (or `code`), optional `modifier`, and `workRvu` (a number).
 */
import type { Dataset } from '../dataset';

/** The record type the RVU connector produces. */
export const RVU_RECORD_TYPE = 'medicare-rvu';

/** Work RVU for one unit of a code (with its modifier, falling back to the code without one). */
export type WorkRvuLookup = (procedureCode: string, modifiers: readonly string[]) => number | undefined;

/** Builds the lookup from the dataset's RVU records, or returns undefined when none were imported. */
export function workRvuLookup(dataset: Dataset): WorkRvuLookup | undefined {
  const records = dataset.other.get(RVU_RECORD_TYPE);
  if (records === undefined || records.length === 0) return undefined;
  const byCode = new Map<string, number>();
  for (const record of records as readonly unknown[]) {
    if (typeof record !== 'object' || record === null) continue;
    const r = record as Record<string, unknown>;
    const code = typeof r.procedureCode === 'string' ? r.procedureCode : typeof r.code === 'string' ? r.code : undefined;
    const work = typeof r.workRvu === 'number' ? r.workRvu : undefined;
    if (code === undefined || work === undefined) continue;
    const modifier = typeof r.modifier === 'string' ? r.modifier.trim().toUpperCase() : '';
    const key = `${code.trim().toUpperCase()}|${modifier}`;
    if (!byCode.has(key)) byCode.set(key, work);
  }
  if (byCode.size === 0) return undefined;
  return (procedureCode, modifiers) => {
    const code = procedureCode.trim().toUpperCase();
    for (const m of modifiers) {
      const hit = byCode.get(`${code}|${m.trim().toUpperCase()}`);
      if (hit !== undefined) return hit;
    }
    return byCode.get(`${code}|`);
  };
}
