/**
 * Medicare allowed amounts from the CMS Physician Fee Schedule:
 *
 *   fee = (work RVU × work GPCI + PE RVU × PE GPCI + MP RVU × MP GPCI) × conversion factor
 *
 * with the facility or non-facility PE RVU. ROUNDING (what CMS publishes in its locality fee files
 * and what we apply): the three GPCI-adjusted products and their sum are NOT rounded; the sum is
 * multiplied by the conversion factor exactly (decimal arithmetic, no binary floats) and the fee
 * is rounded once to the cent, half away from zero. Modifiers 26 and TC (and any other modifier
 * the RVU file lists its own row for, e.g. 53) are priced from the file's own row for that modifier.
 */
import type { Gpci, MedicareRvu, SettingClass } from '../model/contracts';
import type { Cents } from '../money';
import { formatCents } from '../money';
import { err, ok, type Result } from '../result';
import { add, decimal, decimalText, dollarsToCents, multiply, type Decimal } from './decimal';

/** One line of the explanation a manager can read to a payer: what was done, and the amount after it. */
export interface PricingStep {
  readonly text: string;
  readonly cents: Cents;
}

/** Why a code cannot be priced (or priced only at $0). */
export type PricingFlag =
  | 'no-rvu'
  | 'no-gpci'
  | 'bundled'
  | 'non-covered'
  | 'not-valid-for-medicare'
  | 'carrier-priced'
  | 'not-priced-in-setting'
  | 'no-component-row'
  | 'no-contract'
  | 'excluded'
  | 'lesser-of-billed';

export interface PricingProblem {
  readonly flag: PricingFlag;
  readonly message: string;
}

/** The RVU and GPCI rows of one or more Medicare years, indexed for lookups. */
export interface MedicareIndex {
  readonly rvus: ReadonlyMap<string, MedicareRvu>;
  readonly gpcis: ReadonlyMap<string, Gpci>;
  /** Years present in the RVU rows, ascending. */
  readonly years: readonly number[];
}

const rvuKey = (year: number, code: string, modifier: string) => `${year}|${code.trim().toUpperCase()}|${modifier.trim().toUpperCase()}`;
const gpciKey = (year: number, locality: string) => `${year}|${locality}`;

/** Indexes imported RVU and GPCI rows (a later row for the same key replaces an earlier one). */
export function medicareIndex(rvus: Iterable<MedicareRvu>, gpcis: Iterable<Gpci>): MedicareIndex {
  const r = new Map<string, MedicareRvu>();
  const years = new Set<number>();
  for (const row of rvus) {
    r.set(rvuKey(row.year, row.procedureCode, row.modifier), row);
    years.add(row.year);
  }
  const g = new Map<string, Gpci>();
  for (const row of gpcis) g.set(gpciKey(row.year, row.locality), row);
  return { rvus: r, gpcis: g, years: [...years].sort((a, b) => a - b) };
}

/** The modifiers that select a row of their own in the RVU file (26, TC, 53 …) for this code. */
export function rvuRow(index: MedicareIndex, year: number, code: string, modifiers: readonly string[]): Result<MedicareRvu, PricingProblem> {
  for (const m of modifiers) {
    const own = index.rvus.get(rvuKey(year, code, m));
    if (own !== undefined) return ok(own);
  }
  const global = index.rvus.get(rvuKey(year, code, ''));
  if (global === undefined) return err({ flag: 'no-rvu', message: `${year} Medicare RVU file has no row for ${code}` });
  const component = modifiers.find((m) => m === '26' || m === 'TC');
  if (component !== undefined && (global.pcTcIndicator === '1' || global.pcTcIndicator === '6')) {
    return err({ flag: 'no-component-row', message: `${year} Medicare RVU file has no ${component} row for ${code}` });
  }
  return ok(global);
}

/** The GPCIs of a locality (`MAC-locality`) in a year. */
export function gpciRow(index: MedicareIndex, year: number, locality: string): Result<Gpci, PricingProblem> {
  const row = index.gpcis.get(gpciKey(year, locality));
  return row === undefined ? err({ flag: 'no-gpci', message: `no ${year} GPCIs for Medicare locality ${locality}` }) : ok(row);
}

/** Status codes whose RVUs are paid under the fee schedule. */
const PAYABLE = new Set(['A', 'R', 'T']);
const BUNDLED = new Set(['B', 'P']);
const NON_COVERED = new Set(['N', 'X', 'E', 'M']);

export interface MedicareAllowed {
  /** The Medicare fee for one unit, rounded to the cent. */
  readonly cents: Cents;
  /** The GPCI-adjusted RVU total before the conversion factor, exact. */
  readonly adjustedRvus: Decimal;
  /** The setting whose PE RVU was used (facility when the file says the service is not paid in an office). */
  readonly setting: SettingClass;
  readonly steps: readonly PricingStep[];
  /** Set when the status code pays $0 (bundled, non-covered). */
  readonly flag?: PricingFlag | undefined;
}

