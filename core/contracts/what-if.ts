/**
 * Renegotiation what-ifs: last year's volumes per payer and code, priced at today's contract rates
 * and at a proposed percent of Medicare, so a manager sees the annual revenue change of a proposal.
 *
 * Proposed revenue of a payer = Σ units × (proposed % × Medicare allowed, rounded to the cent) over
 * the codes Medicare prices, + Σ units × current rate over the codes it does not (a carve-out stays).
 */
import type { Cents } from '../money';
import { assertCents, roundCents } from '../money';
import { addMonths, endOfMonth, type CalendarDate, type MonthKey } from '../period';
import type { ContractBook } from './book';
import { percentOfCents } from './decimal';
import type { PaymentCheck } from './expected-vs-paid';
import { medicareFee } from './medicare';
import { expectedAmount } from './pricing';

export interface VolumeRow {
  readonly payer: string;
  readonly code: string;
  /** The pricing modifier (26 or TC) or ''. */
  readonly modifier: string;
  readonly units: number;
  /** Today's contract rate for one unit; null when no contract prices the code. */
  readonly rateCents: Cents | null;
  /** Medicare allowed for one unit (non-facility) in the practice's locality; null when Medicare does not price it. */
  readonly medicareCents: Cents | null;
}

export interface Volumes {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly rows: readonly VolumeRow[];
}

export interface VolumeOptions {
  /** Medicare locality (`MAC-locality`) of the practice. */
  readonly locality: string | undefined;
  readonly medicareYear: number | undefined;
  /** The date today's rates are read at (default: the end of the volume window). */
  readonly rateDate?: CalendarDate | undefined;
}

const pricingModifier = (modifiers: readonly string[]) => modifiers.map((m) => m.toUpperCase()).find((m) => m === '26' || m === 'TC') ?? '';

/** Units per payer and code over the 12 months of service ending with the last month in the checks. */
export function lastYearVolumes(book: ContractBook, checks: readonly PaymentCheck[], options: VolumeOptions): Volumes {
  const months = checks.map((c) => c.month).filter((m): m is MonthKey => m !== undefined && m !== '');
  const last = months.reduce<MonthKey | undefined>((a, m) => (a === undefined || m > a ? m : a), undefined);
  if (last === undefined) return { from: '', to: '', rows: [] };
  const first = addMonths(last, -11);
  const from = `${first}-01`;
  const to = endOfMonth(last);
  const units = new Map<string, { payer: string; code: string; modifier: string; units: number }>();
  for (const c of checks) {
    if (c.month === undefined || c.month < first || c.month > last || c.classification === 'not-compared') continue;
    // A 26/TC modifier counts only where the RVU file or a fee schedule prices that component apart.
    const component = pricingModifier(c.modifiers);
    const modifier =
      component !== '' &&
      ((options.medicareYear !== undefined && book.medicare.rvus.has(`${options.medicareYear}|${c.code.toUpperCase()}|${component}`)) ||
        (book.ratesByCode.get(c.code.toUpperCase()) ?? []).some((r) => r.modifier === component))
        ? component
        : '';
    const key = `${c.payer}\u0000${c.code}\u0000${modifier}`;
    const row = units.get(key) ?? { payer: c.payer, code: c.code, modifier, units: 0 };
    row.units += c.units;
    units.set(key, row);
  }
  const rateDate = options.rateDate ?? to;
  const rows = [...units.values()]
    .map((r): VolumeRow => {
      const priced = expectedAmount(book, { payer: r.payer, code: r.code, modifiers: r.modifier === '' ? [] : [r.modifier], units: 1, serviceDate: rateDate }, { locality: options.locality });
      const medicare =
        options.locality !== undefined && options.medicareYear !== undefined
          ? medicareFee(book.medicare, { code: r.code, modifiers: r.modifier === '' ? [] : [r.modifier], year: options.medicareYear, locality: options.locality, setting: 'non-facility' })
          : undefined;
      return {
        ...r,
        rateCents: priced.ok ? priced.value.rateCents : null,
        medicareCents: medicare?.ok === true && medicare.value.flag === undefined ? medicare.value.cents : null,
      };
    })
    .sort((a, b) => a.payer.localeCompare(b.payer) || a.code.localeCompare(b.code) || a.modifier.localeCompare(b.modifier));
  return { from, to, rows };
}

export interface WhatIfResult {
  readonly payer: string;
  readonly units: number;
  readonly currentCents: Cents;
  /** Σ units × Medicare allowed over the codes Medicare prices (the base of a percent-of-Medicare proposal). */
  readonly medicareCents: Cents;
  readonly proposedPercent: number;
  readonly proposedCents: Cents;
  readonly changeCents: Cents;
}

/**
 * Annual revenue at the current rates and at `percent` % of Medicare for one payer's volumes
 * (a code without a Medicare amount keeps its current rate; a code without a contract rate counts $0).
 */
export function whatIf(volumes: readonly VolumeRow[], payer: string, percent: number): WhatIfResult {
  let units = 0;
  let current = 0;
  let proposed = 0;
  let medicare = 0;
  for (const r of volumes) {
    if (r.payer !== payer) continue;
    units += r.units;
    const rate = r.rateCents ?? 0;
    // Units are whole in practice; fractional units (minutes) round each product to the cent.
    current += roundCents(r.units * rate);
    if (r.medicareCents === null || r.medicareCents === 0) proposed += roundCents(r.units * rate);
    else {
      proposed += roundCents(r.units * percentOfCents(r.medicareCents, percent));
      medicare += roundCents(r.units * r.medicareCents);
    }
  }
  return {
    payer,
    units,
    currentCents: assertCents(current),
    medicareCents: assertCents(medicare),
    proposedPercent: percent,
    proposedCents: assertCents(proposed),
    changeCents: assertCents(proposed - current),
  };
}

/** Today's revenue of a payer as a percent of Medicare on the same volumes (e.g. 118.4), or null. */
export function currentPercentOfMedicare(volumes: readonly VolumeRow[], payer: string): number | null {
  let paid = 0;
  let medicare = 0;
  for (const r of volumes) {
    if (r.payer !== payer || r.medicareCents === null || r.medicareCents === 0 || r.rateCents === null) continue;
    paid += r.units * r.rateCents;
    medicare += r.units * r.medicareCents;
  }
  return medicare === 0 ? null : (paid / medicare) * 100;
}

export interface RateChangeResult {
  readonly payer: string;
  readonly currentCents: Cents;
  /** Percent change of every current rate (3.5 = +3.5 %). */
  readonly changePercent: number;
  readonly proposedCents: Cents;
  readonly changeCents: Cents;
}

/**
 * Annual revenue if every current rate of a payer changed by `changePercent` % (each new rate
 * rounded to the cent), on the same volumes: the "3 % across the board" proposal.
 */
export function whatIfRateChange(volumes: readonly VolumeRow[], payer: string, changePercent: number): RateChangeResult {
  let current = 0;
  let proposed = 0;
  for (const r of volumes) {
    if (r.payer !== payer || r.rateCents === null) continue;
    current += roundCents(r.units * r.rateCents);
    proposed += roundCents(r.units * percentOfCents(r.rateCents, 100 + changePercent));
  }
  return { payer, currentCents: assertCents(current), changePercent, proposedCents: assertCents(proposed), changeCents: assertCents(proposed - current) };
}
