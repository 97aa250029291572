/**
 * The expected allowed amount of a service under a payer's contract, with the steps that produced
 * it. Order of operations (each percentage rounds to the cent, half away from zero):
 *
 *  1. the contract rate for one unit: a fixed fee-schedule rate (a carve-out when the payer also has
 *     percent-of-Medicare terms), or percent × the Medicare allowed amount of the code;
 *  2. bilateral: modifier 50 on a code with bilateral indicator 1 pays the contract's bilateral percent;
 *  3. units;
 *  4. multiple-procedure reduction (indicator 2): every unit of every indicator-2 line on the same
 *     claim and date of service is ranked by its allowed amount (highest first, NOT claim order);
 *     the first pays the contract's first percent, the others the next ones (100 / 50 by default);
 *  5. lesser of the billed charge and the contract amount, when the contract says so.
 *
 * Status codes: B/P (bundled) and N/X/E/M (non-covered) price at $0 under percent-of-Medicare
 * terms; I and C have no Medicare amount and are priced only by a fee-schedule row (a carve-out).
 */
import type { ContractTerm, FeeScheduleRate, MedicareRvu, SettingClass } from '../model';
import type { Cents } from '../money';
import { assertCents, formatCents } from '../money';
import type { CalendarDate } from '../period';
import { err, ok, type Result } from '../result';
import { rateInForce, termInForce, type ContractBook } from './book';
import { percentOfCents } from './decimal';
import { medicareFee, rvuRow, type MedicareAllowed, type PricingFlag, type PricingProblem, type PricingStep } from './medicare';

/** One service line to price. */
export interface ServiceLine {
  /** Payer id and/or name as the remittance or charge names it; any of them may match the contract. */
  readonly payer: string | readonly string[];
  readonly code: string;
  readonly modifiers?: readonly string[] | undefined;
  readonly units?: number | undefined;
  readonly billedCents?: Cents | undefined;
  readonly serviceDate: CalendarDate;
  readonly setting?: SettingClass | undefined;
}

export type PricingBasis = 'fee-schedule' | 'carve-out' | 'percent-of-medicare' | 'excluded';

export interface ExpectedAmount {
  /** Expected allowed amount for the whole line (all units), in cents. */
  readonly cents: Cents;
  readonly steps: readonly PricingStep[];
  readonly basis: PricingBasis;
  /** Conditions a manager should know about (bundled, non-covered, lesser-of billed …). */
  readonly flags: readonly PricingFlag[];
  /** The contract rate for one unit, before bilateral, units, reductions and lesser-of. */
  readonly rateCents: Cents;
  /** Medicare allowed for one unit in the contract's locality, when it could be priced. */
  readonly medicareCents?: Cents | undefined;
  /** Ranks of this line's units among the claim's multiple procedures (1 = highest), when reduced. */
  readonly multipleProcedureRanks?: readonly number[] | undefined;
  /** What the line would be without the multiple-procedure reduction (for the ranking check). */
  readonly unreducedCents: Cents;
  readonly term?: ContractTerm | undefined;
  readonly rate?: FeeScheduleRate | undefined;
}

export interface PricingOptions {
  /** Medicare locality (`MAC-locality`) used when a contract term does not name one. */
  readonly locality?: string | undefined;
}

const DEFAULT_MPPR = [100, 50] as const;

function payersOf(line: ServiceLine): string[] {
  return (typeof line.payer === 'string' ? [line.payer] : [...line.payer]).filter((p) => p.trim() !== '');
}

function pricingModifiers(line: ServiceLine): string[] {
  return (line.modifiers ?? []).map((m) => m.trim().toUpperCase()).filter((m) => m !== '');
}

/** The Medicare year a line is priced in: the contract's, else the date of service's, else the latest imported. */
function medicareYear(book: ContractBook, term: ContractTerm | undefined, date: CalendarDate): number | undefined {
  if (term?.medicareYear !== undefined) return term.medicareYear;
  const year = Number(date.slice(0, 4));
  const years = book.medicare.years;
  if (years.includes(year)) return year;
  const earlier = years.filter((y) => y <= year);
  return earlier[earlier.length - 1] ?? years[years.length - 1];
}

interface LineRate {
  readonly line: ServiceLine;
  readonly basis: PricingBasis;
  readonly rateCents: Cents;
  /** After bilateral: one unit as it enters the multiple-procedure ranking. */
  readonly unitCents: Cents;
  readonly units: number;
  readonly steps: PricingStep[];
  readonly flags: PricingFlag[];
  readonly medicareCents: Cents | undefined;
  readonly rvu: MedicareRvu | undefined;
  readonly term: ContractTerm | undefined;
  readonly rate: FeeScheduleRate | undefined;
}