/**
 * The Medicare allowed amount of one unit of a code in a locality: the CMS formula, exact, with
 * one rounding to the cent (half away from zero). Status B/P price at $0 (bundled), N/X/E/M at $0
 * (not covered); I, C and other statuses have no fee-schedule amount and return a problem.
 */
export function medicareAllowed(rvu: MedicareRvu, gpci: Gpci, setting: SettingClass): Result<MedicareAllowed, PricingProblem> {
  const label = `${rvu.procedureCode}${rvu.modifier === '' ? '' : `-${rvu.modifier}`}`;
  const status = rvu.statusCode.trim().toUpperCase();
  if (BUNDLED.has(status) || NON_COVERED.has(status)) {
    const flag: PricingFlag = BUNDLED.has(status) ? 'bundled' : 'non-covered';
    const why = flag === 'bundled' ? 'bundled into another service, no separate payment' : 'not covered by Medicare';
    return ok({ cents: 0, adjustedRvus: decimal(0), setting, flag, steps: [{ text: `Medicare ${rvu.year} status ${status} for ${label}: ${why}: $0.00`, cents: 0 }] });
  }
  if (!PAYABLE.has(status)) {
    const flag: PricingFlag = status === 'C' ? 'carrier-priced' : 'not-valid-for-medicare';
    return err({ flag, message: `Medicare ${rvu.year} status ${status} for ${label}: no fee-schedule amount (${flag === 'carrier-priced' ? 'priced by the Medicare contractor' : 'not valid for Medicare'})` });
  }
  let used = setting;
  const notes: string[] = [];
  if (setting === 'non-facility' && rvu.nonFacilityNa) {
    used = 'facility';
    notes.push('not paid in an office setting (NA): facility PE used');
  } else if (setting === 'facility' && rvu.facilityNa) {
    return err({ flag: 'not-priced-in-setting', message: `Medicare ${rvu.year}: ${label} has no facility price (NA)` });
  }
  const pe = used === 'facility' ? rvu.facilityPeRvu : rvu.nonFacilityPeRvu;
  const adjusted = add(add(multiply(decimal(rvu.workRvu), decimal(gpci.workGpci)), multiply(decimal(pe), decimal(gpci.peGpci))), multiply(decimal(rvu.mpRvu), decimal(gpci.mpGpci)));
  const dollars = multiply(adjusted, decimal(rvu.conversionFactor));
  const cents = dollarsToCents(dollars);
  const steps: PricingStep[] = [
    {
      text:
        `Medicare ${rvu.year} RVUs for ${label} (status ${status}): work ${rvu.workRvu}, ${used} PE ${pe}, MP ${rvu.mpRvu}` +
        (notes.length > 0 ? ` (${notes.join('; ')})` : ''),
      cents: 0,
    },
    { text: `GPCIs for locality ${gpci.locality} ${gpci.localityName}: work ${gpci.workGpci}, PE ${gpci.peGpci}, MP ${gpci.mpGpci}`, cents: 0 },
    {
      text:
        `Medicare allowed = (${rvu.workRvu} × ${gpci.workGpci} + ${pe} × ${gpci.peGpci} + ${rvu.mpRvu} × ${gpci.mpGpci}) × ${rvu.conversionFactor}` +
        ` = ${decimalText(adjusted)} × ${rvu.conversionFactor} = ${decimalText(dollars)}, rounded to the cent: ${formatCents(cents)}`,
      cents,
    },
  ];
  return ok({ cents, adjustedRvus: adjusted, setting: used, steps });
}

/** What `medicareFee` needs to find the rows: code, modifiers, year, locality and setting. */
export interface MedicareQuery {
  readonly code: string;
  readonly modifiers?: readonly string[] | undefined;
  readonly year: number;
  readonly locality: string;
  readonly setting: SettingClass;
}

/** Looks up the RVU row (the file's own 26/TC row when one applies) and GPCIs, then prices one unit. */
export function medicareFee(index: MedicareIndex, query: MedicareQuery): Result<MedicareAllowed & { readonly rvu: MedicareRvu }, PricingProblem> {
  const rvu = rvuRow(index, query.year, query.code, (query.modifiers ?? []).map((m) => m.trim().toUpperCase()));
  if (!rvu.ok) return rvu;
  const gpci = gpciRow(index, query.year, query.locality);
  if (!gpci.ok) return gpci;
  const fee = medicareAllowed(rvu.value, gpci.value, query.setting);
  return fee.ok ? ok({ ...fee.value, rvu: rvu.value }) : fee;
}