function describeTerm(t: ContractTerm): string {
  const what = t.percentOfMedicare === undefined ? 'fee schedule' : `${t.percentOfMedicare}% of Medicare${t.medicareYear === undefined ? '' : ` ${t.medicareYear}`}`;
  const where = t.locality === undefined ? '' : `, locality ${t.locality}`;
  return `Contract ${t.payer}${t.plan === undefined ? '' : ` ${t.plan}`}: ${what}${where}${t.setting === undefined ? '' : `, ${t.setting} rates`}, in force ${t.effectiveFrom} to ${t.effectiveTo ?? 'open'}`;
}

/** Steps 1–3 for one line: contract rate, bilateral, units. */
function rateLine(book: ContractBook, line: ServiceLine, options: PricingOptions): Result<LineRate, PricingProblem> {
  const payers = payersOf(line);
  const modifiers = pricingModifiers(line);
  const code = line.code.trim().toUpperCase();
  const units = line.units ?? 1;
  if (!(units > 0)) return err({ flag: 'no-contract', message: `units must be positive (got ${units})` });
  const term = termInForce(book, payers, line.serviceDate);
  const setting: SettingClass = term?.setting ?? line.setting ?? 'non-facility';
  const component = modifiers.find((m) => m === '26' || m === 'TC');
  const scheduled = rateInForce(book, payers, code, modifiers, setting, line.serviceDate);
  // A global rate is not the price of a professional or technical component.
  const rate = component !== undefined && scheduled !== undefined && !scheduled.excluded && scheduled.modifier !== component ? undefined : scheduled;
  const year = medicareYear(book, term, line.serviceDate);
  const rvu = year === undefined ? undefined : rvuRow(book.medicare, year, code, modifiers);
  const locality = term?.locality ?? options.locality;
  const medicare: Result<MedicareAllowed, PricingProblem> | undefined =
    year !== undefined && locality !== undefined ? medicareFee(book.medicare, { code, modifiers, year, locality, setting }) : undefined;
  const medicareCents = medicare?.ok === true && medicare.value.flag === undefined ? medicare.value.cents : undefined;
  const steps: PricingStep[] = [];
  const flags: PricingFlag[] = [];
  const label = `${code}${modifiers.length > 0 ? `-${modifiers.join('-')}` : ''}`;

  if (term !== undefined) steps.push({ text: describeTerm(term), cents: 0 });
  let basis: PricingBasis;
  let rateCents: Cents;
  if (rate !== undefined) {
    const schedule = `${rate.payer}${rate.plan === undefined ? '' : ` ${rate.plan}`} fee schedule (in force ${rate.effectiveFrom} to ${rate.effectiveTo ?? 'open'})`;
    if (rate.excluded) {
      steps.push({ text: `${label} is excluded by the ${schedule}: $0.00`, cents: 0 });
      return ok({ line, basis: 'excluded', rateCents: 0, unitCents: 0, units, steps, flags: ['excluded'], medicareCents, rvu: rvu?.ok ? rvu.value : undefined, term, rate });
    }
    basis = term?.percentOfMedicare !== undefined ? 'carve-out' : 'fee-schedule';
    rateCents = assertCents(rate.rateCents ?? 0);
    const mod = rate.modifier === '' ? '' : `-${rate.modifier}`;
    steps.push({
      text: `${basis === 'carve-out' ? 'Carve-out: ' : ''}${rate.procedureCode}${mod} at ${formatCents(rateCents)} per unit from the ${schedule}`,
      cents: rateCents,
    });
  } else if (term?.percentOfMedicare !== undefined) {
    if (locality === undefined) return err({ flag: 'no-gpci', message: `${describeTerm(term)}: no Medicare locality is set for it` });
    if (medicare === undefined) return err({ flag: 'no-rvu', message: `no Medicare RVU file is imported to price ${label}` });
    if (!medicare.ok) return medicare;
    basis = 'percent-of-medicare';
    steps.push(...medicare.value.steps);
    if (medicare.value.flag !== undefined) {
      flags.push(medicare.value.flag);
      rateCents = 0;
    } else {
      rateCents = percentOfCents(medicare.value.cents, term.percentOfMedicare);
      steps.push({ text: `${term.percentOfMedicare}% of Medicare ${formatCents(medicare.value.cents)} = ${formatCents(rateCents)} per unit`, cents: rateCents });
    }
  } else if (scheduled !== undefined && component !== undefined) {
    return err({ flag: 'no-component-row', message: `the ${scheduled.payer} fee schedule has a rate for ${code} but none for its ${component} component` });
  } else {
    const who = payers.join(' / ') || 'the payer';
    return err({ flag: 'no-contract', message: `no contract for ${who} prices ${label} on ${line.serviceDate}` });
  }

  let unitCents = rateCents;
  const rvuRowValue = rvu?.ok === true ? rvu.value : undefined;
  if (modifiers.includes('50') && rate?.modifier !== '50') {
    const indicator = rvuRowValue?.bilateralIndicator;
    if (indicator === '1') {
      const percent = term?.bilateralPercent ?? 150;
      unitCents = percentOfCents(rateCents, percent);
      steps.push({ text: `Bilateral (modifier 50, indicator 1): ${percent}% of ${formatCents(rateCents)} = ${formatCents(unitCents)}`, cents: unitCents });
    } else {
      steps.push({ text: `Modifier 50: no bilateral adjustment (bilateral indicator ${indicator ?? 'unknown'})`, cents: unitCents });
    }
  }
  return ok({ line, basis, rateCents, unitCents, units, steps, flags, medicareCents, rvu: rvuRowValue, term, rate });
}

function timesUnits(cents: Cents, units: number): Cents {
  return units === 1 ? cents : percentOfCents(cents, units * 100);
}

/**
 * Prices the lines of one claim. Lines with multiple-procedure indicator 2 on the same date of
 * service are ranked together by allowed amount (ties keep claim order), whatever order they came in.
 */
export function expectedForClaim(book: ContractBook, lines: readonly ServiceLine[], options: PricingOptions = {}): Result<ExpectedAmount, PricingProblem>[] {
  const rated = lines.map((l) => rateLine(book, l, options));
  // Ranking slots: one per whole unit of each reducible line.
  const slots: { line: number; cents: Cents; date: string }[] = [];
  rated.forEach((r, i) => {
    if (!r.ok || r.value.rvu?.multipleProcedureIndicator !== '2' || r.value.unitCents === 0) return;
    if (!Number.isInteger(r.value.units)) return;
    for (let u = 0; u < r.value.units; u++) slots.push({ line: i, cents: r.value.unitCents, date: r.value.line.serviceDate });
  });
  const ranks = new Map<number, { rank: number; of: number; cents: Cents; percent: number }[]>();
  for (const date of new Set(slots.map((s) => s.date))) {
    const group = slots.filter((s) => s.date === date);
    if (group.length < 2) continue;
    const ordered = [...group].sort((a, b) => b.cents - a.cents || a.line - b.line); // stable: claim order on ties
    ordered.forEach((s, k) => {
      const term = rated[s.line]?.ok ? (rated[s.line] as { value: LineRate }).value.term : undefined;
      const percents = term?.multipleProcedurePercents ?? DEFAULT_MPPR;
      const percent = percents[Math.min(k, percents.length - 1)] ?? 100;
      const list = ranks.get(s.line) ?? [];
      list.push({ rank: k + 1, of: ordered.length, cents: percentOfCents(s.cents, percent), percent });
      ranks.set(s.line, list);
    });
  }

  return rated.map((r, i) => {
    if (!r.ok) return r;
    const v = r.value;
    const steps = [...v.steps];
    const flags = [...v.flags];
    const unreduced = timesUnits(v.unitCents, v.units);
    let cents = unreduced;
    if (v.units !== 1 && v.basis !== 'excluded') steps.push({ text: `× ${v.units} units = ${formatCents(unreduced)}`, cents: unreduced });
    const lineRanks = ranks.get(i);
    if (lineRanks !== undefined) {
      cents = assertCents(lineRanks.reduce((s, x) => s + x.cents, 0));
      const parts = lineRanks.map((x) => `rank ${x.rank} of ${x.of}: ${x.percent}% of ${formatCents(v.unitCents)} = ${formatCents(x.cents)}`);
      steps.push({ text: `Multiple procedures (indicator 2), ranked by allowed amount: ${parts.join('; ')}; line total ${formatCents(cents)}`, cents });
    }
    const lesserOf = v.term?.lesserOfBilled ?? true;
    const billed = v.line.billedCents;
    if (lesserOf && billed !== undefined && billed < cents) {
      steps.push({ text: `Lesser of billed ${formatCents(billed)} and contract ${formatCents(cents)}: ${formatCents(billed)}`, cents: billed });
      cents = billed;
      flags.push('lesser-of-billed');
    }
    steps.push({ text: `Expected allowed: ${formatCents(cents)}`, cents });
    return ok({
      cents,
      steps,
      basis: v.basis,
      flags,
      rateCents: v.rateCents,
      medicareCents: v.medicareCents,
      multipleProcedureRanks: lineRanks?.map((x) => x.rank),
      unreducedCents: unreduced,
      term: v.term,
      rate: v.rate,
    });
  });
}

/** The expected allowed amount of one service line (a claim of one line), with its steps. */
export function expectedAmount(book: ContractBook, line: ServiceLine, options: PricingOptions = {}): Result<ExpectedAmount, PricingProblem> {
  const [result] = expectedForClaim(book, [line], options);
  if (result === undefined) throw new Error('expectedForClaim returned no result for one line');
  return result;
}

/** A contract rate as a fraction of the Medicare allowed amount (1.15 = 115 %), or null without a Medicare amount. */
export function percentOfMedicare(rateCents: Cents, medicareCents: Cents | undefined): number | null {
  return medicareCents === undefined || medicareCents === 0 ? null : rateCents / medicareCents;
}
